-- Hardening the fleet (issue 16): a host belongs to the API credential that registered it, has a
-- tracker key of its own (its torrents announce with it), can be retired, and a rollout remembers
-- which hosts it skipped because they stopped reporting.

-- credential: a fingerprint of the HOST token (or account) that registered the host; null until one does.
ALTER TABLE distribution_host ADD COLUMN credential VARCHAR(80);
CREATE UNIQUE INDEX distribution_host_credential ON distribution_host (credential);

-- tracker_key: the secret in the announce URL of the torrents the server hands this host.
ALTER TABLE distribution_host ADD COLUMN tracker_key VARCHAR(64);
UPDATE distribution_host SET tracker_key = md5(random()::text || clock_timestamp()::text || name)
    || md5(random()::text || name);
ALTER TABLE distribution_host ALTER COLUMN tracker_key SET NOT NULL;
CREATE UNIQUE INDEX distribution_host_tracker_key ON distribution_host (tracker_key);

-- retired_at: a release engineer took the host out of the fleet; its token cannot bring it back.
ALTER TABLE distribution_host ADD COLUMN retired_at TIMESTAMPTZ;

-- The hosts a tier moved on without because they had stopped reporting (LOST), comma-separated.
ALTER TABLE distribution_rollout_tier ADD COLUMN skipped_hosts TEXT;
