-- A stand-in for a service's own table, changed together with its outbox row.
create table ledger_entry (
    id      uuid primary key,
    note    text not null
);
create table ledger_applied (
    event_id uuid primary key,
    note     text not null
);
