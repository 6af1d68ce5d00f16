-- One row may carry many events of one topic: a bulk import writes one row per batch instead of one per
-- item, which halves what PostgreSQL does per imported item. record_keys holds each event's key, payload
-- their envelopes, one per line, in the same order. A row of one event keeps record_keys null.
alter table outbox_event add column if not exists record_keys text[];
-- A bundle's payload is large and lives for a moment: stored out of line, but not compressed, which cost
-- the import more CPU than anything else. The relay compresses what it sends to the broker.
alter table outbox_event alter column payload set storage external;
