-- How an item is shared among annotators, as published in its ItemIngested: its own overlap k (null: the
-- project's policies.annotatorsPerItem) and the annotators it is reserved for, a JSON array of user ids
-- (null: every slot is open to the pool). Both are null for every item stored before.
alter table item
    add column annotators_per_item integer check (annotators_per_item >= 1),
    add column assignees           jsonb;
