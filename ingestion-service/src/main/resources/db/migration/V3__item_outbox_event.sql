-- An item's ItemIngested event now travels in an outbox row shared by its whole batch: the item names
-- that row, which tells whether its event was published yet.
alter table item rename column event_id to outbox_event_id;
