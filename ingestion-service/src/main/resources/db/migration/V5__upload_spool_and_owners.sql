-- Upload bodies are spooled in the database, in chunks, so that any instance can resume a job whose
-- receiver restarted or was scaled in; nothing is kept on a pod's disk.
create table upload_spool_chunk (
    job_id       uuid   not null references upload_job (job_id) on delete cascade,
    start_offset bigint not null,
    data         bytea  not null,
    primary key (job_id, start_offset)
);
-- stored without pglz: compressing every megabyte would cost CPU on the receiving path, and the chunks
-- live only until their job finishes
alter table upload_spool_chunk alter column data set storage external;

alter table upload_job alter column spool_file drop not null;

-- Every running instance renews its heartbeat; an unfinished job belongs to the instance that received it
-- and is taken over only once that instance's heartbeat is older than the lease.
create table ingestion_instance (
    instance_id  uuid        primary key,
    started_at   timestamptz not null default now(),
    heartbeat_at timestamptz not null default now()
);
alter table upload_job add column owner_instance uuid;
create index upload_job_owner on upload_job (owner_instance) where state in ('RECEIVING', 'QUEUED', 'RUNNING');

-- Unfinished jobs from before this migration have their body in a file on some pod's disk, which the
-- database spool cannot read: they end as failed with the reason, rather than as an empty completed upload.
update upload_job
set state = 'FAILED', finished_at = now(), updated_at = now(),
    error = 'the service was upgraded while this upload was unfinished; send the file again'
where state in ('RECEIVING', 'QUEUED', 'RUNNING');
