-- One row may carry many events of one topic: a bulk import writes one row per batch instead of one per
-- item, which halves what PostgreSQL does per imported item. record_keys holds each event's key, payload
-- their envelopes, one per line, in the same order. A row of one event keeps record_keys null.
alter table outbox_event add column if not exists record_keys text[];
