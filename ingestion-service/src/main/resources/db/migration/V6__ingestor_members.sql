-- Ingestors become members of the projects they feed (role INGESTOR) instead of reaching every project.
-- So that existing pipelines keep working where they already worked, every account that started an upload
-- into a project and is not yet a member of it becomes that project's INGESTOR. Items posted as JSON
-- do not record who sent them: a pipeline that only ever did that is added by a manager (PATCH members).
-- The project's revision is unchanged: no other service acts on INGESTOR members, and the next change
-- to the project publishes them with it.
create temporary table new_ingestor on commit drop as
select distinct u.project_id, u.created_by as user_id
from upload_job u
join project p on p.project_id = u.project_id
where not exists (select 1 from jsonb_array_elements(p.document -> 'members') m
                  where m ->> 'userId' = u.created_by);

update project p
set document = jsonb_set(p.document, '{members}', (p.document -> 'members') || added.members)
from (select project_id,
             jsonb_agg(jsonb_build_object('userId', user_id, 'role', 'INGESTOR', 'pilot', false)
                       order by user_id) as members
      from new_ingestor group by project_id) added
where added.project_id = p.project_id;

-- the service's own project directory is a copy of the same documents
update project_view v
set document = p.document
from project p
where p.project_id = v.project_id and p.project_id in (select project_id from new_ingestor);

insert into project_member (project_id, user_id, role, pilot)
select n.project_id, n.user_id, 'INGESTOR', false
from new_ingestor n
where exists (select 1 from project_view v where v.project_id = n.project_id)
on conflict do nothing;
