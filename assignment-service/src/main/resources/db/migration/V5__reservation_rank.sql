-- A reservation carries its item's rank, so that the reserved claim walks an annotator's reservations in rank
-- order through one index and stops at the first item still open. Without it the claim looked every one of
-- the annotator's reserved items up in pool_item to sort them by rank: a primary-key probe per reservation,
-- each costing more as pool_item grows with every other project's items. The rank is kept in step by the
-- statements that set an item's rank.
alter table reservation add column rank_at timestamptz;
update reservation r set rank_at = p.rank_at from pool_item p where p.item_id = r.item_id;
alter table reservation alter column rank_at set not null;
-- its prefix serves the lookups by annotator (forfeiting a quarantined annotator's slots) as well
create index reservation_claim on reservation (project_id, annotator_id, rank_at, item_id);
drop index reservation_of_annotator;
