/**
 * Acceptance cases hunted on real-upgrade pairs (issue-gh): column type changes that need USING or touch
 * both sides of a foreign key, columns dropped under their dependents, views whose column list changes,
 * function signature changes under their users, key swaps, sequences, identity and serial, inheritance,
 * quoting. Each was judged on real PostgreSQL (pg_dump) in both directions; the ones that failed are the
 * reproductions of the fixes in src/ (named in each case's comment).
 */
import type { AcceptanceCase } from './harness.js';

/** Roles are cluster-wide: created if missing, never dropped. */
const role = `DO $$ BEGIN CREATE ROLE mgh_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

export const HUNT_CASES: AcceptanceCase[] = [
  // ---- column types
  {
    name: 'hunt: int key and its referencing columns widened to bigint on both sides of two foreign keys',
    old: [
      'CREATE TABLE p (id int PRIMARY KEY, v text)',
      'CREATE TABLE c (id int PRIMARY KEY, p_id int NOT NULL REFERENCES p ON DELETE CASCADE, parent int REFERENCES c)',
      'CREATE INDEX c_p_id ON c (p_id)',
    ],
    new: [
      'CREATE TABLE p (id bigint PRIMARY KEY, v text)',
      'CREATE TABLE c (id bigint PRIMARY KEY, p_id bigint NOT NULL REFERENCES p ON DELETE CASCADE, parent bigint REFERENCES c)',
      'CREATE INDEX c_p_id ON c (p_id)',
    ],
    seed: "INSERT INTO p VALUES (1, 'a'), (2, 'b'); INSERT INTO c VALUES (1, 1, NULL), (2, 2, 1)",
    seedBack: "INSERT INTO p VALUES (1, 'a'); INSERT INTO c VALUES (1, 1, NULL), (2, 1, 1)",
    keepsTables: [{ tables: ['p', 'c'], query: 'SELECT c.id::int, c.p_id::int, c.parent::int, p.v FROM c JOIN p ON p.id = c.p_id ORDER BY c.id' }],
  },
  {
    name: 'hunt: varchar length shrunk with rows that fit, under a view and an index',
    old: ['CREATE TABLE t (id int, code varchar(50) NOT NULL)', 'CREATE INDEX t_code ON t (code)', 'CREATE VIEW tv AS SELECT id, code FROM t'],
    new: ['CREATE TABLE t (id int, code varchar(10) NOT NULL)', 'CREATE INDEX t_code ON t (code)', 'CREATE VIEW tv AS SELECT id, code FROM t'],
    seed: "INSERT INTO t VALUES (1, 'abc'), (2, 'defgh')",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, code::text FROM t ORDER BY id' }],
  },
  {
    name: 'hunt: text to integer under a default, a check and a unique key',
    old: ["CREATE TABLE t (id int, n text DEFAULT '0' CHECK (n <> ''), CONSTRAINT t_n_key UNIQUE (n))"],
    new: ['CREATE TABLE t (id int, n int DEFAULT 0 CHECK (n >= 0), CONSTRAINT t_n_key UNIQUE (n))'],
    seed: "INSERT INTO t VALUES (1, '5'), (2, '7')",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, n::text FROM t ORDER BY id' }],
  },
  {
    name: 'hunt: boolean to text and integer to boolean',
    old: ['CREATE TABLE t (id int, a boolean DEFAULT false, b int)'],
    new: ["CREATE TABLE t (id int, a text DEFAULT 'false', b boolean)"],
    seed: 'INSERT INTO t VALUES (1, true, 1), (2, false, 0)',
    oneWay: true,
  },
  // ---- columns dropped under their dependents
  {
    name: 'hunt: column dropped with the view column, policy, trigger WHEN, partial index and generated column that use it',
    old: [
      'CREATE TABLE t (id int PRIMARY KEY, owner text, flag boolean, g text GENERATED ALWAYS AS (upper(owner)) STORED)',
      'CREATE VIEW tv AS SELECT id, owner FROM t',
      'ALTER TABLE t ENABLE ROW LEVEL SECURITY',
      'CREATE POLICY p_owner ON t USING (owner = current_user)',
      'CREATE INDEX t_live ON t (id) WHERE flag',
      "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
      'CREATE TRIGGER t_trg BEFORE UPDATE ON t FOR EACH ROW WHEN (OLD.flag IS DISTINCT FROM NEW.flag) EXECUTE FUNCTION tf()',
    ],
    new: [
      'CREATE TABLE t (id int PRIMARY KEY)',
      'CREATE VIEW tv AS SELECT id FROM t',
      'ALTER TABLE t ENABLE ROW LEVEL SECURITY',
      "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
    ],
    seed: "INSERT INTO t VALUES (1, 'x', true)",
    keepsTables: [{ tables: ['t'], query: 'SELECT id FROM t ORDER BY id' }],
  },
  // ---- views whose column list changes
  {
    name: 'hunt: view loses a column under a view over it, a materialized view with an index, grants and comments',
    old: [
      role,
      'CREATE TABLE t (id int, a text, b text)',
      'CREATE VIEW v1 AS SELECT id, a, b FROM t',
      'CREATE VIEW v2 AS SELECT id, a FROM v1',
      'CREATE MATERIALIZED VIEW m AS SELECT id, a FROM v1',
      'CREATE UNIQUE INDEX m_id ON m (id)',
      "COMMENT ON VIEW v1 IS 'first'",
      "COMMENT ON COLUMN v2.a IS 'col a'",
      "COMMENT ON MATERIALIZED VIEW m IS 'mat'",
      'GRANT SELECT ON v1, v2, m TO mgh_reader',
    ],
    new: [
      role,
      'CREATE TABLE t (id int, a text, b text)',
      'CREATE VIEW v1 AS SELECT id, a FROM t',
      'CREATE VIEW v2 AS SELECT id, a FROM v1',
      'CREATE MATERIALIZED VIEW m AS SELECT id, a FROM v1',
      'CREATE UNIQUE INDEX m_id ON m (id)',
      "COMMENT ON VIEW v1 IS 'first'",
      "COMMENT ON COLUMN v2.a IS 'col a'",
      "COMMENT ON MATERIALIZED VIEW m IS 'mat'",
      'GRANT SELECT ON v1, v2, m TO mgh_reader',
    ],
  },
  {
    name: 'hunt: view column renamed and reordered (CREATE OR REPLACE cannot), a view over it follows',
    old: ['CREATE TABLE t (id int, a text, b int)', 'CREATE VIEW v1 AS SELECT id, a, b FROM t', 'CREATE VIEW v2 AS SELECT * FROM v1'],
    new: ['CREATE TABLE t (id int, a text, b int)', 'CREATE VIEW v1 AS SELECT id, b, a AS title FROM t', 'CREATE VIEW v2 AS SELECT * FROM v1'],
  },
  {
    name: 'hunt: view column changes type (text to int) under a function returning the view row',
    old: ['CREATE TABLE t (id int, a text)', 'CREATE VIEW v AS SELECT id, a FROM t', 'CREATE FUNCTION vf() RETURNS SETOF v LANGUAGE sql AS $$SELECT * FROM v$$'],
    new: ['CREATE TABLE t (id int, a text)', 'CREATE VIEW v AS SELECT id, length(a) AS a FROM t', 'CREATE FUNCTION vf() RETURNS SETOF v LANGUAGE sql AS $$SELECT * FROM v$$'],
  },
  // ---- functions whose signature changes under their users
  {
    name: 'hunt: function parameter renamed and its default removed (CREATE OR REPLACE cannot), used by a default and a check',
    old: [
      'CREATE FUNCTION clamp(x int, lo int DEFAULT 0) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT greatest(x, lo)$$',
      'CREATE TABLE t (id int, n int DEFAULT clamp(5) CHECK (clamp(n, 0) >= 0))',
    ],
    new: [
      'CREATE FUNCTION clamp(v int, lo int) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT greatest(v, lo)$$',
      'CREATE TABLE t (id int, n int DEFAULT clamp(5, 0) CHECK (clamp(n, 0) >= 0))',
    ],
    seed: 'INSERT INTO t VALUES (1, 3)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id, n FROM t ORDER BY id' }],
  },
  {
    name: 'hunt: immutable function used by an expression index changes its body',
    old: [
      'CREATE FUNCTION norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT lower(s)$$',
      'CREATE TABLE t (id int, e text)',
      'CREATE INDEX t_norm ON t (norm(e))',
    ],
    new: [
      'CREATE FUNCTION norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT lower(trim(s))$$',
      'CREATE TABLE t (id int, e text)',
      'CREATE INDEX t_norm ON t (norm(e))',
    ],
    seed: "INSERT INTO t VALUES (1, ' A ')",
  },
  {
    name: 'hunt: function return type changes (int to bigint) under a view, a default and a generated column',
    old: [
      'CREATE FUNCTION two() RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT 2$$',
      'CREATE TABLE t (id int, n bigint DEFAULT two(), g bigint GENERATED ALWAYS AS (id * two()) STORED)',
      'CREATE VIEW v AS SELECT id, two() AS k FROM t',
    ],
    new: [
      'CREATE FUNCTION two() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$SELECT 2::bigint$$',
      'CREATE TABLE t (id int, n bigint DEFAULT two(), g bigint GENERATED ALWAYS AS (id * two()) STORED)',
      'CREATE VIEW v AS SELECT id, two() AS k FROM t',
    ],
    seed: 'INSERT INTO t (id) VALUES (1)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id, n FROM t ORDER BY id' }],
  },
  {
    name: 'hunt: trigger function replaced by one with another name, the trigger follows',
    old: [
      'CREATE TABLE t (id int, at timestamptz)',
      'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.at := now(); RETURN NEW; END$$',
      'CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()',
    ],
    new: [
      'CREATE TABLE t (id int, at timestamptz)',
      'CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.at := clock_timestamp(); RETURN NEW; END$$',
      'CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION stamp()',
    ],
  },
  {
    name: 'hunt: function volatility and strictness change, used by a view',
    old: ['CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql VOLATILE AS $$SELECT x + 1$$', 'CREATE VIEW v AS SELECT f(1) AS n'],
    new: ['CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$SELECT x + 1$$', 'CREATE VIEW v AS SELECT f(1) AS n'],
  },
  // ---- keys
  {
    name: 'hunt: unique key becomes the primary key while foreign keys point at it',
    old: [
      'CREATE TABLE p (id int NOT NULL, code text, CONSTRAINT p_id_key UNIQUE (id), CONSTRAINT p_pkey PRIMARY KEY (code))',
      'CREATE TABLE c (p_id int REFERENCES p (id))',
    ],
    new: [
      'CREATE TABLE p (id int NOT NULL, code text NOT NULL, CONSTRAINT p_pkey PRIMARY KEY (id), CONSTRAINT p_code_key UNIQUE (code))',
      'CREATE TABLE c (p_id int REFERENCES p (id))',
    ],
    seed: "INSERT INTO p VALUES (1, 'a'); INSERT INTO c VALUES (1)",
    keepsTables: [{ tables: ['p', 'c'], query: 'SELECT c.p_id, p.code FROM c JOIN p ON p.id = c.p_id' }],
  },
  {
    name: 'hunt: foreign key becomes deferrable, and initially deferred',
    old: ['CREATE TABLE p (id int PRIMARY KEY)', 'CREATE TABLE c (p_id int, CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p)'],
    new: ['CREATE TABLE p (id int PRIMARY KEY)', 'CREATE TABLE c (p_id int, CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p DEFERRABLE INITIALLY DEFERRED)'],
  },
  {
    name: 'hunt: NOT VALID check and foreign key become valid',
    old: ['CREATE TABLE p (id int PRIMARY KEY)', 'CREATE TABLE c (p_id int, n int)', 'ALTER TABLE c ADD CONSTRAINT c_n CHECK (n > 0) NOT VALID', 'ALTER TABLE c ADD CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p NOT VALID'],
    new: ['CREATE TABLE p (id int PRIMARY KEY)', 'CREATE TABLE c (p_id int, n int, CONSTRAINT c_n CHECK (n > 0), CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p)'],
    seed: 'INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1)',
    keepsTables: [{ tables: ['c'], query: 'SELECT * FROM c' }],
  },
  // ---- sequences, identity, serial
  {
    name: 'hunt: sequence start, increment, cycle and OWNED BY change',
    old: ['CREATE TABLE t (id int, n bigint)', 'CREATE SEQUENCE s START 10 INCREMENT 1', 'ALTER SEQUENCE s OWNED BY t.id'],
    new: ['CREATE TABLE t (id int, n bigint)', 'CREATE SEQUENCE s START 100 INCREMENT 5 CYCLE MAXVALUE 100000', 'ALTER SEQUENCE s OWNED BY t.n'],
  },
  {
    name: 'hunt: serial becomes identity (and back) with rows',
    old: ['CREATE TABLE t (id serial PRIMARY KEY, v text)'],
    new: ['CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text)'],
    seed: "INSERT INTO t (v) VALUES ('a'), ('b')",
    seedBack: "INSERT INTO t (v) VALUES ('a'), ('b')",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, v FROM t ORDER BY id' }],
  },
  // ---- identifiers
  {
    name: 'hunt: 63-byte identifiers whose default constraint and index names PostgreSQL truncates',
    old: [],
    new: [
      'CREATE TABLE abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefgh (id int PRIMARY KEY, abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij_column int UNIQUE CHECK (abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij_column > 0))',
      'CREATE INDEX ON abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefgh (abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij_column, id)',
    ],
  },
  {
    name: 'hunt: mixed-case, reserved-word and unicode names renamed by type change, with a view and a FK',
    old: [
      'CREATE TABLE "Order" ("ID" int PRIMARY KEY, "select" text, "naïve" int)',
      'CREATE TABLE "Line" ("orderID" int REFERENCES "Order", "qty" int)',
      'CREATE VIEW "Order View" AS SELECT "ID", "select", "naïve" FROM "Order"',
    ],
    new: [
      'CREATE TABLE "Order" ("ID" bigint PRIMARY KEY, "select" varchar(20), "naïve" bigint)',
      'CREATE TABLE "Line" ("orderID" bigint REFERENCES "Order", "qty" int)',
      'CREATE VIEW "Order View" AS SELECT "ID", "select", "naïve" FROM "Order"',
    ],
    seed: `INSERT INTO "Order" VALUES (1, 'x', 2); INSERT INTO "Line" VALUES (1, 3)`,
  },
  // ---- fuzz reproductions (npm run fuzz -- --seeds 150 --from 1000), shrunk
  {
    // fuzz seed 1136: a generated column whose expression changes is dropped and added again (PostgreSQL 15 has no
    // SET EXPRESSION): a SQL-standard function, a view and an index reading it go first and come back.
    name: 'hunt: generated column expression changes under a BEGIN ATOMIC function, a view and an index that read it',
    old: [
      'CREATE TABLE t (id int, c bigint, g bigint GENERATED ALWAYS AS (c * 2) STORED)',
      'CREATE INDEX t_g ON t (g)',
      'CREATE VIEW tv AS SELECT id, g FROM t',
      'CREATE FUNCTION f() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT max(g)::bigint FROM t; END',
    ],
    new: [
      'CREATE TABLE t (id int, c bigint, g bigint GENERATED ALWAYS AS (c * 3) STORED)',
      'CREATE INDEX t_g ON t (g)',
      'CREATE VIEW tv AS SELECT id, g FROM t',
      'CREATE FUNCTION f() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT max(g)::bigint FROM t; END',
    ],
    seed: 'INSERT INTO t (id, c) VALUES (1, 10), (2, 20)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id, c FROM t ORDER BY id' }],
  },
  {
    // fuzz seed 1101: new → old inserts attribute b mid-list, so the composite is recreated: the domain over it went unnoticed.
    name: 'hunt: composite type recreated (an attribute inserted mid-list) under a commented domain and a composite over it',
    old: ["CREATE TYPE e1 AS ENUM ('a')", 'CREATE TYPE ct5 AS (a integer, b text, m e1)', 'CREATE DOMAIN dc6 AS ct5', "COMMENT ON DOMAIN dc6 IS 'over ct5'", 'CREATE TYPE outer7 AS (x ct5, n int)'],
    new: ["CREATE TYPE e1 AS ENUM ('a')", 'CREATE TYPE ct5 AS (a integer, m e1)', 'CREATE DOMAIN dc6 AS ct5', "COMMENT ON DOMAIN dc6 IS 'over ct5'", 'CREATE TYPE outer7 AS (x ct5, n int)'],
  },
  {
    // fuzz seed 2113: the partition's column was altered too, after its parent's ALTER TYPE had recursed to it.
    name: 'hunt: partitioned table column widened to bigint, the partition follows its parent',
    old: ['CREATE TABLE pt14 (id integer NOT NULL, k integer NOT NULL, c16 integer NOT NULL) PARTITION BY RANGE (k)', 'CREATE TABLE pt14_p17 PARTITION OF pt14 FOR VALUES FROM (0) TO (10)', 'CREATE TABLE inh_base (id int, n int)', 'CREATE TABLE inh_child (extra text) INHERITS (inh_base)'],
    new: ['CREATE TABLE pt14 (id integer NOT NULL, k integer NOT NULL, c16 bigint NOT NULL) PARTITION BY RANGE (k)', 'CREATE TABLE pt14_p17 PARTITION OF pt14 FOR VALUES FROM (0) TO (10)', 'CREATE TABLE inh_base (id int, n bigint)', 'CREATE TABLE inh_child (extra text) INHERITS (inh_base)'],
    seed: "INSERT INTO pt14 VALUES (1, 1, 10), (2, 1, 20); INSERT INTO inh_child VALUES (1, 2, 'x')",
    keepsTables: [{ tables: ['pt14', 'pt14_p17'], query: 'SELECT id, k, c16::int FROM pt14 ORDER BY id' }, { tables: ['inh_child'], query: 'SELECT id, n::int, extra FROM inh_child' }],
  },
  // ---- marks that name an index (found on a schema-diff tool's fixtures: CLUSTER ON came before its CREATE INDEX)
  {
    // plan/edges.ts alter_table: the CLUSTER ON / REPLICA IDENTITY USING INDEX statement requires the table and the index, it does not alter the table (a cycle with the index).
    name: 'hunt: new table clustered on a plain index, existing table gains an index it is clustered on and a unique index as replica identity',
    old: ['CREATE TABLE kept (id int NOT NULL, k int NOT NULL, v text)'],
    new: [
      'CREATE TABLE kept (id int NOT NULL, k int NOT NULL, v text)',
      'CREATE INDEX kept_v ON kept (v)',
      'ALTER TABLE kept CLUSTER ON kept_v',
      'CREATE UNIQUE INDEX kept_id_k ON kept (id, k)',
      'ALTER TABLE kept REPLICA IDENTITY USING INDEX kept_id_k',
      'CREATE TABLE fresh (a int, b int)',
      'CREATE INDEX fresh_b ON fresh (b)',
      'ALTER TABLE fresh CLUSTER ON fresh_b',
    ],
    seed: "INSERT INTO kept VALUES (1, 1, 'x'), (2, 1, 'y')",
    keepsTables: [{ tables: ['kept'], query: 'SELECT id, k, v FROM kept ORDER BY id' }],
  },
  // ---- partitions that do not share their parent's defaults (found on a job queue's schema: partitions made by a function with LIKE, then attached)
  {
    // diff/index.ts new table: a partition's columns start from the parent's default and NOT NULL; what differs is altered after CREATE TABLE … PARTITION OF.
    name: 'hunt: partitions attached without the parent defaults, with a default and a NOT NULL of their own',
    old: ["CREATE TABLE ev (id int, k int NOT NULL, s text DEFAULT 'new', n int DEFAULT 0, m int) PARTITION BY LIST (k)", 'CREATE TABLE ev_2 PARTITION OF ev FOR VALUES IN (2)'],
    new: [
      "CREATE TABLE ev (id int, k int NOT NULL, s text DEFAULT 'new', n int DEFAULT 0, m int) PARTITION BY LIST (k)",
      'CREATE TABLE ev_2 PARTITION OF ev FOR VALUES IN (2)',
      'CREATE TABLE ev_1 (LIKE ev)',
      'ALTER TABLE ev_1 ALTER COLUMN m SET DEFAULT 7',
      'ALTER TABLE ev_1 ALTER COLUMN id SET NOT NULL',
      'ALTER TABLE ev ATTACH PARTITION ev_1 FOR VALUES IN (1)',
    ],
    seed: "INSERT INTO ev (id, k) VALUES (1, 2), (2, 2)",
    keepsTables: [{ tables: ['ev', 'ev_2'], query: 'SELECT id, k, s, n FROM ev_2 ORDER BY id' }],
  },
  // ---- a check whose pretty print loses its grouping (found on a workflow engine's schema: pg_dump differed after the round trip)
  {
    // inspect: pg_get_constraintdef(…, true) prints a AND (b AND c) as a AND b AND c; the exact print is kept when the trees differ (parse/canonical.ts constraintText).
    name: 'hunt: check constraint with a nested AND inside an OR, added to an existing table and on a new one',
    old: ['CREATE TABLE hook (m text, a int, b int, c int)'],
    new: [
      "CREATE TABLE hook (m text, a int, b int, c int, CONSTRAINT hook_auth CHECK ((m = 'basic' AND (a IS NOT NULL AND b IS NOT NULL)) OR (m = 'key' AND (c IS NOT NULL OR (a > 0 OR b > 0)))))",
      "CREATE TABLE hook2 (m text, a int, b int, CHECK (m = 'x' AND (a IS NOT NULL AND b IS NOT NULL)))",
    ],
    seed: "INSERT INTO hook VALUES ('basic', 1, 2, NULL), ('key', NULL, NULL, 3)",
    keepsTables: [{ tables: ['hook'], query: 'SELECT m, a, b, c FROM hook ORDER BY m' }],
  },
  // ---- a PL/pgSQL function whose DECLARE names a table's row type (found on a workflow engine's schema: created before its table)
  {
    // parse/canonical.ts withDeclares: the relations and types a DECLARE section names, at both edges; plan/edges.ts: the function requires them.
    name: 'hunt: plpgsql function declaring a new table%ROWTYPE, a column%TYPE and an enum, created with them',
    old: ['CREATE TABLE keep (a int)'],
    new: [
      'CREATE TABLE keep (a int)',
      "CREATE TYPE zz_state AS ENUM ('open', 'done')",
      'CREATE TABLE zz_job (id int PRIMARY KEY, state zz_state NOT NULL, note text)',
      `CREATE FUNCTION aa_next_job() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  j zz_job%ROWTYPE;
  n zz_job.note%TYPE;
  s zz_state := 'open';
BEGIN
  SELECT * INTO j FROM zz_job WHERE state = s ORDER BY id LIMIT 1;
  n := j.note;
  RETURN j.id;
END $$`,
    ],
    seed: 'INSERT INTO keep VALUES (1), (2)',
    keepsTables: [{ tables: ['keep'], query: 'SELECT a FROM keep ORDER BY a' }],
  },
  // ---- storage parameters in the order PostgreSQL stores them (found on a workflow engine's schema: pg_dump printed them in another order after the round trip)
  {
    // Models keep options as stored (parse/kinds/nodes.ts mergeOptions, inspector unsorted), compare them as sets (diff/equal.ts sameOptions); plan/options.ts reaches the desired order.
    name: 'hunt: storage parameters and attribute options out of alphabetical order, changed and reordered',
    old: [
      'CREATE TABLE so (a int, b text) WITH (fillfactor=70, autovacuum_enabled=false)',
      'ALTER TABLE so ALTER COLUMN a SET (n_distinct=-1, n_distinct_inherited=-0.5)',
      'CREATE INDEX so_a ON so (a) WITH (fillfactor=80, deduplicate_items=off)',
    ],
    new: [
      'CREATE TABLE so (a int, b text) WITH (toast_tuple_target=256, autovacuum_enabled=false, fillfactor=50)',
      'ALTER TABLE so ALTER COLUMN a SET (n_distinct_inherited=-0.5, n_distinct=-0.2)',
      'CREATE INDEX so_a ON so (a) WITH (fillfactor=80, deduplicate_items=off)',
      'CREATE TABLE so2 (a int) WITH (toast_tuple_target=256, fillfactor=90)',
    ],
    seed: "INSERT INTO so VALUES (1, 'x'), (2, 'y')",
    keepsTables: [{ tables: ['so'], query: 'SELECT a, b FROM so ORDER BY a' }],
  },
  // ---- statistics targets of expression index columns (found on an image board's schema: lost by the round trip)
  {
    // Index.statistics at both edges (fold: ALTER INDEX … ALTER COLUMN n SET STATISTICS; inspector: the index's pg_attribute); changed in place.
    name: 'hunt: statistics targets of expression index columns, set in place and on a new index',
    old: ['CREATE TABLE ist (a int, b text)', 'CREATE INDEX ist_lower ON ist ((lower(b)))'],
    new: [
      'CREATE TABLE ist (a int, b text)',
      'CREATE INDEX ist_lower ON ist ((lower(b)))',
      'ALTER INDEX ist_lower ALTER COLUMN 1 SET STATISTICS 3000',
      'CREATE INDEX ist_two ON ist ((a + 1), (upper(b)))',
      'ALTER INDEX ist_two ALTER COLUMN 2 SET STATISTICS 500',
    ],
    seed: "INSERT INTO ist VALUES (1, 'x'), (2, 'Y')",
    keepsTables: [{ tables: ['ist'], query: 'SELECT a, b FROM ist ORDER BY a' }],
  },
];
