-- What the learner knows of each item: its text (from labeling.items), its current gold label (from
-- labeling.gold; null while unlabelled or after a tombstone) and the prediction last published for it.
-- Gold may arrive before the item: either side creates the row.
create table learning_item (
    item_id               uuid primary key,
    project_id            uuid not null,
    regular               boolean not null default true,
    text                  text,
    gold_label            jsonb,
    gold_version          integer not null default 0,
    predicted_label       text,
    predicted_uncertainty double precision
);
-- training reads a project's gold, scoring walks its unlabelled items in item id order; the sweep looks
-- for unlabelled items no prediction was published for
create index learning_item_gold on learning_item (project_id) where gold_label is not null;
create index learning_item_unlabelled on learning_item (project_id, item_id) where gold_label is null;
create index learning_item_unscored on learning_item (project_id, item_id)
    where gold_label is null and predicted_label is null;

-- gold changes (new labels, corrections, tombstones) since the project's latest training started
create table learning_project (
    project_id   uuid primary key,
    gold_changes integer not null default 0
);

-- every model version of a project, kept whole: the serialised model and its cross-validated metrics
create table model_version (
    model_id        text primary key,
    project_id      uuid not null,
    version         integer not null,
    trained_at      timestamp with time zone not null,
    training_labels integer not null,
    macro_f1        double precision not null,
    accuracy        double precision not null,
    folds           integer not null,
    model           bytea not null,
    unique (project_id, version)
);
