-- The release train: trains (weekly cuts), pick requests, pushes and their steps (release-train).

CREATE TABLE train_train
(
    id         BIGSERIAL PRIMARY KEY,
    branch     VARCHAR(200) NOT NULL UNIQUE,
    cut_commit VARCHAR(40)  NOT NULL,
    cut_at     TIMESTAMPTZ  NOT NULL,
    cut_by     VARCHAR(64)  NOT NULL,
    state      VARCHAR(16)  NOT NULL
);

CREATE TABLE train_pick
(
    id                BIGSERIAL PRIMARY KEY,
    train_id          BIGINT       NOT NULL REFERENCES train_train (id),
    commit_sha        VARCHAR(40)  NOT NULL,
    subject           TEXT         NOT NULL,
    mainline          INT,
    reason            TEXT         NOT NULL,
    requester         VARCHAR(64)  NOT NULL,
    state             VARCHAR(20)  NOT NULL,
    files_changed     INT          NOT NULL,
    lines_changed     INT          NOT NULL,
    discussion        INT          NOT NULL DEFAULT 0,
    risk              VARCHAR(10)  NOT NULL DEFAULT 'LOW',
    risk_reason       TEXT,
    requested_at      TIMESTAMPTZ  NOT NULL,
    decided_by        VARCHAR(64),
    decided_at        TIMESTAMPTZ,
    decision_reason   TEXT,
    confirmed_at      TIMESTAMPTZ,
    push_id           BIGINT,
    picked_commit     VARCHAR(40),
    conflicting_paths TEXT,
    outcome_detail    TEXT,
    updated_at        TIMESTAMPTZ  NOT NULL,
    version           BIGINT       NOT NULL DEFAULT 0
);

-- One open request per commit and train: a duplicate answers the existing one.
CREATE UNIQUE INDEX train_pick_open_commit ON train_pick (train_id, commit_sha)
    WHERE state IN ('REQUESTED', 'APPROVED', 'CONFIRMED', 'DEFERRED', 'MERGED', 'TESTED', 'SHIPPED');
CREATE INDEX train_pick_state ON train_pick (train_id, state);
CREATE INDEX train_pick_commit ON train_pick (commit_sha);

CREATE TABLE train_push
(
    id                BIGSERIAL PRIMARY KEY,
    train_id          BIGINT      NOT NULL REFERENCES train_train (id),
    kind              VARCHAR(16) NOT NULL,
    state             VARCHAR(16) NOT NULL,
    requested_by      VARCHAR(64) NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    ended_at          TIMESTAMPTZ,
    base_commit       VARCHAR(40),
    head_commit       VARCHAR(40),
    presence_deadline TIMESTAMPTZ,
    artifact_path     TEXT,
    artifact_sha256   VARCHAR(64),
    artifact_size     BIGINT,
    detail            TEXT,
    owner             VARCHAR(100),
    lease_until       TIMESTAMPTZ,
    version           BIGINT      NOT NULL DEFAULT 0
);

-- At most one running push per train: two would race for the branch.
CREATE UNIQUE INDEX train_push_one_running ON train_push (train_id) WHERE state = 'RUNNING';

CREATE TABLE train_push_step
(
    id         BIGSERIAL PRIMARY KEY,
    push_id    BIGINT      NOT NULL REFERENCES train_push (id) ON DELETE CASCADE,
    position   INT         NOT NULL,
    name       VARCHAR(32) NOT NULL,
    state      VARCHAR(16) NOT NULL,
    started_at TIMESTAMPTZ,
    ended_at   TIMESTAMPTZ,
    progress   INT         NOT NULL DEFAULT 0,
    detail     TEXT,
    UNIQUE (push_id, position),
    UNIQUE (push_id, name)
);

-- Which picks a push took, in merge order, and what became of each in it.
CREATE TABLE train_push_pick
(
    push_id  BIGINT      NOT NULL REFERENCES train_push (id) ON DELETE CASCADE,
    pick_id  BIGINT      NOT NULL REFERENCES train_pick (id),
    position INT         NOT NULL,
    outcome  VARCHAR(20),
    PRIMARY KEY (push_id, pick_id)
);
