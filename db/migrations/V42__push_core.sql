-- The push core (release-train): one push at a time across all trains, and steps that retry with
-- backoff.

-- Two pushes of different trains raced for the fleet: a closed train's build was rolled out after
-- the newer train's. One running push in all, whichever node starts it.
DROP INDEX train_push_one_running;
CREATE UNIQUE INDEX train_push_one_running ON train_push ((true)) WHERE state = 'RUNNING';

-- A step that failed in a way worth retrying (a remote that did not answer) waits until retry_at.
ALTER TABLE train_push_step ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE train_push_step ADD COLUMN retry_at TIMESTAMPTZ;

