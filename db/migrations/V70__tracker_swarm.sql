-- The trackers of all nodes act as one swarm (issue 15). Each node's tracker beats here with the
-- announce URL that goes into every torrent's announce list; a tracker that stops beating drops out.
-- The seeder key and seed address let any tracker take the announces of another node's seeder.
CREATE TABLE distribution_tracker
(
    announce_url VARCHAR(300) PRIMARY KEY,
    seeder_key   VARCHAR(80)  NOT NULL,
    seed_address VARCHAR(64)  NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    beat_at      TIMESTAMPTZ  NOT NULL
);

-- The live peers each tracker saw, rewritten by that tracker in one batch on every beat; the other
-- trackers read them into memory on their own beat, so an announce never waits for the database.
CREATE TABLE distribution_tracker_peer
(
    tracker   VARCHAR(300) NOT NULL REFERENCES distribution_tracker (announce_url) ON DELETE CASCADE,
    info_hash VARCHAR(40)  NOT NULL,
    peer_id   VARCHAR(40)  NOT NULL,
    ip        VARCHAR(64)  NOT NULL,
    port      INTEGER      NOT NULL CHECK (port BETWEEN 1 AND 65535),
    rack      VARCHAR(255),
    seeding   BOOLEAN      NOT NULL,
    seen_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tracker, info_hash, peer_id)
);
