-- Every crowd model fit rewrites the credit of each of the project's labels. With room left on each page the
-- new row versions stay on their page (heap-only tuples), so the fit does not insert into every index of the
-- table for every label. New pages only; the rows already stored keep their pages until rewritten.
alter table quality_label set (fillfactor = 60);
