-- Events waiting to be published, written in the same transaction as the change they describe.
create table outbox_event (
    id          bigint generated always as identity primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    record_key  text,
    payload     text,                       -- null publishes a tombstone
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index outbox_event_unsent on outbox_event (id) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;

-- Events already applied by a consumer; written in the same transaction as their effect.
create table inbox_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
