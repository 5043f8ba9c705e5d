-- Gatekeeper feature flags (gatekeeper-flags). A flag is one row with its current definition;
-- every change, deletions included, is kept as a numbered version so any state can be restored.

CREATE TABLE flags_flag
(
    name       VARCHAR(100) PRIMARY KEY,
    -- The definition as JSON (FlagJson): description, team, enabled, variants, defaultVariant, rules.
    definition TEXT         NOT NULL,
    -- Optimistic lock: an update names the version it read; the history's latest version number.
    version    BIGINT       NOT NULL,
    updated_by VARCHAR(64)  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);

-- No foreign key: the history of a deleted flag stays, and re-creating it continues the numbering.
CREATE TABLE flags_flag_version
(
    name       VARCHAR(100) NOT NULL,
    version    BIGINT       NOT NULL,
    -- NULL when this change deleted the flag.
    definition TEXT,
    changed_by VARCHAR(64)  NOT NULL,
    changed_at TIMESTAMPTZ  NOT NULL,
    reason     TEXT,
    PRIMARY KEY (name, version)
);
