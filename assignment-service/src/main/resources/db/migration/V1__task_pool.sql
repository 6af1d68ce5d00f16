-- The task pool: every item this service may hand out, with its slot accounting.
-- required is null until the item's project is known (items may arrive before their project).
-- taken counts the slots in use: live leases plus completed assignments; a lease that ends without a
-- label gives its slot back. available is what the claim index filters on, so a claim never scans
-- items that are full or closed.
create table pool_item (
    item_id        uuid        primary key,
    project_id     uuid        not null,
    kind           text        not null,
    pilot          boolean     not null,
    qualification  boolean     not null,
    data           jsonb       not null,
    schema_version integer     not null,
    ingested_at    timestamptz not null,
    uncertainty    double precision,
    rank_at        timestamptz not null,
    extra_labels   integer     not null default 0,
    required       integer,
    taken          integer     not null default 0,
    completed      integer     not null default 0,
    closed         boolean     not null default false,
    available      boolean generated always as (not closed and required is not null and taken < required) stored
);
-- the claim path of regular items: ordered by rank, only rows with an open slot
create index pool_item_claimable on pool_item (project_id, rank_at, item_id)
    where available and kind = 'REGULAR' and not pilot;
-- gold, qualification and pilot items: served to every annotator once, not slot-counted
create index pool_item_per_annotator on pool_item (project_id, rank_at, item_id)
    where kind = 'GOLD' or pilot;
create index pool_item_project on pool_item (project_id);

-- One row per (item, annotator) ever: the unique key makes "never the same item twice" a database rule.
create table assignment (
    assignment_id    uuid        primary key,
    item_id          uuid        not null references pool_item (item_id),
    project_id       uuid        not null,
    annotator_id     text        not null,
    counted          boolean     not null,
    status           text        not null,
    schema_version   integer     not null,
    leased_at        timestamptz not null,
    expires_at       timestamptz not null,
    ended_at         timestamptz,
    release_note     text,
    annotation_id    uuid,
    constraint assignment_once_per_annotator unique (item_id, annotator_id)
);
create index assignment_due on assignment (expires_at) where status = 'LEASED';
create index assignment_open_by_annotator on assignment (annotator_id, project_id) where status = 'LEASED';

-- What the service knows about an annotator within a project; its row lock serialises that annotator's claims.
create table annotator_progress (
    project_id           uuid    not null,
    annotator_id         text    not null,
    status               text,
    served               integer not null default 0,
    gold_served          integer not null default 0,
    qualification_served integer not null default 0,
    primary key (project_id, annotator_id)
);
