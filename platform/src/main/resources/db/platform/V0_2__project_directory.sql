-- Each service's own copy of the projects it serves, from the compacted labeling.projects topic.
create table project_view (
    project_id     uuid primary key,
    revision       bigint      not null,
    state          text        not null,
    schema_version integer     not null,
    document       jsonb       not null,
    updated_at     timestamptz not null default now()
);

create table project_member (
    project_id uuid    not null references project_view (project_id) on delete cascade,
    user_id    text    not null,
    role       text    not null,
    pilot      boolean not null default false,
    primary key (project_id, user_id, role)
);
create index project_member_user on project_member (user_id);
