/**
 * Routines replaced under what calls them, and what reads a dropped or retyped relation: the objects PostgreSQL
 * records as depending on them (window functions in views, domain and foreign-table CHECKs and defaults, column
 * defaults reaching another overload, rules reading a retyped column, policies reading a dropped view) are dropped
 * before and restored after. Found by hunts 10a and 10b (pgCodeKeeper's diff fixtures, pgcodekeeper/pgcodekeeper-core,
 * Apache-2.0; pg-delta's corpus, supabase/pg-toolbelt, MIT) and looked into by h163; the DDL here is our own.
 */
import type { AcceptanceCase } from './harness.js';

export const ROUTINES_3_CASES: AcceptanceCase[] = [
  // inspect/queries.ts (Q_FUNCTIONS): window functions (prokind 'w') were reported as unmanaged, not read, so the
  // plan created a desired one with CREATE OR REPLACE on every run ("cannot change name of input parameter" when a
  // parameter was renamed, and a second plan never empty). Read now as functions: a renamed parameter drops the
  // function, with the views calling it, and creates both again.
  {
    name: 'routines-3: a window function whose parameter is renamed is recreated with the views over it',
    old: [
      "CREATE FUNCTION my_lag(x anyelement) RETURNS anyelement LANGUAGE internal WINDOW AS 'window_lag'",
      'CREATE TABLE events (id int PRIMARY KEY, val int)',
      'CREATE VIEW lagged AS SELECT id, my_lag(val) OVER (ORDER BY id) AS prev_val FROM events',
      "COMMENT ON VIEW lagged IS 'kept'",
      "COMMENT ON FUNCTION my_lag(anyelement) IS 'lag'",
    ],
    new: [
      "CREATE FUNCTION my_lag(y anyelement) RETURNS anyelement LANGUAGE internal WINDOW AS 'window_lag'",
      'CREATE TABLE events (id int PRIMARY KEY, val int)',
      'CREATE VIEW lagged AS SELECT id, my_lag(val) OVER (ORDER BY id) AS prev_val FROM events',
      "COMMENT ON VIEW lagged IS 'kept'",
      "COMMENT ON FUNCTION my_lag(anyelement) IS 'lag'",
    ],
    seed: 'INSERT INTO events VALUES (1, 10), (2, 20)',
    seedBack: 'INSERT INTO events VALUES (1, 10), (2, 20)',
    keepsTables: [{ tables: ['events'], query: 'SELECT * FROM lagged ORDER BY id' }],
    expectedHazards: ['BREAKS_DEPENDANTS'],
  },
  // plan/kinds/function-callers.ts: a domain's CHECK or DEFAULT, or a foreign table's CHECK or column DEFAULT,
  // calling a function dropped and created again (a renamed parameter) made PostgreSQL refuse the DROP FUNCTION
  // (pg-delta's domain-operations--check-references-replaced-function). The domain and the foreign table are
  // changed without those expressions before the drop and get them back after the create; the domain's column
  // keeps its rows.
  {
    name: 'routines-3: domain and foreign-table CHECKs and defaults calling a recreated function',
    old: [
      'CREATE FUNCTION is_ok(value text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT length(value) > 0 $$',
      "CREATE FUNCTION dflt(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'x' || n $$",
      'CREATE DOMAIN code AS text DEFAULT dflt(1) CONSTRAINT code_ok CHECK (is_ok(VALUE))',
      "COMMENT ON CONSTRAINT code_ok ON DOMAIN code IS 'not empty'",
      'CREATE TABLE codes (id int PRIMARY KEY, c code)',
      'CREATE FOREIGN DATA WRAPPER r3_wrapper',
      'CREATE SERVER r3_server FOREIGN DATA WRAPPER r3_wrapper',
      'CREATE FOREIGN TABLE remote_codes (id int, v text DEFAULT dflt(2), CONSTRAINT v_ok CHECK (is_ok(v))) SERVER r3_server',
    ],
    new: [
      'CREATE FUNCTION is_ok(input text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT length(input) > 0 $$',
      "CREATE FUNCTION dflt(m int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'x' || m $$",
      'CREATE DOMAIN code AS text DEFAULT dflt(1) CONSTRAINT code_ok CHECK (is_ok(VALUE))',
      "COMMENT ON CONSTRAINT code_ok ON DOMAIN code IS 'not empty'",
      'CREATE TABLE codes (id int PRIMARY KEY, c code)',
      'CREATE FOREIGN DATA WRAPPER r3_wrapper',
      'CREATE SERVER r3_server FOREIGN DATA WRAPPER r3_wrapper',
      'CREATE FOREIGN TABLE remote_codes (id int, v text DEFAULT dflt(2), CONSTRAINT v_ok CHECK (is_ok(v))) SERVER r3_server',
    ],
    seed: "INSERT INTO codes VALUES (1, 'a'), (2, DEFAULT)",
    seedBack: "INSERT INTO codes VALUES (1, 'a'), (2, DEFAULT)",
    keepsTables: [{ tables: ['codes'], query: 'SELECT * FROM codes ORDER BY id' }],
    expectedHazards: ['BREAKS_DEPENDANTS'],
  },
  // plan/edges.ts (afterOldOverloads): a column default calling f(1), where f(int, text DEFAULT …) is replaced by
  // f(int, int DEFAULT …) (another identity, same name): the default was set again after the new overload was
  // created but before the old one was dropped ("function f(integer) is not unique"; pgCodeKeeper's
  // modify_function_depcy_col). It now waits for the old overload's drop, as a policy's expressions did.
  {
    name: 'routines-3: a column default set again after the old overload its call reached is dropped',
    old: [
      "CREATE FUNCTION pick(s int, k text DEFAULT 'q') RETURNS int LANGUAGE sql AS $$ SELECT 1111 $$",
      'CREATE TABLE picks (id int PRIMARY KEY, c1 int DEFAULT pick(1), c2 int, CONSTRAINT c2_pick CHECK (c2 IS NULL OR c2 < pick(2)))',
      "COMMENT ON COLUMN picks.c1 IS 'some comment'",
    ],
    new: [
      'CREATE FUNCTION pick(s int, k int DEFAULT 43) RETURNS int LANGUAGE sql AS $$ SELECT 1111 $$',
      'CREATE TABLE picks (id int PRIMARY KEY, c1 int DEFAULT pick(1), c2 int, CONSTRAINT c2_pick CHECK (c2 IS NULL OR c2 < pick(2)))',
      "COMMENT ON COLUMN picks.c1 IS 'some comment'",
    ],
    seed: 'INSERT INTO picks (id, c2) VALUES (1, 5), (2, NULL)',
    seedBack: 'INSERT INTO picks (id, c2) VALUES (1, 5), (2, NULL)',
    keepsTables: [{ tables: ['picks'], query: 'SELECT * FROM picks ORDER BY id' }],
    expectedHazards: ['BREAKS_DEPENDANTS'],
  },
  // plan/dependants.ts: a rule reading a retyped column, of its table or of a relation its action names (an
  // INSERT's target column), made PostgreSQL refuse ALTER COLUMN … TYPE ("cannot alter type of a column used by a
  // view or rule"; pgCodeKeeper's modify_column_type_linked_with_rule). Such rules are dropped before and created
  // after, with their comments.
  {
    name: 'routines-3: rules reading a retyped column are dropped and created around the retype',
    old: [
      'CREATE TABLE accounts (id int PRIMARY KEY, num numeric, num2 int)',
      'CREATE TABLE audit (col1 varchar, col2 text)',
      'CREATE RULE protect AS ON UPDATE TO accounts WHERE old.num2 = 100 DO INSTEAD INSERT INTO audit (col1) SELECT new.num + 1',
      'CREATE RULE protect2 AS ON DELETE TO accounts DO ALSO INSERT INTO audit (col2) SELECT old.id',
      "COMMENT ON RULE protect ON accounts IS 'guards 100'",
    ],
    new: [
      'CREATE TABLE accounts (id int PRIMARY KEY, num int, num2 int)',
      'CREATE TABLE audit (col1 varchar, col2 varchar)',
      'CREATE RULE protect AS ON UPDATE TO accounts WHERE old.num2 = 100 DO INSTEAD INSERT INTO audit (col1) SELECT new.num + 1',
      'CREATE RULE protect2 AS ON DELETE TO accounts DO ALSO INSERT INTO audit (col2) SELECT old.id',
      "COMMENT ON RULE protect ON accounts IS 'guards 100'",
    ],
    seed: "INSERT INTO accounts VALUES (1, 2, 100), (2, 3, 4); INSERT INTO audit VALUES ('a', 'b')",
    seedBack: "INSERT INTO accounts VALUES (1, 2, 100), (2, 3, 4); INSERT INTO audit VALUES ('a', 'b')",
    keepsTables: [{ tables: ['accounts', 'audit'], query: 'SELECT a.id, a.num::int AS num, a.num2, (SELECT count(*) FROM audit) AS audits FROM accounts a ORDER BY id' }],
  },
  // plan/dependants.ts: a policy whose USING reads a view the plan drops: with its table dropped too, the view
  // went first and PostgreSQL refused ("cannot drop view … because other objects depend on it"; pg-delta's
  // policy-dependencies--policy-using-references-new-view b→a); with its table kept and the view recreated (a
  // column of the view retyped), the policy is dropped and created again around it.
  {
    name: 'routines-3: a policy reading a view is dropped before the view, with or without its table',
    old: [
      'CREATE TABLE members (id int PRIMARY KEY, active boolean NOT NULL, n int)',
      'CREATE VIEW active_members AS SELECT id, n FROM members WHERE active',
      'ALTER TABLE members ENABLE ROW LEVEL SECURITY',
      'CREATE POLICY member_access ON members FOR SELECT USING (id IN (SELECT id FROM active_members))',
      'CREATE TABLE accounts (id int PRIMARY KEY, active boolean NOT NULL)',
      'CREATE VIEW active_accounts AS SELECT id FROM accounts WHERE active',
      'ALTER TABLE accounts ENABLE ROW LEVEL SECURITY',
      'CREATE POLICY account_access ON accounts FOR SELECT USING (id IN (SELECT id FROM active_accounts))',
    ],
    new: [
      'CREATE TABLE members (id int PRIMARY KEY, active boolean NOT NULL, n bigint)',
      'CREATE VIEW active_members AS SELECT id, n FROM members WHERE active',
      'ALTER TABLE members ENABLE ROW LEVEL SECURITY',
      'CREATE POLICY member_access ON members FOR SELECT USING (id IN (SELECT id FROM active_members))',
    ],
    seed: 'INSERT INTO members VALUES (1, true, 1), (2, false, 2)',
    seedBack: 'INSERT INTO members VALUES (1, true, 1), (2, false, 2)',
    keepsTables: [{ tables: ['members'], query: 'SELECT id, active, n::text FROM members ORDER BY id' }],
    expectedHazards: ['DELETES_DATA', 'BREAKS_DEPENDANTS'],
  },
];
