-- People who talk to the train, their roles and their API tokens (release-train, feature people).

CREATE TABLE train_person
(
    id            BIGSERIAL PRIMARY KEY,
    name          VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(200),
    irc_account   VARCHAR(64) UNIQUE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE train_person_role
(
    person_id BIGINT      NOT NULL REFERENCES train_person (id) ON DELETE CASCADE,
    role      VARCHAR(32) NOT NULL,
    PRIMARY KEY (person_id, role)
);

-- Only the SHA-256 of a token is stored: a leaked table does not leak tokens.
CREATE TABLE train_api_token
(
    id           BIGSERIAL PRIMARY KEY,
    person_id    BIGINT      NOT NULL REFERENCES train_person (id) ON DELETE CASCADE,
    token_sha256 VARCHAR(64)   NOT NULL UNIQUE,
    label        VARCHAR(100),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at   TIMESTAMPTZ
);
