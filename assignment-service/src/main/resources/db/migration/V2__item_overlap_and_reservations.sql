-- Per-item overlap: an item may carry its own k. null means the project's annotatorsPerItem; a project
-- change never touches this column, so an item keeps its own overlap whatever the project decides later.
alter table pool_item add column annotators_per_item integer check (annotators_per_item >= 1);

-- Reserved slots: reserved counts the item's slots held by assignees who have not leased it yet. They are
-- part of the item's k, so the pool may hand out only required - taken - reserved slots; an assignee's
-- lease turns one reserved slot into a taken one.
alter table pool_item add column reserved integer not null default 0 check (reserved >= 0);

-- available now leaves the reserved slots out. A generated column's expression cannot be replaced on every
-- supported server version, so the column and the claim index on it are rebuilt.
drop index pool_item_claimable;
alter table pool_item drop column available;
alter table pool_item add column available boolean
    generated always as (not closed and required is not null and taken + reserved < required) stored;
create index pool_item_claimable on pool_item (project_id, rank_at, item_id)
    where available and kind = 'REGULAR' and not pilot;

-- One row per slot an assignee holds on an item, from ingestion until that assignee leases the item; the
-- lease deletes it in the same statement that takes the slot. Rows of closed items stay and are not served.
create table reservation (
    item_id      uuid not null references pool_item (item_id),
    annotator_id text not null,
    project_id   uuid not null,
    primary key (item_id, annotator_id)
);
-- the claim's lookup: an annotator's reservations in a project
create index reservation_of_annotator on reservation (project_id, annotator_id);

-- How many reservations the annotator holds in the project, read with the progress row the claim locks
-- anyway: at zero the claim skips the reservation lookup altogether.
alter table annotator_progress add column reservations integer not null default 0 check (reservations >= 0);
