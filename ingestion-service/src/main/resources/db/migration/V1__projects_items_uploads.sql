-- Projects owned by this service; 'document' is the whole project as published on labeling.projects.
create table project (
    project_id     uuid primary key,
    name           text        not null,
    state          text        not null,
    revision       bigint      not null,
    schema_version integer     not null,
    document       jsonb       not null,
    created_by     text        not null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

-- Every schema/guidelines version a project ever had, so that events carrying a schemaVersion can be explained.
create table project_version (
    project_id     uuid        not null references project (project_id),
    schema_version integer     not null,
    schema         jsonb       not null,
    guidelines     jsonb,
    created_by     text        not null,
    created_at     timestamptz not null default now(),
    primary key (project_id, schema_version)
);

create table item (
    item_id        uuid primary key,
    seq            bigint generated always as identity unique,
    project_id     uuid        not null references project (project_id),
    external_id    text,
    content_hash   text        not null,
    -- the content hash again, but only when the project deduplicates by content: the unique index does the rest
    dedup_hash     text,
    kind           text        not null,
    pilot          boolean     not null,
    qualification  boolean     not null,
    data           jsonb       not null,
    metadata       jsonb,
    schema_version integer     not null,
    -- the ItemIngested event of this item: its outbox row tells whether it has been published yet
    event_id       uuid        not null,
    upload_id      uuid,
    ingested_at    timestamptz not null
);
create unique index item_external_id on item (project_id, external_id);
create unique index item_dedup_hash on item (project_id, dedup_hash);
create index item_listing on item (project_id, seq);

-- Known answers of gold items; published to labeling.reference-answers only.
create table reference_answer (
    item_id uuid primary key references item (item_id),
    answer  jsonb not null
);

create table upload_job (
    job_id          uuid primary key,
    project_id      uuid        not null references project (project_id),
    created_by      text        not null,
    state           text        not null,
    spool_file      text        not null,
    bytes_received  bigint      not null default 0,
    lines_committed bigint      not null default 0,
    bytes_committed bigint      not null default 0,
    accepted        bigint      not null default 0,
    duplicates      bigint      not null default 0,
    rejected        bigint      not null default 0,
    error           text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    finished_at     timestamptz
);
create index upload_job_unfinished on upload_job (state) where state in ('RECEIVING', 'QUEUED', 'RUNNING');

create table upload_rejection (
    job_id  uuid   not null references upload_job (job_id) on delete cascade,
    line_no bigint not null,
    reason  text   not null,
    primary key (job_id, line_no)
);
