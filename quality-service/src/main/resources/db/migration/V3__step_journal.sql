-- The order in which steps changed a project's quality state, so that a rebuild from the annotation log applies
-- them in the same order and reaches the same state. A step is one transaction that changed an item and its
-- annotators: an annotation applied (ANNOTATION), an item assessed again without a newly quarantined annotator
-- (REASSESS), a gold item's reference answer (REFERENCE), an item's gold flag or own k from ItemIngested (ITEM).
--
-- A step takes its seq last, once it holds every row lock it takes (its item, then its annotators), and the
-- locks are held until it commits. Of two steps that touched a common row, the second waited for the first to
-- commit before taking its seq, so seq order is an order in which the steps could have run one after the
-- other, with the same result. That needs a sequence that never hands out values cached per session (CACHE 1,
-- the default of bigserial): with a cache, a step on another connection could take a smaller seq.
create table quality_step (
    seq                    bigserial primary key,
    project_id             uuid             not null,
    kind                   text             not null,
    item_id                uuid             not null,
    annotation_id          uuid,             -- ANNOTATION: the annotation and the revision that was applied
    revision               integer,
    submitted_at           timestamptz,      -- ANNOTATION without a submission time: the time it was given
    project_median_seconds double precision, -- the TOO_FAST reference the step used; null: it used none
    gold                   boolean,          -- ITEM: the item came as GOLD
    annotators_per_item    integer,          -- ITEM: the item's own k; null: the project's
    reference_answer       jsonb             -- REFERENCE: the answer
);
create index quality_step_project on quality_step (project_id, seq);

-- State applied before the journal existed is journalled as if it had happened first: each item's catalog as it
-- is now, then the latest revision of every label in submission order (their live order is not known).
insert into quality_step (project_id, kind, item_id, gold, annotators_per_item)
select project_id, 'ITEM', item_id, gold, annotators_per_item
from quality_item where gold or annotators_per_item is not null
order by project_id, item_id;

insert into quality_step (project_id, kind, item_id, reference_answer)
select project_id, 'REFERENCE', item_id, reference_answer
from quality_item where reference_answer is not null
order by project_id, item_id;

insert into quality_step (project_id, kind, item_id, annotation_id, revision)
select project_id, 'ANNOTATION', item_id, annotation_id, revision
from quality_label
order by project_id, submitted_at, annotation_id;
