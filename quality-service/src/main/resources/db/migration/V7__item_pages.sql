-- A page of a project's assessed items, in item id order, reads that page: with a decision through
-- quality_item_decided, without one through quality_item_assessed. The decided index replaces the one on
-- (project_id, decision), which it extends, so an assessment maintains one more index than before, not two.
create index quality_item_decided on quality_item (project_id, decision, item_id);
drop index quality_item_project_decision;
create index quality_item_assessed on quality_item (project_id, item_id) where not gold and decision is not null;
