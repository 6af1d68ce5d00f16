-- An item that reached the learner before its project: its data, kept until the project says which field of it
-- holds the item's text, then cleared.
alter table learning_item add column pending_data jsonb;
create index learning_item_pending on learning_item (project_id) where pending_data is not null;
