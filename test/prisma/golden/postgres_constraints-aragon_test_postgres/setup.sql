CREATE TABLE tokens (
  token_id integer NOT NULL PRIMARY KEY,
  token_scope text,
  CONSTRAINT tokens_token_scope_check CHECK ((token_scope = ANY (ARRAY['MAGICLINK'::text, 'API'::text])))
);
CREATE TABLE users (user_id integer NOT NULL PRIMARY KEY);
