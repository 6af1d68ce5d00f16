-- Items as ingested; gold labels carry their external id and reviewers see their data.
create table item (
    item_id        uuid primary key,
    project_id     uuid        not null,
    external_id    text,
    kind           text,
    data           jsonb,
    metadata       jsonb,
    schema_version integer,
    ingested_at    timestamptz
);

-- The latest revision of every annotation, shown to reviewers with the annotator's id.
create table annotation (
    annotation_id     uuid primary key,
    item_id           uuid        not null,
    project_id        uuid        not null,
    annotator_id      text        not null,
    label             jsonb       not null,
    revision          integer     not null,
    schema_version    integer     not null,
    guideline_version integer     not null,
    submitted_at      timestamptz not null
);
create index annotation_item on annotation (item_id);

-- The latest prediction of each model for an item.
create table prediction (
    item_id      uuid        not null,
    model_id     text        not null,
    project_id   uuid        not null,
    distribution jsonb,
    label        jsonb,
    predicted_at timestamptz not null,
    primary key (item_id, model_id)
);

-- The latest measured quality of each annotator per project.
create table annotator_quality (
    project_id     uuid        not null,
    annotator_id   text        not null,
    status         text        not null,
    gold_accuracy  double precision,
    agreement      double precision,
    label_count    integer     not null,
    assessed_at    timestamptz not null,
    primary key (project_id, annotator_id)
);

-- The latest consensus quality published for an item.
create table assessment (
    item_id         uuid primary key,
    project_id      uuid             not null,
    decision        text             not null,
    consensus_label jsonb,
    confidence      double precision not null,
    agreement       double precision,
    method          text,
    label_count     integer          not null,
    annotation_ids  jsonb            not null,
    schema_version  integer          not null,
    assessed_at     timestamptz      not null
);

-- Items waiting for (or done with) a reviewer. A live lease is lease_id set and lease_expires_at in the future.
create table review_item (
    item_id          uuid primary key,
    project_id       uuid        not null,
    state            text        not null,   -- PENDING, DECIDED, RETURNED, INVALID
    reason           text        not null,   -- DISPUTED, LOW_CONFIDENCE, SPOT_CHECK, GOLD_CHALLENGED, PROJECT_UNKNOWN
    queued_at        timestamptz not null,
    lease_id         uuid,
    lease_holder     text,
    lease_expires_at timestamptz,
    closed_by        text,
    closed_at        timestamptz,
    note             text
);
create index review_item_queue on review_item (project_id, queued_at) where state = 'PENDING';

-- Every version ever published; document is the exact NDJSON line of the version, never rewritten.
create table gold_version (
    item_id     uuid        not null,
    version     integer     not null,
    project_id  uuid        not null,
    decided_by  text        not null,
    decided_at  timestamptz not null,
    document    text        not null,
    primary key (item_id, version)
);

-- The current gold set: one row per item in the dataset (deleted when the item is invalidated).
create table gold_current (
    item_id     uuid primary key,
    project_id  uuid        not null,
    version     integer     not null,
    decided_by  text        not null,
    label       jsonb       not null,
    decided_at  timestamptz not null
);
create index gold_current_project on gold_current (project_id, item_id);

-- Reviewer decisions compared with the consensus they reviewed, for overturn rates.
create table review_outcome (
    id              bigint generated always as identity primary key,
    project_id      uuid        not null,
    item_id         uuid        not null,
    reason          text        not null,
    reviewer_id     text        not null,
    consensus_label jsonb,
    decided_label   jsonb,
    overturned      boolean     not null,
    decided_at      timestamptz not null
);
create index review_outcome_project on review_outcome (project_id);

-- Immutable named snapshots of a project's gold set. The entries are written first and the release row,
-- with the checksum of their bytes, last, in the same transaction: hence the deferred foreign key.
create table dataset_release (
    release_id   uuid primary key,
    project_id   uuid        not null,
    name         text        not null,
    description  text,
    created_by   text        not null,
    created_at   timestamptz not null,
    label_count  bigint      not null,
    sha256       text        not null,
    version_counts jsonb     not null,
    unique (project_id, name)
);

create table release_entry (
    release_id uuid    not null references dataset_release (release_id) deferrable initially deferred,
    item_id    uuid    not null,
    version    integer not null,
    primary key (release_id, item_id)
);
