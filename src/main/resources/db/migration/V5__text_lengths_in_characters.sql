-- Usernames hold 32 characters, statuses 140 and a message's clientId 64 (code points, as Usernames,
-- the registration's validation and ChatHub count them). H2 measures VARCHAR in UTF-16 units, where a
-- character outside the Basic Multilingual Plane takes two (see V3), so a name of 32 such letters passed
-- validation and then failed the insert: registration answered 500. Twice the units hold any text of
-- that many characters (client_key is the sender's id, ':' and the clientId: 20 + 128); the limits
-- themselves stay in the code. PostgreSQL counts characters and simply allows more.
ALTER TABLE parley_user ALTER COLUMN username SET DATA TYPE VARCHAR(64);
ALTER TABLE parley_user ALTER COLUMN status SET DATA TYPE VARCHAR(280);
ALTER TABLE chat_message ALTER COLUMN sender_name SET DATA TYPE VARCHAR(64);
ALTER TABLE chat_message ALTER COLUMN recipient_name SET DATA TYPE VARCHAR(64);
ALTER TABLE chat_message ALTER COLUMN client_id SET DATA TYPE VARCHAR(128);
ALTER TABLE chat_message ALTER COLUMN client_key SET DATA TYPE VARCHAR(148);
