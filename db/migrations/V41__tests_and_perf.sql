-- Tests and Perflab on every push (release-train): test runs per candidate commit and shard,
-- perf comparisons with their verdicts, and what a pick failed or was forgiven.

-- One row per shard of one candidate commit of a push. A candidate's result is a function of
-- its commit, so a resumed push reuses every run that finished before the crash.
CREATE TABLE train_test_run
(
    id          BIGSERIAL PRIMARY KEY,
    push_id     BIGINT      NOT NULL REFERENCES train_push (id) ON DELETE CASCADE,
    commit_sha  VARCHAR(40) NOT NULL,
    picks       TEXT        NOT NULL,
    shard       INT         NOT NULL,
    shards      INT         NOT NULL,
    suites      TEXT,
    state       VARCHAR(16) NOT NULL,
    owner       VARCHAR(100),
    lease_until TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL,
    started_at  TIMESTAMPTZ,
    ended_at    TIMESTAMPTZ,
    tests       INT         NOT NULL DEFAULT 0,
    broken      TEXT,
    flaky       TEXT,
    timings     TEXT,
    detail      TEXT,
    log_path    TEXT,
    UNIQUE (push_id, commit_sha, shard)
);
CREATE INDEX train_test_run_waiting ON train_test_run (state, id);

CREATE TABLE train_perf_comparison
(
    id            BIGSERIAL PRIMARY KEY,
    push_id       BIGINT      NOT NULL REFERENCES train_push (id) ON DELETE CASCADE,
    base_commit   VARCHAR(40) NOT NULL,
    head_commit   VARCHAR(40) NOT NULL,
    picks         TEXT        NOT NULL,
    runs          INT         NOT NULL,
    stopped_early BOOLEAN     NOT NULL,
    regressed     BOOLEAN     NOT NULL,
    threshold     DOUBLE PRECISION NOT NULL,
    summary       TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (push_id, base_commit, head_commit)
);
CREATE INDEX train_perf_comparison_head ON train_perf_comparison (head_commit);

CREATE TABLE train_perf_verdict
(
    id              BIGSERIAL PRIMARY KEY,
    comparison_id   BIGINT           NOT NULL REFERENCES train_perf_comparison (id) ON DELETE CASCADE,
    metric          VARCHAR(200)     NOT NULL,
    unit            VARCHAR(40)      NOT NULL,
    kind            VARCHAR(16)      NOT NULL,
    effect          DOUBLE PRECISION NOT NULL,
    effect_low      DOUBLE PRECISION NOT NULL,
    effect_high     DOUBLE PRECISION NOT NULL,
    p_value         DOUBLE PRECISION NOT NULL,
    median_a        DOUBLE PRECISION NOT NULL,
    median_b        DOUBLE PRECISION NOT NULL,
    runs_a          INT              NOT NULL,
    runs_b          INT              NOT NULL,
    override_by     VARCHAR(64),
    override_reason TEXT
);

ALTER TABLE train_pick ADD COLUMN failed_tests TEXT;
ALTER TABLE train_pick ADD COLUMN perf_override_by VARCHAR(64);
ALTER TABLE train_pick ADD COLUMN perf_override_reason TEXT;
ALTER TABLE train_pick ADD COLUMN perf_override_at TIMESTAMPTZ;
