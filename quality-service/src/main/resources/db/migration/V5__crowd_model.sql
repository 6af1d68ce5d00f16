-- A DAWID_SKENE project's crowd model, re-fitted by batch EM over all of its labels at geometric checkpoints
-- (journalled REFIT steps). Between checkpoints each item is scored with it: the class prior, and the crowd rows
-- and strengths that smooth each annotator's confusion counts.
create table quality_model (
    project_id    uuid primary key,
    fitted_labels bigint not null,   -- the project's labels when it was fitted; the next fit is due at a multiple
    class_prior   jsonb  not null,   -- true category -> P(c)
    crowd_rows    jsonb  not null,   -- true category -> given category -> pooled rate g[c][l]
    strengths     jsonb  not null    -- true category -> prior strength m_c
);

-- a REFIT step concerns the whole project, not one item
alter table quality_step alter column item_id drop not null;
