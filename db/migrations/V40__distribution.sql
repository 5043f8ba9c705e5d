-- Artifacts and their torrents, the hosts of the fleet, each tier's desired build, and rollouts (bittorrent-distributor).

-- One row per published build; the file stays where the seeder reads it, the torrent is kept here too
-- so that every node can serve it.
CREATE TABLE distribution_artifact
(
    id         VARCHAR(128) PRIMARY KEY,
    file_name  VARCHAR(255) NOT NULL,
    sha256     VARCHAR(64)  NOT NULL,
    size       BIGINT       NOT NULL CHECK (size >= 0),
    path       TEXT         NOT NULL,
    info_hash  VARCHAR(40)  NOT NULL,
    torrent    BYTEA        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX distribution_artifact_created ON distribution_artifact (created_at DESC);

-- A host as it registered and last reported; version is the artifact id it runs.
CREATE TABLE distribution_host
(
    name          VARCHAR(128) PRIMARY KEY,
    rack          VARCHAR(64)  NOT NULL,
    tier          VARCHAR(64)  NOT NULL,
    address       VARCHAR(64),
    version       VARCHAR(128),
    state         VARCHAR(16)  NOT NULL CHECK (state IN ('IDLE', 'DOWNLOADING', 'VERIFYING', 'RUNNING', 'FAILED')),
    progress      INT          NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    detail        TEXT,
    registered_at TIMESTAMPTZ  NOT NULL,
    last_seen_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX distribution_host_tier ON distribution_host (tier, rack);
CREATE INDEX distribution_host_address ON distribution_host (address);

-- The build every host of a tier should run; no row: nothing yet.
CREATE TABLE distribution_tier_desired
(
    tier        VARCHAR(64) PRIMARY KEY,
    artifact_id VARCHAR(128) NOT NULL REFERENCES distribution_artifact (id),
    updated_at  TIMESTAMPTZ  NOT NULL
);

-- A rollout moves one artifact tier by tier; tier_index is the tier it waits for.
CREATE TABLE distribution_rollout
(
    id          BIGSERIAL PRIMARY KEY,
    artifact_id VARCHAR(128) NOT NULL REFERENCES distribution_artifact (id),
    state       VARCHAR(16)  NOT NULL CHECK (state IN ('RUNNING', 'PAUSED', 'DONE', 'ROLLED_BACK')),
    tier_index  INT          NOT NULL CHECK (tier_index >= 0),
    started_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    ended_at    TIMESTAMPTZ
);
-- At most one rollout is under way at a time, also with several nodes.
CREATE UNIQUE INDEX distribution_rollout_one_active ON distribution_rollout ((true)) WHERE state IN ('RUNNING', 'PAUSED');

-- The tiers of a rollout in order, with what each tier ran before, for a rollback.
CREATE TABLE distribution_rollout_tier
(
    rollout_id           BIGINT       NOT NULL REFERENCES distribution_rollout (id) ON DELETE CASCADE,
    position             INT          NOT NULL CHECK (position >= 0),
    tier                 VARCHAR(64)  NOT NULL,
    previous_artifact_id VARCHAR(128),
    reached_at           TIMESTAMPTZ,
    converged_at         TIMESTAMPTZ,
    PRIMARY KEY (rollout_id, position)
);
