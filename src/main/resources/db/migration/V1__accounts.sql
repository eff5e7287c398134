-- Accounts: users and revoked tokens. Written once for H2 2.x and PostgreSQL alike.

CREATE SEQUENCE parley_user_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE parley_user (
    id                BIGINT       NOT NULL PRIMARY KEY,
    -- As registered (NFC), shown to everyone.
    username          VARCHAR(32)  NOT NULL,
    -- Case-folded username: the database, not the code, keeps usernames unique without regard to case.
    username_key      VARCHAR(128) NOT NULL,
    email             VARCHAR(254) NOT NULL,
    email_key         VARCHAR(254) NOT NULL,
    password_hash     VARCHAR(255) NOT NULL,
    status            VARCHAR(140) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen         TIMESTAMP WITH TIME ZONE,
    -- Raised by "log out everywhere": tokens carry the generation they were issued in.
    token_generation  INTEGER      NOT NULL,
    CONSTRAINT uq_parley_user_username UNIQUE (username_key),
    CONSTRAINT uq_parley_user_email UNIQUE (email_key)
);

CREATE TABLE revoked_token (
    jti         VARCHAR(64) NOT NULL PRIMARY KEY,
    -- After this instant the token is dead anyway and the row can go.
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_revoked_token_expires ON revoked_token (expires_at);
