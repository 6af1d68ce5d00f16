-- A gold label decided by a model pre-labelling the item: the item is labelled (not scored again), but the
-- model does not train on its own decisions; a reviewer's correction, the next version, is trained on.
alter table learning_item add column model_decided boolean not null default false;
