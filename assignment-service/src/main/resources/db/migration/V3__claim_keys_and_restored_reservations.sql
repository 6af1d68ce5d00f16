-- A claim may carry the client's Idempotency-Key. Asking again with the same key answers with the lease
-- that claim made, so a client whose answer was lost (a dropped connection, a replica killed after its
-- commit) gets the same task back instead of stranding it until it expires. Keys are scoped to the caller
-- and the project.
alter table assignment add column claim_key text;
create unique index assignment_claim_key on assignment (project_id, annotator_id, claim_key)
    where claim_key is not null;

-- Whether the lease redeemed a reservation of its annotator. When such a lease expires unlabelled, the
-- reservation is restored, and the item stays the assignee's to lease again.
alter table assignment add column redeemed boolean not null default false;

-- "Never the same item twice" keeps holding for every lease except one that redeemed a reservation and
-- expired unlabelled: it produced no label, and the restored reservation must be redeemable.
alter table assignment drop constraint assignment_once_per_annotator;
create unique index assignment_once_per_annotator on assignment (item_id, annotator_id)
    where not (status = 'EXPIRED' and redeemed);
