-- A pick in CONFLICT can be resolved by its requester: a backport commit on top of the release
-- branch that the next push lands in place of the original (release-train).
ALTER TABLE train_pick ADD COLUMN backport_commit VARCHAR(40);
ALTER TABLE train_pick ADD COLUMN backport_by VARCHAR(64);
ALTER TABLE train_pick ADD COLUMN backport_at TIMESTAMPTZ;
