-- Each labeling schema a project has had, so a label is checked against the version its task was leased under.
create table schema_version_view (
    project_id        uuid    not null,
    schema_version    integer not null,
    project_revision  bigint  not null,
    guideline_version integer not null,
    schema            jsonb   not null,
    primary key (project_id, schema_version)
);

-- What validation needs of each item (text, image size, candidates), from labeling.items.
create table item_view (
    item_id    uuid primary key,
    project_id uuid  not null,
    data       jsonb not null
);

-- Assignments whose lease ended without a label (skipped, expired): no submission is accepted for them.
create table released_assignment (
    assignment_id uuid primary key,
    item_id       uuid        not null,
    annotator_id  text        not null,
    reason        text        not null,
    released_at   timestamptz not null
);

-- The latest model prediction per item, for model-assisted labeling.
create table item_prediction (
    item_id      uuid primary key,
    project_id   uuid        not null,
    model_id     text        not null,
    distribution jsonb,
    label        jsonb,
    predicted_at timestamptz not null
);

-- One annotation per assignment; the unique key makes "stored once" hold under concurrent posts.
create table annotation (
    annotation_id      uuid primary key,
    assignment_id      uuid        not null unique,
    item_id            uuid        not null,
    project_id         uuid        not null,
    annotator_id       text        not null,
    label              jsonb       not null,
    client_duration_ms bigint,
    server_duration_ms bigint      not null,
    schema_version     integer     not null,
    guideline_version  integer     not null,
    revision           integer     not null,
    lease_expires_at   timestamptz not null,
    submitted_at       timestamptz not null,
    revised_at         timestamptz
);
create index annotation_item on annotation (item_id);
create index annotation_annotator on annotation (annotator_id, submitted_at desc);

-- Every label an annotation has had, for audit: revision 0 is the first submission.
create table annotation_revision (
    annotation_id uuid        not null references annotation (annotation_id),
    revision      integer     not null,
    label         jsonb       not null,
    submitted_at  timestamptz not null,
    primary key (annotation_id, revision)
);
