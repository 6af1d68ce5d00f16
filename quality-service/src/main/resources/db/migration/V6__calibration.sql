-- Calibration: the pilot's agreement per guideline version. A label keeps the guideline version its annotator
-- followed (null: stored before versions were kept), an item whether it is a pilot item.
alter table quality_label add column guideline_version integer;
alter table quality_item add column pilot boolean not null default false;
create index quality_item_pilot on quality_item (project_id) where pilot;

-- The verdict last published on labeling.project-quality per project, so that only a change is published again.
create table quality_calibration_verdict (
    project_id        uuid primary key,
    guideline_version integer          not null,
    state             text             not null,
    pilot_items       integer          not null,
    labels            bigint           not null,
    pilot_annotators  integer          not null,
    mean_kappa        double precision,
    target_kappa      double precision not null,
    min_items         integer          not null,
    assessed_at       timestamptz      not null
);
