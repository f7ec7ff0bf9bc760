/**
 * Acceptance cases for firing states and recreated catalog objects:
 * - a trigger's and a rule's firing state (`ALTER TABLE … DISABLE | ENABLE REPLICA | ENABLE ALWAYS TRIGGER | RULE`,
 *   pg_trigger.tgenabled, pg_rewrite.ev_enabled, which pg_dump writes after the CREATE) is planned in place, and a
 *   new trigger or rule gets its state after its CREATE. Before, both were read and parsed but never compared: a
 *   disabled trigger in the schema file planned nothing, and a schema → empty → schema trip enabled it again.
 * - an object PostgreSQL cannot ALTER into its new version (a text search dictionary's template, a server's type,
 *   a publication becoming FOR ALL TABLES, an event trigger's event) is dropped and created with its comment and
 *   with what depends on it (a configuration mapping the dictionary; the server's user mappings and foreign tables).
 *   Before, the drop failed on the dependants and the comment was lost.
 * Facts from PostgreSQL's ALTER TABLE, ALTER TEXT SEARCH DICTIONARY, ALTER SERVER, ALTER PUBLICATION and ALTER EVENT
 * TRIGGER documentation and pg_dump's output for disabled triggers and rules.
 */
import type { AcceptanceCase } from './harness.js';

const TABLE = 'CREATE TABLE t (id int PRIMARY KEY, n int)';
const LOG = 'CREATE TABLE log (id int, at text)';
const FN = "CREATE FUNCTION t_touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.n := coalesce(NEW.n, 0) + 1; RETURN NEW; END$$";
const TRIGGER = 'CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION t_touch()';
const RULE = "CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.id, 'insert')";
const ROWS = 'INSERT INTO t (id, n) VALUES (1, 10), (2, 20)';

export const FIRING_CASES: AcceptanceCase[] = [
  {
    name: 'firing: a trigger disabled in place, and enabled again',
    old: [TABLE, FN, TRIGGER],
    new: [TABLE, FN, TRIGGER, 'ALTER TABLE t DISABLE TRIGGER t_touch'],
    seed: ROWS,
    seedBack: ROWS,
    keepsTables: [{ tables: ['t'], query: 'SELECT * FROM t ORDER BY id' }],
    expectedSql: ['ALTER TABLE "public"."t" DISABLE TRIGGER "t_touch"'],
    absentSql: ['DROP TRIGGER', 'CREATE TRIGGER'],
  },
  {
    name: 'firing: replica and always triggers, one new (created, then its state) and one kept',
    old: [TABLE, FN, TRIGGER],
    new: [TABLE, FN, TRIGGER, 'ALTER TABLE t ENABLE REPLICA TRIGGER t_touch',
      'CREATE TRIGGER t_touch_2 AFTER DELETE ON t FOR EACH STATEMENT EXECUTE FUNCTION t_touch()', 'ALTER TABLE t ENABLE ALWAYS TRIGGER t_touch_2'],
    seed: ROWS,
    seedBack: ROWS,
    expectedSql: ['ENABLE REPLICA TRIGGER "t_touch"', 'ENABLE ALWAYS TRIGGER "t_touch_2"'],
  },
  {
    name: 'firing: a rule disabled in place (its comment stays), a new rule created enabled for replicas',
    old: [TABLE, LOG, RULE, "COMMENT ON RULE t_log ON t IS 'audit'"],
    new: [TABLE, LOG, RULE, "COMMENT ON RULE t_log ON t IS 'audit'", 'ALTER TABLE t DISABLE RULE t_log',
      "CREATE RULE t_log_upd AS ON UPDATE TO t DO ALSO INSERT INTO log VALUES (NEW.id, 'update')", 'ALTER TABLE t ENABLE REPLICA RULE t_log_upd'],
    seed: ROWS,
    seedBack: ROWS,
    keepsTables: [{ tables: ['t'], query: 'SELECT * FROM t ORDER BY id' }],
    expectedSql: ['ALTER TABLE "public"."t" DISABLE RULE "t_log"', 'ENABLE REPLICA RULE "t_log_upd"'],
    absentSql: ['DROP RULE "t_log" ', 'COMMENT ON RULE'],
  },
  {
    name: 'firing: a dictionary whose template changes is recreated with the configuration that maps it and its comment',
    old: [TABLE, 'CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple)', "COMMENT ON TEXT SEARCH DICTIONARY d IS 'words'",
      'CREATE TEXT SEARCH CONFIGURATION c (PARSER = default)', 'ALTER TEXT SEARCH CONFIGURATION c ADD MAPPING FOR word, asciiword WITH d'],
    new: [TABLE, 'CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = snowball, language = english)', "COMMENT ON TEXT SEARCH DICTIONARY d IS 'words'",
      'CREATE TEXT SEARCH CONFIGURATION c (PARSER = default)', 'ALTER TEXT SEARCH CONFIGURATION c ADD MAPPING FOR word, asciiword WITH d'],
    seed: ROWS,
    seedBack: ROWS,
    after: "SELECT to_tsvector('public.c', 'running dogs')",
    expectedSql: ['DROP TEXT SEARCH CONFIGURATION', 'COMMENT ON TEXT SEARCH DICTIONARY "public"."d" IS \'words\''],
  },
  {
    name: 'firing: a server whose type changes is recreated with its user mapping, foreign table and comment',
    old: ['CREATE FOREIGN DATA WRAPPER w', "CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'db.example')", "COMMENT ON SERVER s IS 'remote'",
      "CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'app')", 'CREATE FOREIGN TABLE ft (id int) SERVER s', "COMMENT ON FOREIGN TABLE ft IS 'far'"],
    new: ['CREATE FOREIGN DATA WRAPPER w', "CREATE SERVER s TYPE 'pg' FOREIGN DATA WRAPPER w OPTIONS (host 'db.example')", "COMMENT ON SERVER s IS 'remote'",
      "CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'app')", 'CREATE FOREIGN TABLE ft (id int) SERVER s', "COMMENT ON FOREIGN TABLE ft IS 'far'"],
    expectedSql: ['DROP USER MAPPING', 'COMMENT ON SERVER "s" IS \'remote\'', 'COMMENT ON FOREIGN TABLE "public"."ft" IS \'far\''],
  },
  {
    name: 'firing: a publication becoming FOR ALL TABLES, and an event trigger on another event, recreated with their comments',
    old: [TABLE, 'CREATE PUBLICATION p_firing FOR TABLE t', "COMMENT ON PUBLICATION p_firing IS 'cdc'",
      'CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$',
      'CREATE EVENT TRIGGER et_firing ON ddl_command_end EXECUTE FUNCTION on_ddl()', "COMMENT ON EVENT TRIGGER et_firing IS 'ddl'"],
    new: [TABLE, 'CREATE PUBLICATION p_firing FOR ALL TABLES', "COMMENT ON PUBLICATION p_firing IS 'cdc'",
      'CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$',
      'CREATE EVENT TRIGGER et_firing ON ddl_command_start EXECUTE FUNCTION on_ddl()', "COMMENT ON EVENT TRIGGER et_firing IS 'ddl'"],
    expectedSql: ['COMMENT ON PUBLICATION "p_firing" IS \'cdc\'', 'COMMENT ON EVENT TRIGGER "et_firing" IS \'ddl\''],
  },
];

/**
 * Altered in place, not built again: a foreign key whose deferral alone changes (`ALTER CONSTRAINT`, its rows are
 * not validated again); an index whose storage parameters alone change (`ALTER INDEX … SET / RESET`), except on a
 * partitioned table, where PostgreSQL refuses it ("not supported for partitioned indexes") and the index is rebuilt.
 */
export const DEFERRAL_CASES: AcceptanceCase[] = [
  {
    name: 'firing: a foreign key becomes deferrable in place (ALTER CONSTRAINT), its comment stays',
    old: ['CREATE TABLE p (id int PRIMARY KEY)', 'CREATE TABLE c (id int PRIMARY KEY, pid int CONSTRAINT c_p REFERENCES p (id) ON DELETE CASCADE)', "COMMENT ON CONSTRAINT c_p ON c IS 'parent'"],
    new: ['CREATE TABLE p (id int PRIMARY KEY)', 'CREATE TABLE c (id int PRIMARY KEY, pid int CONSTRAINT c_p REFERENCES p (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)', "COMMENT ON CONSTRAINT c_p ON c IS 'parent'"],
    seed: 'INSERT INTO p VALUES (1), (2); INSERT INTO c VALUES (10, 1), (20, 2)',
    seedBack: 'INSERT INTO p VALUES (1), (2); INSERT INTO c VALUES (10, 1), (20, 2)',
    keepsTables: [{ tables: ['p', 'c'], query: 'SELECT * FROM c ORDER BY id' }],
    expectedSql: ['ALTER TABLE "public"."c" ALTER CONSTRAINT "c_p" DEFERRABLE INITIALLY DEFERRED'],
    absentSql: ['DROP CONSTRAINT', 'ADD CONSTRAINT', 'COMMENT ON'],
  },
  {
    name: 'firing: a deferrable foreign key of a partitioned table becomes initially deferred; a deferrable unique key is added again',
    old: ['CREATE TABLE p (id int PRIMARY KEY, code text, CONSTRAINT p_code UNIQUE (code))',
      'CREATE TABLE m (id int, pid int, at date, CONSTRAINT m_p FOREIGN KEY (pid) REFERENCES p (id) DEFERRABLE) PARTITION BY RANGE (at)',
      "CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"],
    new: ['CREATE TABLE p (id int PRIMARY KEY, code text, CONSTRAINT p_code UNIQUE (code) DEFERRABLE)',
      'CREATE TABLE m (id int, pid int, at date, CONSTRAINT m_p FOREIGN KEY (pid) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED) PARTITION BY RANGE (at)',
      "CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"],
    seed: "INSERT INTO p VALUES (1, 'a'); INSERT INTO m VALUES (1, 1, '2026-03-01')",
    seedBack: "INSERT INTO p VALUES (1, 'a'); INSERT INTO m VALUES (1, 1, '2026-03-01')",
    keepsTables: [{ tables: ['p', 'm'], query: 'SELECT * FROM m ORDER BY id' }],
    expectedSql: ['ALTER CONSTRAINT "m_p" DEFERRABLE INITIALLY DEFERRED', 'ADD CONSTRAINT "p_code" UNIQUE'],
  },
  {
    name: 'firing: an index and a key whose storage parameters change are altered in place; on a partitioned table they are built again',
    old: ['CREATE TABLE t (id int PRIMARY KEY, a text, tags int[])', 'CREATE INDEX t_a ON t (a)', 'CREATE INDEX t_tags ON t USING gin (tags)', "COMMENT ON INDEX t_a IS 'by a'",
      'CREATE TABLE m (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)', "CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')", 'CREATE INDEX m_id ON m (id)'],
    new: ['CREATE TABLE t (id int PRIMARY KEY WITH (fillfactor = 80), a text, tags int[])', 'CREATE INDEX t_a ON t (a) WITH (fillfactor = 50)', 'CREATE INDEX t_tags ON t USING gin (tags) WITH (fastupdate = off)', "COMMENT ON INDEX t_a IS 'by a'",
      'CREATE TABLE m (id int, at date, PRIMARY KEY (id, at) WITH (fillfactor = 70)) PARTITION BY RANGE (at)', "CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')", 'CREATE INDEX m_id ON m (id) WITH (fillfactor = 60)'],
    seed: "INSERT INTO t VALUES (1, 'x', '{1,2}'), (2, 'y', '{3}'); INSERT INTO m VALUES (1, '2026-05-01')",
    seedBack: "INSERT INTO t VALUES (1, 'x', '{1,2}'), (2, 'y', '{3}'); INSERT INTO m VALUES (1, '2026-05-01')",
    keepsTables: [{ tables: ['t', 'm'], query: 'SELECT * FROM t ORDER BY id' }],
    expectedSql: ['ALTER INDEX "public"."t_a" SET (fillfactor=50)', 'ALTER INDEX "public"."t_tags" SET (fastupdate=off)', 'ALTER INDEX "public"."t_pkey" SET (fillfactor=80)', 'DROP INDEX "public"."m_id"'],
    absentSql: ['DROP INDEX "public"."t_a"', 'DROP INDEX "public"."t_tags"', 'DROP CONSTRAINT "t_pkey"', 'COMMENT ON INDEX'],
  },
  {
    name: "firing: LIKE … INCLUDING COMMENTS copies the comments of columns and checks, not the table's; INCLUDING CONSTRAINTS alone copies no comment",
    old: ['CREATE TABLE src (id int CONSTRAINT src_pos CHECK (id > 0), v text)', "COMMENT ON TABLE src IS 'the source'", "COMMENT ON COLUMN src.v IS 'value'", "COMMENT ON CONSTRAINT src_pos ON src IS 'positive'"],
    new: ['CREATE TABLE src (id int CONSTRAINT src_pos CHECK (id > 0), v text)', "COMMENT ON TABLE src IS 'the source'", "COMMENT ON COLUMN src.v IS 'value'", "COMMENT ON CONSTRAINT src_pos ON src IS 'positive'",
      'CREATE TABLE copy_all (LIKE src INCLUDING ALL)', 'CREATE TABLE copy_checks (LIKE src INCLUDING CONSTRAINTS)'],
  },
  {
    name: 'firing: IS NOT DISTINCT FROM in a trigger WHEN, a view and a check compares with what PostgreSQL 15 prints (NOT (… IS DISTINCT FROM …))',
    old: [TABLE, FN],
    new: ['CREATE TABLE t (id int PRIMARY KEY, n int, m int, CONSTRAINT t_same CHECK (n IS NOT DISTINCT FROM m OR m > 0))', FN,
      'CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.n IS NOT DISTINCT FROM OLD.n) EXECUTE FUNCTION t_touch()',
      'CREATE VIEW same_n AS SELECT id, n IS NOT DISTINCT FROM m AS same FROM t'],
    seed: ROWS,
    seedBack: "INSERT INTO t (id, n, m) VALUES (1, 10, 10), (2, 20, 5)",
  },
];
