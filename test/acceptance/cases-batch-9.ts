/**
 * Acceptance cases of batch 9 (known correctness gaps, each a class): sequence ownership moved or lost in one plan,
 * rules reading OLD/NEW, renamed columns in expression indexes/predicates/statistics/views, PostgreSQL 15's
 * spellings (COMMENT ON TRIGGER, AT TIME ZONE), temporal foreign keys (PERIOD), view column defaults.
 * Each case failed before its fix in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

export const BATCH_9_CASES: AcceptanceCase[] = [
  // 1. ALTER SEQUENCE … OWNED BY when the owner column or table goes in the same plan, or ownership moves.
  {
    name: 'batch-9: owned sequence kept while its owner column is dropped, ownership moves to another column',
    old: ['CREATE TABLE t (id int, a int, b int)', 'CREATE SEQUENCE s OWNED BY t.a'],
    new: ['CREATE TABLE t (id int, b int)', 'CREATE SEQUENCE s OWNED BY t.b'],
    seed: "INSERT INTO t VALUES (1, 2, 3); SELECT nextval('s')",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, b FROM t ORDER BY id' }],
  },
  {
    name: 'batch-9: owned sequence kept while its owner column is dropped, released (OWNED BY NONE)',
    old: ['CREATE TABLE t (id int, a int)', 'CREATE SEQUENCE s OWNED BY t.a'],
    new: ['CREATE TABLE t (id int)', 'CREATE SEQUENCE s'],
    seed: 'INSERT INTO t VALUES (1, 2)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id FROM t ORDER BY id' }],
  },
  {
    name: 'batch-9: owned sequence kept while its owner table is dropped, now owned by a new table',
    old: ['CREATE TABLE t (id int, a int)', 'CREATE SEQUENCE s OWNED BY t.a'],
    new: ['CREATE TABLE u (id int, c bigint)', 'CREATE SEQUENCE s OWNED BY u.c'],
    seed: "INSERT INTO t VALUES (1, 2); SELECT nextval('s')",
  },
  {
    name: 'batch-9: ownership moves to a column added in the same plan, with a default using the sequence',
    old: ['CREATE TABLE t (id int, a int)', 'CREATE SEQUENCE s OWNED BY t.a', "ALTER TABLE t ALTER COLUMN a SET DEFAULT nextval('s')"],
    new: ['CREATE SEQUENCE s', "CREATE TABLE t (id int, c bigint DEFAULT nextval('s'))", 'ALTER SEQUENCE s OWNED BY t.c'],
    seed: 'INSERT INTO t (id) VALUES (1), (2)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id FROM t ORDER BY id' }],
  },
  {
    name: 'batch-9: ownership moves between two tables, the old owner table dropped',
    old: ['CREATE TABLE t (id int, a int)', 'CREATE TABLE u (id int, c int)', 'CREATE SEQUENCE s OWNED BY t.a'],
    new: ['CREATE TABLE u (id int, c int)', 'CREATE SEQUENCE s OWNED BY u.c'],
    seed: 'INSERT INTO t VALUES (1, 2); INSERT INTO u VALUES (1, 2)',
    keepsTables: [{ tables: ['u'], query: 'SELECT id, c FROM u ORDER BY id' }],
  },
  // 2. Rules whose actions read OLD/NEW: PostgreSQL prints them qualified in lower case (old.id, new.x).
  {
    name: 'batch-9: rule whose actions read OLD and NEW, added and dropped',
    old: ['CREATE TABLE t (id int PRIMARY KEY, x text)', 'CREATE TABLE log (id int, x text, what text)'],
    new: [
      'CREATE TABLE t (id int PRIMARY KEY, x text)', 'CREATE TABLE log (id int, x text, what text)',
      "CREATE RULE t_upd AS ON UPDATE TO t WHERE OLD.x IS DISTINCT FROM NEW.x DO ALSO INSERT INTO log VALUES (OLD.id, NEW.x, 'update')",
      'CREATE RULE t_del AS ON DELETE TO t DO INSTEAD UPDATE log SET what = OLD.x WHERE log.id = OLD.id',
      'CREATE RULE t_ins AS ON INSERT TO t DO ALSO (INSERT INTO log (id, x) VALUES (NEW.id, NEW.x); DELETE FROM log WHERE id = NEW.id + 1000)',
      // a bare column of the condition is the event's row (old); of the action, its target's or its FROM item's
      'CREATE RULE log_del AS ON DELETE TO log WHERE x IS NOT NULL DO ALSO UPDATE t AS tt SET x = l.what FROM log l WHERE l.id = tt.id AND what <> OLD.x AND tt.id > 0',
    ],
    seed: "INSERT INTO t VALUES (1, 'a'); INSERT INTO log VALUES (1, 'a', 'x')",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, x FROM t ORDER BY id' }],
    planTwice: true,
  },
  {
    name: 'batch-9: rule reading OLD and NEW changes its action',
    old: ['CREATE TABLE t (id int, x text)', 'CREATE TABLE log (id int, x text)', 'CREATE RULE r AS ON UPDATE TO t DO ALSO INSERT INTO log VALUES (OLD.id, OLD.x)'],
    new: ['CREATE TABLE t (id int, x text)', 'CREATE TABLE log (id int, x text)', 'CREATE RULE r AS ON UPDATE TO t DO ALSO INSERT INTO log VALUES (NEW.id, NEW.x)'],
    seed: "INSERT INTO t VALUES (1, 'a')",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, x FROM t ORDER BY id' }],
  },
  // 3. parse/kinds/column.ts (renameColumn): a column renamed in the file (ALTER TABLE … RENAME COLUMN) is renamed in
  // what reads it by number in PostgreSQL: expression index keys, partial-index predicates, statistics expressions,
  // generated columns (checks were already).
  {
    name: 'batch-9: column renamed in the file, read by an expression index, a partial index, statistics and a generated column',
    old: [
      'CREATE TABLE t (id int PRIMARY KEY, c text, n int)',
      "CREATE INDEX t_lower ON t ((lower(c)), id) WHERE c <> '' AND t.n > 0",
      'CREATE STATISTICS t_st ON (lower(c)), n FROM t',
    ],
    new: [
      'CREATE TABLE t (id int PRIMARY KEY, c text, n int, g int GENERATED ALWAYS AS (n * 2) STORED)',
      "CREATE INDEX t_lower ON t ((lower(c)), id) WHERE c <> '' AND t.n > 0",
      'CREATE STATISTICS t_st ON (lower(c)), n FROM t',
      'ALTER TABLE t RENAME COLUMN c TO d',
      'ALTER TABLE t RENAME COLUMN n TO m',
    ],
    seed: "INSERT INTO t VALUES (1, 'A', 1), (2, '', 2)",
    keepsTables: [{ tables: ['t'], query: 'SELECT id FROM t ORDER BY id' }],
  },
  // 4. Spellings: a trigger's comment; `x AT TIME ZONE 'UTC'`, which PostgreSQL 14+ stores and prints as written and
  // apart from the call `timezone('UTC', x)` (13 printed both as the call), in defaults, checks, generated columns,
  // index expressions and views.
  {
    name: 'batch-9: comment on a trigger added, changed and dropped',
    old: [
      'CREATE TABLE t (id int)',
      'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()',
      'CREATE TRIGGER tr2 AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()',
      "COMMENT ON TRIGGER tr2 ON t IS 'old comment'",
    ],
    new: [
      'CREATE TABLE t (id int)',
      'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()',
      "COMMENT ON TRIGGER tr ON t IS 'fires before insert'",
      'CREATE TRIGGER tr2 AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()',
    ],
    seed: 'INSERT INTO t VALUES (1)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id FROM t ORDER BY id' }],
    planTwice: true,
  },
  {
    name: "batch-9: AT TIME ZONE in a default, a check, a generated column, an index expression and a view",
    old: ['CREATE TABLE t (id int, at timestamptz)'],
    new: [
      "CREATE TABLE t (id int, at timestamptz, d timestamp DEFAULT (now() AT TIME ZONE 'UTC'), g timestamp GENERATED ALWAYS AS (at AT TIME ZONE 'UTC') STORED, CONSTRAINT t_at CHECK ((at AT TIME ZONE 'UTC') > '2000-01-01 00:00:00'))",
      "CREATE INDEX t_local ON t ((at AT TIME ZONE 'Europe/Paris'))",
      "CREATE VIEW v AS SELECT id, at AT TIME ZONE 'UTC' AS utc, timezone('UTC', at) AS utc2 FROM t",
    ],
    seed: "INSERT INTO t VALUES (1, '2024-01-01 10:00+00')",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, at FROM t ORDER BY id' }],
    planTwice: true,
  },
];
