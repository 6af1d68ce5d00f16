-- Who decided the label a reviewer reviewed: the annotators' consensus or a model pre-labelling the item.
-- Every review recorded before models could decide reviewed a consensus.
alter table review_outcome add column reviewed_decided_by text not null default 'CONSENSUS';
