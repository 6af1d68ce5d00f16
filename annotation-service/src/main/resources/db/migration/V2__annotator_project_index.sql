-- An annotator's annotations in one project, newest first, without reading their annotations of other
-- projects: a crowd worker who labels for many projects pages through one project's at the cost of a page.
create index annotation_annotator_project on annotation (annotator_id, project_id, submitted_at desc, annotation_id);
