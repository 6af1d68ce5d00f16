-- The latest calibration verdict of each project, from the compacted labeling.project-quality topic: the gate
-- before a project moves from PILOT to ACTIVE.
create table calibration_verdict (
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
