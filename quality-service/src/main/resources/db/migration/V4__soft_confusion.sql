-- Dawid-Skene's annotator model as soft counts: each label credits its annotator's row of every true
-- category with the item's posterior probability of that category, instead of one count at the consensus.
-- Hard counts held the early winners' mistakes with full weight; a project stored before this keeps its
-- counts, which are the same thing with all of the mass on the consensus.
alter table quality_annotator_confusion rename column label_count to mass;
alter table quality_annotator_confusion alter column mass type double precision;

-- What each label last credited (true category -> mass), so a new assessment can move exactly that.
alter table quality_label add column credited jsonb;
update quality_label set credited = jsonb_build_object(counted_truth, 1.0) where counted_truth is not null;
alter table quality_label drop column counted_truth;
