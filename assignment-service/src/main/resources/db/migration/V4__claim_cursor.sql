-- The regular claim's cursor, per annotator and project. The pool is walked in (rank_at, item_id) order and an
-- annotator skips the items they already had; without a cursor every claim skipped all of them again, so an
-- annotator who had labelled many of the items still waiting for others paid for each of those on every
-- claim, and most of all on the claims that find nothing. The cursor says: every item the regular pool could
-- serve at or before (claim_after_rank, claim_after_item) was, when the cursor was set, one the annotator had
-- already had. cursor_reopens and cursor_generation are what pool_reopening said at that moment.
alter table annotator_progress
    add column claim_after_rank  timestamptz,
    add column claim_after_item  uuid,
    add column cursor_reopens    bigint not null default 0,
    add column cursor_generation bigint not null default 0;

-- Items that became claimable again at a place in the pool's order some cursor may already have passed: a slot
-- freed by a skip or an expiry, a raised overlap, an earlier rank, a forfeited or restored reservation, a
-- project's new k, an item that arrives with an earlier rank than others. reopens counts such events;
-- floor_rank is the earliest rank reopened in the current generation, previous_floor_rank in the one before.
-- A claim whose cursor saw fewer reopens starts again from the floor of the generations since its cursor
-- was set (or from the head of the pool when its cursor is older than that). Generations advance on a timer,
-- so a floor does not stay at the head of the pool for good.
create table pool_reopening (
    project_id          uuid primary key,
    reopens             bigint not null default 0,
    generation          bigint not null default 0,
    floor_rank          timestamptz,
    previous_floor_rank timestamptz
);

-- The project's items by arrival: whether a new item arrives ahead of items already stored (and so possibly
-- before a cursor) is one probe here. It replaces the index on project_id alone, whose uses it serves too.
create index pool_item_project_arrival on pool_item (project_id, ingested_at);
drop index pool_item_project;
