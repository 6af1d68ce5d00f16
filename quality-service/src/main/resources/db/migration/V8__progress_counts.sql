-- A project's regular items by progress group (decision, whether labelling started, own k), with their labels,
-- so that the progress a manager or annotator polls reads a few rows instead of every item of the project.
--
-- Triggers on quality_item append a row of deltas per group that a statement changed; nothing here is ever
-- updated in place, so concurrent item transactions never wait for each other on a shared counter row. A reader
-- sums a project's rows, and folds them into one row per group once they have piled up
-- (QualityItemRepository.progress), under an advisory lock so that two readers do not fold the same rows.
create table quality_progress_count (
    project_id          uuid    not null,
    decision            text,
    started             boolean not null,
    annotators_per_item integer,
    items               bigint  not null,
    labels              bigint  not null
);
create index quality_progress_count_project on quality_progress_count (project_id);

-- One statement-level trigger per event: transition tables cannot serve several events in one trigger. Each
-- aggregates what its statement changed, so a bulk update (a rebuild's reset) appends a few rows, not one per item.
create function quality_progress_inserted() returns trigger language plpgsql
    -- the tables of this schema whatever the schema path of the session that changed quality_item
    set search_path from current as $$
begin
    insert into quality_progress_count (project_id, decision, started, annotators_per_item, items, labels)
    select project_id, decision, label_count > 0, annotators_per_item, count(*), sum(label_count)
    from inserted_items where not gold
    group by 1, 2, 3, 4;
    return null;
end $$;

create function quality_progress_updated() returns trigger language plpgsql
    -- the tables of this schema whatever the schema path of the session that changed quality_item
    set search_path from current as $$
begin
    insert into quality_progress_count (project_id, decision, started, annotators_per_item, items, labels)
    select project_id, decision, started, annotators_per_item, sum(items), sum(labels)
    from (select project_id, decision, label_count > 0 as started, annotators_per_item, 1 as items,
                 label_count as labels
          from updated_items where not gold
          union all
          select project_id, decision, label_count > 0, annotators_per_item, -1, -label_count
          from previous_items where not gold) change
    group by 1, 2, 3, 4
    having sum(items) <> 0 or sum(labels) <> 0;
    return null;
end $$;

create function quality_progress_deleted() returns trigger language plpgsql
    -- the tables of this schema whatever the schema path of the session that changed quality_item
    set search_path from current as $$
begin
    insert into quality_progress_count (project_id, decision, started, annotators_per_item, items, labels)
    select project_id, decision, label_count > 0, annotators_per_item, -count(*), -sum(label_count)
    from deleted_items where not gold
    group by 1, 2, 3, 4;
    return null;
end $$;

create trigger quality_progress_insert after insert on quality_item
    referencing new table as inserted_items for each statement execute function quality_progress_inserted();
create trigger quality_progress_update after update on quality_item
    referencing old table as previous_items new table as updated_items
    for each statement execute function quality_progress_updated();
create trigger quality_progress_delete after delete on quality_item
    referencing old table as deleted_items for each statement execute function quality_progress_deleted();

insert into quality_progress_count (project_id, decision, started, annotators_per_item, items, labels)
select project_id, decision, label_count > 0, annotators_per_item, count(*), sum(label_count)
from quality_item where not gold
group by 1, 2, 3, 4;
