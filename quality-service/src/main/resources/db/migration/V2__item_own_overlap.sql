-- An item may carry its own overlap k on ItemIngested; null keeps the project's annotatorsPerItem, so a later
-- change of the project's k still applies to it. Read with the item's row, which every annotation locks
-- anyway, so knowing an item's k costs no extra round trip.
alter table quality_item add column annotators_per_item integer;
