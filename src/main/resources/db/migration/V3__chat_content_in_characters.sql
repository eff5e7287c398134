-- A message may hold 4,000 characters (code points, as ChatHub counts them). H2 measures VARCHAR in
-- UTF-16 units, where a character outside the Basic Multilingual Plane (most emoji) takes two, so
-- VARCHAR(4000) refused 4,000 emoji. 8,000 units hold any 4,000 characters; the limit itself stays in
-- the code (parley.ws.max-content-length). PostgreSQL counts characters and simply allows more.
ALTER TABLE chat_message ALTER COLUMN content SET DATA TYPE VARCHAR(8000);
