-- A reviewer's live lease in a project, found without reading the project's waiting reviews.
create index review_item_lease_holder on review_item (lease_holder, project_id)
    where state = 'PENDING' and lease_holder is not null;
-- A project's reviews in one state, oldest first, a page at a time: decided and returned reviews too, not
-- only the waiting ones of review_item_queue.
create index review_item_state on review_item (project_id, state, queued_at, item_id);
