-- Chat: stored messages and where each user's offline delivery resumes.

-- EclipseLink hands out a block of 50 ids per call and takes the sequence value as the block's end.
CREATE SEQUENCE chat_message_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE chat_message (
    id                BIGINT        NOT NULL PRIMARY KEY,
    -- 'room', or 'd:<lower user id>:<higher user id>' for a direct conversation.
    conversation_key  VARCHAR(48)   NOT NULL,
    sender_id         BIGINT        NOT NULL REFERENCES parley_user (id),
    sender_name       VARCHAR(32)   NOT NULL,
    -- NULL for the common room.
    recipient_id      BIGINT        REFERENCES parley_user (id),
    recipient_name    VARCHAR(32)   NOT NULL,
    content           VARCHAR(4000) NOT NULL,
    client_id         VARCHAR(64),
    -- '<sender id>:<client id>': a resent client id stores nothing new.
    client_key        VARCHAR(96),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_chat_message_client_key UNIQUE (client_key)
);

CREATE INDEX ix_chat_message_conversation ON chat_message (conversation_key, id);
CREATE INDEX ix_chat_message_recipient ON chat_message (recipient_id, id);
CREATE INDEX ix_chat_message_sender ON chat_message (sender_id, id);

CREATE TABLE chat_cursor (
    user_id         BIGINT NOT NULL PRIMARY KEY REFERENCES parley_user (id),
    -- The highest message id delivered before the user's last session closed.
    delivered_up_to BIGINT NOT NULL
);
