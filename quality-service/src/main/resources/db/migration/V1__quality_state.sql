-- Quality state is kept per item and per annotator so that applying one annotation reads and writes a
-- bounded number of rows, whatever the size of the project.

-- One row per item seen on labeling.items, labeling.reference-answers or labeling.annotations.
create table quality_item (
    item_id            uuid primary key,
    project_id         uuid        not null,
    gold               boolean     not null default false,
    reference_answer   jsonb,
    decision           text,                  -- null until the item has enough labels to be decided
    consensus_label    jsonb,
    confidence         double precision,
    agreement          double precision,
    method             text,
    label_count        integer     not null default 0,   -- labels that count (quarantined annotators' do not)
    published_decision text,                  -- what labeling.item-quality last said, for replays
    published_label    jsonb,
    assessed_at        timestamptz,
    updated_at         timestamptz not null default now()
);
create index quality_item_project_decision on quality_item (project_id, decision);

-- The latest revision of every annotation, with what it last contributed to the annotator's aggregates
-- (a recomputation subtracts the old contribution and adds the new one).
create table quality_label (
    annotation_id        uuid primary key,
    item_id              uuid        not null,
    project_id           uuid        not null,
    annotator_id         text        not null,
    label                jsonb       not null,
    category             text,                -- categorical value for categorical task types
    revision             integer     not null,
    server_duration_ms   bigint      not null,
    client_duration_ms   bigint,
    submitted_at         timestamptz not null,
    too_fast             boolean     not null default false,
    gold_score           double precision,    -- agreement with the reference answer (gold items)
    consensus_score      double precision,    -- agreement with the item's consensus
    peer_score           double precision,    -- mean agreement with the item's other labels
    counted_truth        text                 -- consensus category counted into the confusion counts
);
create index quality_label_item on quality_label (item_id);
create index quality_label_annotator on quality_label (project_id, annotator_id);
create index quality_label_submitted on quality_label (project_id, submitted_at);

create table quality_annotator (
    project_id          uuid        not null,
    annotator_id        text        not null,
    status              text        not null,
    label_count         integer     not null default 0,
    too_fast_count      integer     not null default 0,
    gold_answered       integer     not null default 0,
    gold_score_sum      double precision not null default 0,
    consensus_compared  integer     not null default 0,
    consensus_score_sum double precision not null default 0,
    peer_compared       integer     not null default 0,
    peer_score_sum      double precision not null default 0,
    duration_histogram  bigint[]    not null default '{}',
    flags               text[]      not null default '{}',
    assessed_at         timestamptz,                -- the latest label's submission time
    primary key (project_id, annotator_id)
);

-- How often an annotator gave each category: the constant-label flag.
create table quality_annotator_category (
    project_id   uuid    not null,
    annotator_id text    not null,
    category     text    not null,
    label_count  integer not null,
    primary key (project_id, annotator_id, category)
);

-- Per-annotator confusion counts against the consensus: Dawid-Skene's annotator model and the
-- project's most confused label pairs.
create table quality_annotator_confusion (
    project_id   uuid    not null,
    annotator_id text    not null,
    truth        text    not null,
    given        text    not null,
    label_count  integer not null,
    primary key (project_id, annotator_id, truth, given)
);

-- Project agreement over time.
create table quality_agreement_snapshot (
    id               bigint generated always as identity primary key,
    project_id       uuid        not null,
    taken_at         timestamptz not null,
    annotation_count bigint      not null,
    item_count       bigint      not null,
    document         jsonb       not null
);
create index quality_agreement_snapshot_project on quality_agreement_snapshot (project_id, taken_at);

create table quality_replay (
    replay_id        uuid primary key,
    project_id       uuid        not null,
    requested_by     text        not null,
    state            text        not null,
    requested_at     timestamptz not null,
    finished_at      timestamptz,
    records_read     bigint      not null default 0,
    annotations_applied bigint   not null default 0,
    error            text
);
