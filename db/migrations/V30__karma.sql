-- Push karma, review discussion and the recent picks that risk is measured against (karma-service).

-- A person without a row has the configured default stars; a row appears at the first change.
CREATE TABLE karma_person
(
    person     VARCHAR(64) PRIMARY KEY,
    stars      INT         NOT NULL CHECK (stars BETWEEN 1 AND 5),
    updated_at TIMESTAMPTZ NOT NULL
);

-- Every change is kept, also one that the 1..5 range clamped to no change: the reason matters.
CREATE TABLE karma_change
(
    id         BIGSERIAL PRIMARY KEY,
    person     VARCHAR(64) NOT NULL,
    from_stars INT         NOT NULL,
    to_stars   INT         NOT NULL,
    changed_by VARCHAR(64) NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    reason     TEXT        NOT NULL
);
CREATE INDEX karma_change_person ON karma_change (person, changed_at DESC);

-- One row per review in a review tool; a later report of the same review replaces its counts.
CREATE TABLE karma_review
(
    id          BIGSERIAL PRIMARY KEY,
    source      VARCHAR(32)  NOT NULL,
    review_id   VARCHAR(200) NOT NULL,
    url         VARCHAR(500),
    comments    INT          NOT NULL CHECK (comments >= 0),
    reviewers   INT          NOT NULL CHECK (reviewers >= 0),
    revisions   INT          NOT NULL CHECK (revisions >= 0),
    reported_by VARCHAR(64)  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    UNIQUE (source, review_id)
);
CREATE INDEX karma_review_url ON karma_review (url);
CREATE INDEX karma_review_id ON karma_review (review_id);

-- Every commit a review has seen (one per revision / patch set), so any of them finds it.
CREATE TABLE karma_review_commit
(
    review_id  BIGINT      NOT NULL REFERENCES karma_review (id) ON DELETE CASCADE,
    commit_sha VARCHAR(64) NOT NULL,
    PRIMARY KEY (review_id, commit_sha)
);
CREATE INDEX karma_review_commit_sha ON karma_review_commit (commit_sha);

-- The size and discussion of recent picks, as the core reports them: risk is a percentile of these.
CREATE TABLE karma_pick_sample
(
    pick_key   VARCHAR(100) PRIMARY KEY,
    lines      INT          NOT NULL CHECK (lines >= 0),
    files      INT          NOT NULL CHECK (files >= 0),
    discussion INT          NOT NULL CHECK (discussion >= 0),
    at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX karma_pick_sample_at ON karma_pick_sample (at DESC);
