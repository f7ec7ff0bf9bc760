CREATE TABLE user_active_security (
  id bigserial NOT NULL,
  us_login text NOT NULL,
  us_ledger varchar(1) NOT NULL,
  us_action varchar(1) NOT NULL,
  CONSTRAINT user_active_security_pk PRIMARY KEY (id),
  CONSTRAINT user_active_security_action_check CHECK (us_action::text = ANY (ARRAY['Y', 'N'])),
  CONSTRAINT user_active_security_ledger_check CHECK (us_ledger::text = ANY (ARRAY['Y', 'N']))
);
COMMENT ON COLUMN user_active_security.us_login IS e'user\'s login';
COMMENT ON COLUMN user_active_security.us_ledger IS 'Flag Security for ledger';
COMMENT ON COLUMN user_active_security.us_action IS 'Security for action';
CREATE TABLE user_sec_action_profile (ua_id bigserial PRIMARY KEY, ua_right char(1) CHECK (ua_right IN ('R', 'W')));
CREATE TABLE todo_list (tl_id bigserial PRIMARY KEY, is_public char(1) NOT NULL DEFAULT 'N' CHECK (is_public IN ('Y', 'N')));
