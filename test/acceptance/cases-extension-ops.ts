/**
 * Acceptance cases for what the native fold knows of extensions' operators (h164): an unqualified operator over an
 * extension's type resolves, as PostgreSQL's parser resolves it, to the extension's own operator (citext's
 * `=(citext,citext)`, hstore's `->(hstore,text)`, ltree's `<@`), which PostgreSQL prints qualified under the
 * inspector's empty search_path (`email OPERATOR(public.=) 'a'::public.citext`). The fold compared such a CHECK, index
 * predicate or view as pg_catalog's operator, so every plan dropped and created it again (src/parse/ext-catalog.ts,
 * generated members in src/parse/catalog/extensions.ts by scripts/pg-extension-snapshot.ts).
 */
import type { AcceptanceCase } from './harness.js';

const citextTable = 'CREATE TABLE acct (id int PRIMARY KEY, email citext, name text)';

export const EXTENSION_OPS_CASES: AcceptanceCase[] = [
  {
    name: 'extension-ops: CHECKs, an index predicate and a view over citext use citext\'s own operators',
    old: ['CREATE EXTENSION citext', citextTable],
    new: [
      'CREATE EXTENSION citext',
      'CREATE TABLE acct (id int PRIMARY KEY, email citext, name text, ' +
        "CONSTRAINT not_x CHECK (email <> 'x'::citext), CONSTRAINT not_a CHECK (email <> 'a'), CONSTRAINT known CHECK (email IN ('b@x', 'c@x', 'd@x', 'e@x')), " +
        "CONSTRAINT at CHECK (email LIKE '%@%'), CONSTRAINT lowered CHECK (lower(email::text) <> ''), CONSTRAINT vs_text CHECK (email <> name), " +
        "CONSTRAINT in_range CHECK (email BETWEEN 'a' AND 'm'), CONSTRAINT out_range CHECK (email NOT BETWEEN 'x' AND 'z'))",
      "CREATE INDEX acct_email ON acct (email) WHERE email <> 'z@x'",
      "CREATE VIEW acct_b AS SELECT id, email FROM acct WHERE email = 'B@X' OR email ILIKE 'c%' OR email ~ '^d'",
    ],
    seed: "INSERT INTO acct VALUES (1, 'B@x', 'n'), (2, NULL, NULL)",
    seedBack: "INSERT INTO acct VALUES (1, 'B@x', 'n'), (2, NULL, NULL)",
    keepsTables: [{ tables: ['acct'], query: 'SELECT id, email::text, name FROM acct ORDER BY id' }],
  },
  {
    name: 'extension-ops: hstore, ltree and pg_trgm operators in CHECKs, index expressions and a view',
    old: ['CREATE EXTENSION hstore', 'CREATE EXTENSION ltree', 'CREATE EXTENSION pg_trgm', 'CREATE TABLE doc (id int PRIMARY KEY, attrs hstore, path ltree, title text)'],
    new: [
      'CREATE EXTENSION hstore', 'CREATE EXTENSION ltree', 'CREATE EXTENSION pg_trgm',
      "CREATE TABLE doc (id int PRIMARY KEY, attrs hstore, path ltree, title text, CONSTRAINT has_kind CHECK (attrs ? 'kind'), " +
        "CONSTRAINT kind_set CHECK (attrs -> 'kind' <> ''), CONSTRAINT under_top CHECK (path <@ 'top'), CONSTRAINT path_form CHECK (path ~ 'top.*'))",
      "CREATE INDEX doc_kind ON doc ((attrs -> 'kind')) WHERE attrs ? 'owner'",
      'CREATE INDEX doc_title ON doc USING gist (title gist_trgm_ops)',
      "CREATE VIEW doc_like AS SELECT id, attrs -> 'kind' AS kind, path || 'leaf' AS leaf FROM doc WHERE title % 'report' OR path @> 'top.a'",
    ],
    seed: "INSERT INTO doc VALUES (1, 'kind=>a, owner=>b', 'top.a', 'report one')",
    seedBack: "INSERT INTO doc VALUES (1, 'kind=>a, owner=>b', 'top.a', 'report one')",
    keepsTables: [{ tables: ['doc'], query: 'SELECT id, attrs::text, path::text, title FROM doc ORDER BY id' }],
  },
  // An extension in a schema off the search_path: its operators are not visible, PostgreSQL resolves pg_catalog's
  // (`(email)::text = 'a'::text`, citext's implicit cast to text), so nothing is qualified.
  {
    name: 'extension-ops: citext in a schema off the search_path: its operators are not visible',
    old: ['CREATE SCHEMA ext', 'CREATE EXTENSION citext WITH SCHEMA ext', 'CREATE TABLE acct (id int PRIMARY KEY, email ext.citext)'],
    new: ['CREATE SCHEMA ext', 'CREATE EXTENSION citext WITH SCHEMA ext', "CREATE TABLE acct (id int PRIMARY KEY, email ext.citext, CONSTRAINT not_a CHECK (email <> 'a'))", "CREATE INDEX acct_e ON acct (email) WHERE email = 'b'"],
    seed: "INSERT INTO acct VALUES (1, 'B')",
    seedBack: "INSERT INTO acct VALUES (1, 'B')",
    keepsTables: [{ tables: ['acct'], query: 'SELECT id, email::text FROM acct ORDER BY id' }],
  },
  // The file's own operator in a CHECK and an index predicate (read from their text, like the extensions' above).
  {
    name: 'extension-ops: the file\'s own operator in a CHECK and an index predicate',
    old: ['CREATE TABLE m (id int PRIMARY KEY, b int)'],
    new: [
      'CREATE FUNCTION int_eq(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a = b $$',
      'CREATE OPERATOR === (FUNCTION = int_eq, LEFTARG = integer, RIGHTARG = integer)',
      'CREATE TABLE m (id int PRIMARY KEY, b int, CONSTRAINT b_not_7 CHECK (NOT (b === 7)))',
      'CREATE INDEX m_b ON m (id) WHERE b === 1',
    ],
    seed: 'INSERT INTO m VALUES (1, 1)',
    seedBack: 'INSERT INTO m VALUES (1, 1)',
    keepsTables: [{ tables: ['m'], query: 'SELECT * FROM m ORDER BY id' }],
  },
  // An extension's operator over what an extension's operator or function returns (ltree's `||`, subpath(); cube_dim()):
  // the operand is typed by the member's result (src/parse/ext-catalog.ts `resolveOperator`, `extensionFunctionResult`).
  {
    name: 'extension-ops: operators over the results of extension operators and functions',
    old: ['CREATE EXTENSION ltree', 'CREATE EXTENSION cube', 'CREATE EXTENSION pg_trgm', 'CREATE TABLE node (id int PRIMARY KEY, path ltree, box cube, title text)'],
    new: [
      'CREATE EXTENSION ltree', 'CREATE EXTENSION cube', 'CREATE EXTENSION pg_trgm',
      "CREATE TABLE node (id int PRIMARY KEY, path ltree, box cube, title text, CONSTRAINT joined CHECK ((path || 'x') <@ 'top'), " +
        "CONSTRAINT head CHECK (subpath(path, 0, 1) <@ 'top'), CONSTRAINT shallow CHECK (nlevel(path) < 5), CONSTRAINT flat CHECK (cube_dim(box) = 2))",
      "CREATE INDEX node_head ON node ((subpath(path, 0, 1))) WHERE lca(path, path) <> 'top.z'",
      "CREATE VIEW node_near AS SELECT id, similarity(title, 'abc') AS s, subpath(path, 0, 1) AS head FROM node WHERE similarity(title, 'x') > 0.5 AND index(path, 'a') >= 0",
    ],
    seed: "INSERT INTO node VALUES (1, 'top.a', '(1, 2), (3, 4)', 'abc')",
    seedBack: "INSERT INTO node VALUES (1, 'top.a', '(1, 2), (3, 4)', 'abc')",
    keepsTables: [{ tables: ['node'], query: 'SELECT id, path::text, box::text, title FROM node ORDER BY id' }],
  },
  // A trigger's WHEN over NEW and OLD reads the table's row: its operators resolve over the columns' types, as in a
  // CHECK (src/parse/normalize-statements.ts, CreateTrigStmt); `x = ANY ('{…}')` looks the operator up with the untyped
  // literal as unknown (make_scalar_array_op), so citext's `=` is found (src/parse/user-operator.ts).
  {
    name: 'extension-ops: trigger WHEN clauses and = ANY / <> ALL over untyped array literals use the extensions\' operators',
    old: ['CREATE EXTENSION citext', 'CREATE EXTENSION hstore', 'CREATE TABLE mbr (id int PRIMARY KEY, email citext, attrs hstore, name text)',
      'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$'],
    new: [
      'CREATE EXTENSION citext', 'CREATE EXTENSION hstore',
      'CREATE TABLE mbr (id int PRIMARY KEY, email citext, attrs hstore, name text, ' +
        "CONSTRAINT mail_any CHECK (email = ANY ('{a@x,b@x}')), CONSTRAINT mail_all CHECK (email <> ALL ('{z@x}')), CONSTRAINT name_any CHECK (name = ANY ('{n,m}')))",
      'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      'CREATE TRIGGER mail_changed BEFORE UPDATE ON mbr FOR EACH ROW WHEN (NEW.email <> OLD.email) EXECUTE FUNCTION touch()',
      "CREATE TRIGGER mail_is BEFORE UPDATE ON mbr FOR EACH ROW WHEN (NEW.email = 'A@X'::citext AND OLD.name = 'n') EXECUTE FUNCTION touch()",
      "CREATE TRIGGER has_kind AFTER INSERT ON mbr FOR EACH ROW WHEN (NEW.attrs ? 'kind' OR NEW.attrs -> 'k' = 'v') EXECUTE FUNCTION touch()",
    ],
    seed: "INSERT INTO mbr VALUES (1, 'A@x', 'kind=>1', 'n')",
    seedBack: "INSERT INTO mbr VALUES (1, 'A@x', 'kind=>1', 'n')",
    keepsTables: [{ tables: ['mbr'], query: 'SELECT id, email::text, attrs::text, name FROM mbr ORDER BY id' }],
  },
];
