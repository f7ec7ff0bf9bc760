/**
 * ALTER forms in a schema file (issue #27): each statement whose effect on the end state is clear is folded, and
 * the folded Model equals what the database inspects after running the same file (both directions plan nothing),
 * on PGlite and on PostgreSQL. Renames carry what PostgreSQL carries (an index's table, foreign keys, OWNED BY,
 * comments, view queries); `OWNER TO` is accepted and ignored, as owners are not modelled.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { plan } from '../../src/plan/index.js';
import type { Model } from '../../src/model/types.js';
import { describeEachDatabase } from '../helpers/databases.js';

beforeAll(async () => {
  await initSchemaParser();
});

/** Both directions: the statements that would turn one into the other (must be none). */
function roundTrip(inspected: Model, parsed: Model): string[] {
  return [
    ...plan(diff(inspected, parsed), inspected, parsed).map((s) => `inspected → parsed: ${s.sql}`),
    ...plan(diff(parsed, inspected), parsed, inspected).map((s) => `parsed → inspected: ${s.sql}`),
  ];
}

/** Schema files with ALTER forms, each a complete end state. */
export const ALTER_FORMS: Readonly<Record<string, string>> = {
  'ALTER TABLE … RENAME TO (index, FK, serial, policy, rules on it and naming it follow)': `
    CREATE TABLE a (id serial PRIMARY KEY, n int);
    CREATE TABLE c (id int PRIMARY KEY, a_id int REFERENCES a (id));
    CREATE TABLE log (n int);
    CREATE INDEX a_n ON a (n);
    CREATE POLICY p ON a USING (n > 0);
    CREATE RULE a_log AS ON INSERT TO a DO ALSO INSERT INTO log VALUES (NEW.n);
    CREATE RULE c_touch AS ON UPDATE TO c DO ALSO INSERT INTO a (n) VALUES (1);
    COMMENT ON TABLE a IS 'a';
    ALTER TABLE a RENAME TO b;
    ALTER TABLE log RENAME TO audit;`,
  'ALTER TABLE … SET SCHEMA (rules on it and naming it follow)': `
    CREATE SCHEMA s;
    CREATE TABLE a (id int);
    CREATE TABLE log (n int);
    CREATE RULE a_log AS ON INSERT TO a DO ALSO INSERT INTO log VALUES (NEW.id);
    ALTER TABLE a SET SCHEMA s;
    ALTER TABLE log SET SCHEMA s;`,
  'ALTER TABLE … RENAME COLUMN (FK, index, check follow)': `
    CREATE TABLE a (id int PRIMARY KEY, n int CHECK (n > 0));
    CREATE TABLE c (id int PRIMARY KEY, a_id int REFERENCES a (id));
    CREATE INDEX a_n ON a (n);
    ALTER TABLE a RENAME COLUMN id TO ident;
    ALTER TABLE a RENAME n TO m;`,
  'ALTER TABLE … RENAME CONSTRAINT (comment follows)': `
    CREATE TABLE a (id int CONSTRAINT a_key PRIMARY KEY, n int CONSTRAINT n_pos CHECK (n > 0));
    COMMENT ON CONSTRAINT n_pos ON a IS 'positive';
    ALTER TABLE a RENAME CONSTRAINT n_pos TO n_positive;
    ALTER TABLE a RENAME CONSTRAINT a_key TO a_pk;`,
  'ALTER DOMAIN … RENAME CONSTRAINT': `
    CREATE DOMAIN pos AS int CONSTRAINT pos_check CHECK (VALUE > 0);
    COMMENT ON CONSTRAINT pos_check ON DOMAIN pos IS 'positive';
    ALTER DOMAIN pos RENAME CONSTRAINT pos_check TO pos_positive;`,
  'ALTER INDEX … RENAME TO': `
    CREATE TABLE a (id int, n int);
    CREATE INDEX a_n ON a (n);
    ALTER INDEX a_n RENAME TO a_n_idx;`,
  'ALTER SEQUENCE … RENAME TO (default follows)': `
    CREATE SEQUENCE s;
    CREATE TABLE a (id int DEFAULT nextval('s'));
    ALTER SEQUENCE s OWNED BY a.id;
    ALTER SEQUENCE s RENAME TO s2;`,
  'ALTER VIEW / MATERIALIZED VIEW … RENAME TO': `
    CREATE TABLE a (id int);
    CREATE VIEW v AS SELECT id FROM a;
    CREATE MATERIALIZED VIEW mv AS SELECT id FROM a;
    CREATE INDEX mv_id ON mv (id);
    COMMENT ON VIEW v IS 'the view';
    ALTER VIEW v RENAME TO v2;
    ALTER MATERIALIZED VIEW mv RENAME TO mv2;`,
  'ALTER VIEW / MATERIALIZED VIEW … RENAME COLUMN': `
    CREATE TABLE a (id int, n int);
    CREATE VIEW v AS SELECT id, n + 1 AS m FROM a WHERE n > 0;
    COMMENT ON COLUMN v.m IS 'next';
    CREATE MATERIALIZED VIEW mv (x, y) AS SELECT id, n FROM a;
    ALTER VIEW v RENAME COLUMN id TO ident;
    ALTER VIEW v RENAME COLUMN m TO next_n;
    ALTER MATERIALIZED VIEW mv RENAME COLUMN y TO z;
    ALTER TABLE v RENAME COLUMN ident TO key;`,
  'ALTER TYPE … RENAME TO (columns follow)': `
    CREATE TYPE mood AS ENUM ('sad', 'ok');
    CREATE TABLE a (m mood);
    ALTER TYPE mood RENAME TO feeling;`,
  'ALTER TYPE … RENAME VALUE': `
    CREATE TYPE mood AS ENUM ('sad', 'ok');
    CREATE TABLE a (m mood DEFAULT 'ok');
    ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';`,
  'ALTER TYPE … RENAME ATTRIBUTE': `
    CREATE TYPE pair AS (x int, y int);
    ALTER TYPE pair RENAME ATTRIBUTE x TO first;`,
  'ALTER TYPE … ADD VALUE BEFORE / AFTER': `
    CREATE TYPE mood AS ENUM ('sad', 'ok');
    ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';
    ALTER TYPE mood ADD VALUE 'awful' BEFORE 'sad';
    ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok';`,
  'ALTER FUNCTION … RENAME TO': `
    CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';
    ALTER FUNCTION f(int) RENAME TO g;`,
  'ALTER PROCEDURE … RENAME TO': `
    CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';
    ALTER PROCEDURE p() RENAME TO q;`,
  'ALTER TRIGGER … RENAME TO': `
    CREATE TABLE a (id int);
    CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
    CREATE TRIGGER tr BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION tf();
    ALTER TRIGGER tr ON a RENAME TO tr2;`,
  'ALTER POLICY … RENAME TO': `
    CREATE TABLE a (id int);
    CREATE POLICY p ON a USING (id > 0);
    ALTER POLICY p ON a RENAME TO p2;`,
  'ALTER RULE … RENAME TO': `
    CREATE TABLE a (id int);
    CREATE TABLE log (id int);
    CREATE RULE r AS ON INSERT TO a DO ALSO INSERT INTO log VALUES (NEW.id);
    ALTER RULE r ON a RENAME TO r2;`,
  'ALTER PUBLICATION … RENAME TO': `
    CREATE TABLE a (id int PRIMARY KEY);
    CREATE PUBLICATION pub FOR TABLE a;
    ALTER PUBLICATION pub RENAME TO pub2;`,
  'ALTER STATISTICS / EVENT TRIGGER … RENAME TO': `
    CREATE TABLE a (x int, y int);
    CREATE STATISTICS st ON x, y FROM a;
    COMMENT ON STATISTICS st IS 'xy';
    ALTER STATISTICS st RENAME TO st2;
    CREATE FUNCTION et() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
    CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION et();
    COMMENT ON EVENT TRIGGER e IS 'ddl';
    ALTER EVENT TRIGGER e RENAME TO e2;`,
  'ALTER SERVER / FOREIGN DATA WRAPPER / FOREIGN TABLE … RENAME (servers, mappings, tables follow)': `
    CREATE FOREIGN DATA WRAPPER w;
    CREATE SERVER sv FOREIGN DATA WRAPPER w OPTIONS (host 'x');
    CREATE USER MAPPING FOR PUBLIC SERVER sv OPTIONS (user 'u');
    CREATE FOREIGN TABLE ft (a int OPTIONS (column_name 'x'), b text) SERVER sv;
    COMMENT ON SERVER sv IS 'remote';
    ALTER SERVER sv RENAME TO archive;
    ALTER FOREIGN DATA WRAPPER w RENAME TO w2;
    ALTER FOREIGN TABLE ft RENAME TO ft2;
    ALTER FOREIGN TABLE ft2 RENAME COLUMN a TO aa;`,
  'ALTER STATISTICS … SET SCHEMA': `
    CREATE SCHEMA s;
    CREATE TABLE a (x int, y int);
    CREATE STATISTICS st (dependencies) ON x, y FROM a;
    ALTER STATISTICS st SET SCHEMA s;`,
  'ALTER VIEW / MATERIALIZED VIEW … SET SCHEMA (index, trigger, rule follow)': `
    CREATE SCHEMA s;
    CREATE TABLE a (id int);
    CREATE VIEW v AS SELECT id FROM a;
    CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
    CREATE TRIGGER tr INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION tf();
    CREATE RULE r AS ON DELETE TO v DO INSTEAD NOTHING;
    CREATE MATERIALIZED VIEW mv AS SELECT id FROM a;
    CREATE UNIQUE INDEX mv_id ON mv (id);
    ALTER VIEW v SET SCHEMA s;
    ALTER MATERIALIZED VIEW mv SET SCHEMA s;`,
  'ALTER VIEW … RENAME TO (trigger, rule follow)': `
    CREATE TABLE a (id int);
    CREATE VIEW v AS SELECT id FROM a;
    CREATE RULE r AS ON DELETE TO v DO INSTEAD NOTHING;
    ALTER VIEW v RENAME TO v2;`,
  'ALTER TABLE … SET SCHEMA': `
    CREATE SCHEMA s;
    CREATE TABLE a (id serial PRIMARY KEY);
    ALTER TABLE a SET SCHEMA s;`,
  'ALTER FUNCTION / PROCEDURE … SET SCHEMA (comment and grants follow)': `
    CREATE SCHEMA s;
    CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';
    CREATE PROCEDURE p(a text) LANGUAGE sql AS 'SELECT 1';
    COMMENT ON FUNCTION f(int) IS 'identity';
    REVOKE EXECUTE ON FUNCTION f(int) FROM PUBLIC;
    ALTER FUNCTION f(int) SET SCHEMA s;
    ALTER PROCEDURE p SET SCHEMA s;`,
  'ALTER … OWNER TO (owners are not modelled)': `
    CREATE SCHEMA s;
    CREATE TABLE s.a (id int);
    CREATE TYPE mood AS ENUM ('a');
    CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
    CREATE VIEW v AS SELECT 1 AS x;
    CREATE SEQUENCE sq;
    ALTER SCHEMA s OWNER TO CURRENT_USER;
    ALTER TABLE s.a OWNER TO CURRENT_USER;
    ALTER TYPE mood OWNER TO CURRENT_USER;
    ALTER FUNCTION f() OWNER TO CURRENT_USER;
    ALTER VIEW v OWNER TO CURRENT_USER;
    ALTER SEQUENCE sq OWNER TO CURRENT_USER;`,
  'ALTER TABLE … ALTER CONSTRAINT (deferrable)': `
    CREATE TABLE a (id int PRIMARY KEY);
    CREATE TABLE b (a_id int CONSTRAINT b_a REFERENCES a (id));
    ALTER TABLE b ALTER CONSTRAINT b_a DEFERRABLE INITIALLY DEFERRED;`,
  'ALTER SEQUENCE … OWNED BY / RESTART': `
    CREATE TABLE a (id int);
    CREATE SEQUENCE s START 5;
    ALTER SEQUENCE s OWNED BY a.id;
    ALTER SEQUENCE s RESTART WITH 10;
    ALTER SEQUENCE s INCREMENT BY 2;`,
  'ALTER TABLE … RENAME COLUMN read by views (their queries read the new name, output names kept; * expanded)': `
    CREATE TABLE t (a int, b text);
    CREATE TABLE u (a int, c int);
    CREATE VIEW v1 AS SELECT x.a, u.a AS ua, b FROM t x JOIN u ON u.c = x.a WHERE x.a > 0 ORDER BY x.a;
    CREATE VIEW v2 AS SELECT s.a FROM (SELECT a, b FROM t) s WHERE EXISTS (SELECT 1 FROM u WHERE u.c = s.a);
    CREATE VIEW v3 AS WITH w AS (SELECT a FROM t) SELECT a, count(*) AS n FROM w GROUP BY a;
    CREATE VIEW v4 AS SELECT c FROM u WHERE a IN (SELECT a FROM t) AND c > (SELECT max(a) FROM t);
    CREATE MATERIALIZED VIEW m AS SELECT a AS id, b FROM t;
    CREATE VIEW v5 AS SELECT a, ua FROM v1;
    CREATE VIEW v6 AS SELECT a FROM t UNION SELECT a FROM u;
    CREATE VIEW v7 (p, q) AS SELECT a, b FROM t;
    CREATE VIEW v8 AS SELECT * FROM t;
    CREATE VIEW v9 AS SELECT t.*, u.c FROM t JOIN u ON u.c = t.a;
    CREATE VIEW v10 AS SELECT * FROM t x(p, q) WHERE p > q::int;
    ALTER TABLE t RENAME COLUMN a TO z;
    ALTER TABLE t RENAME COLUMN b TO y;`,
  'ALTER TABLE … RENAME TO read by views, a materialized view and a rule (their queries follow, qualifiers too)': `
    CREATE TABLE t (id int PRIMARY KEY, a int, b text);
    CREATE TABLE log (id int, note text);
    CREATE VIEW v1 AS SELECT t.id, t.a AS x, b FROM t WHERE t.a > 0 ORDER BY t.id;
    CREATE VIEW v2 AS SELECT * FROM t;
    CREATE VIEW v3 AS SELECT l.note FROM log l WHERE EXISTS (SELECT 1 FROM t WHERE t.id = l.id);
    CREATE MATERIALIZED VIEW m AS SELECT t.a, count(*) AS n FROM t GROUP BY t.a;
    CREATE UNIQUE INDEX m_a ON m (a);
    CREATE VIEW v4 AS SELECT x, n FROM v1 JOIN m ON m.a = v1.x;
    CREATE RULE r AS ON UPDATE TO log DO ALSO UPDATE t SET b = new.note WHERE t.id = old.id;
    ALTER TABLE t RENAME TO t2;
    ALTER TABLE log RENAME TO journal;`,
  'ALTER VIEW / MATERIALIZED VIEW … RENAME TO and SET SCHEMA read by views': `
    CREATE SCHEMA s;
    CREATE TABLE t (id int, a int);
    CREATE VIEW v AS SELECT id, a FROM t;
    CREATE MATERIALIZED VIEW m AS SELECT v.id, v.a FROM v;
    CREATE VIEW w AS SELECT v.id, m.a FROM v JOIN m USING (id);
    ALTER VIEW v RENAME TO v2;
    ALTER MATERIALIZED VIEW m RENAME TO m2;
    ALTER VIEW v2 SET SCHEMA s;
    ALTER MATERIALIZED VIEW m2 SET SCHEMA s;`,
  'ALTER TABLE … SET SCHEMA read by views (qualified references follow)': `
    CREATE SCHEMA s;
    CREATE TABLE t (id serial PRIMARY KEY, a int);
    CREATE VIEW v AS SELECT public.t.id, t.a FROM t;
    CREATE VIEW w AS SELECT count(*) AS n FROM t x;
    ALTER TABLE t SET SCHEMA s;`,
  'ALTER FOREIGN TABLE … RENAME TO and RENAME COLUMN read by views': `
    CREATE FOREIGN DATA WRAPPER w;
    CREATE SERVER sv FOREIGN DATA WRAPPER w;
    CREATE FOREIGN TABLE ft (a int, b text) SERVER sv;
    CREATE VIEW v AS SELECT ft.a, b FROM ft WHERE a > 0;
    CREATE VIEW v2 AS SELECT * FROM ft;
    ALTER FOREIGN TABLE ft RENAME COLUMN a TO z;
    ALTER FOREIGN TABLE ft RENAME TO ft2;`,
  'ALTER TABLE … RENAME TO / SET SCHEMA read by a policy of another table (its subquery follows)': `
    CREATE SCHEMA s;
    CREATE TABLE t (id int);
    CREATE TABLE o (id int);
    ALTER TABLE t ENABLE ROW LEVEL SECURITY;
    CREATE POLICY p ON t USING (EXISTS (SELECT 1 FROM o WHERE o.id = t.id));
    ALTER TABLE o RENAME TO o2;
    ALTER TABLE o2 SET SCHEMA s;`,
  'ALTER SEQUENCE … RENAME TO / SET SCHEMA (defaults calling it and views reading it follow)': `
    CREATE SCHEMA s;
    CREATE SEQUENCE q;
    CREATE TABLE t (id int DEFAULT nextval('q'));
    CREATE VIEW v AS SELECT count(*) AS n FROM q;
    ALTER SEQUENCE q RENAME TO q2;
    ALTER SEQUENCE q2 SET SCHEMA s;`,
  'ALTER VIEW … RENAME COLUMN read by other views (their references follow, output names kept)': `
    CREATE TABLE t (id int, a int);
    CREATE VIEW v AS SELECT id, a FROM t;
    CREATE VIEW w AS SELECT v.id, a + 1 AS b FROM v;
    CREATE MATERIALIZED VIEW m AS SELECT * FROM v;
    ALTER VIEW v RENAME COLUMN id TO ident;`,
  'ALTER VIEW … RENAME COLUMN of a view whose * reads a USING join (merged column once, through its side)': `
    CREATE TABLE a (id int, x int);
    CREATE TABLE b (id int, y int);
    CREATE VIEW v AS SELECT * FROM a JOIN b USING (id);
    CREATE VIEW w AS SELECT * FROM a RIGHT JOIN b USING (id) NATURAL JOIN (SELECT 1 AS x) s;
    ALTER VIEW v RENAME COLUMN id TO ident;
    ALTER VIEW w RENAME COLUMN y TO why;`,
  'ALTER FOREIGN TABLE … SET SCHEMA read by a view (grants follow)': `
    CREATE SCHEMA s;
    CREATE FOREIGN DATA WRAPPER w;
    CREATE SERVER sv FOREIGN DATA WRAPPER w;
    CREATE FOREIGN TABLE ft (a int) SERVER sv;
    GRANT SELECT ON ft TO PUBLIC;
    GRANT INSERT (a) ON ft TO PUBLIC;
    CREATE VIEW v AS SELECT ft.a FROM ft;
    ALTER FOREIGN TABLE ft SET SCHEMA s;
    ALTER FOREIGN TABLE s.ft RENAME TO ft2;`,
  'ALTER TABLE … RENAME TO / SET SCHEMA read by SQL-standard function bodies (the bodies follow)': `
    CREATE SCHEMA s;
    CREATE TABLE t (id int, a int);
    CREATE FUNCTION n() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM t WHERE t.a > 0; END;
    CREATE FUNCTION m() RETURNS int LANGUAGE sql RETURN (SELECT max(t.a) FROM t);
    ALTER TABLE t RENAME TO t2;
    ALTER TABLE t2 SET SCHEMA s;`,
  'ALTER VIEW … ALTER COLUMN SET DEFAULT': `
    CREATE TABLE a (id int, n int);
    CREATE VIEW v AS SELECT id, n FROM a;
    ALTER VIEW v ALTER COLUMN n SET DEFAULT 7;`,
  'partitions\' attached index names: PARTITION OF, ATTACH, ALTER INDEX … RENAME and DETACH PARTITION (the index stays the table\'s)': `
    CREATE TABLE r (id int, site text, v numeric) PARTITION BY LIST (site);
    CREATE TABLE r_e PARTITION OF r FOR VALUES IN ('e');
    CREATE INDEX r_v_idx ON r (v);
    CREATE INDEX r_lower_idx ON r (lower(site), (v + 1));
    CREATE TABLE r_w PARTITION OF r FOR VALUES IN ('w');
    CREATE TABLE r_n (id int, site text, v numeric);
    CREATE INDEX n_v ON r_n (v);
    ALTER TABLE r ATTACH PARTITION r_n FOR VALUES IN ('n');
    ALTER INDEX r_e_v_idx RENAME TO e_v;
    ALTER TABLE r DETACH PARTITION r_e;
    ALTER TABLE r DETACH PARTITION r_n;
    CREATE SEQUENCE r_s_v_idx;
    CREATE TABLE r_s PARTITION OF r FOR VALUES IN ('s');`,
  'ALTER FUNCTION … SET / RESET / IMMUTABLE': `
    CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';
    ALTER FUNCTION f(int) IMMUTABLE STRICT;
    ALTER FUNCTION f(int) SET search_path = public;
    ALTER FUNCTION f(int) SET work_mem = '1MB';
    ALTER FUNCTION f(int) RESET work_mem;`,
};

describeEachDatabase('ALTER forms: folded = inspected', (t) => {
  for (const [name, sql] of Object.entries(ALTER_FORMS)) {
    it(name, async () => {
      const parsed = checkSchema([{ file: 'schema.sql', text: sql }]);
      expect(parsed.errors.map((e) => `${e.code} ${e.message}`)).toEqual([]);
      await t.db.exec(sql);
      const inspected = (await inspect(t.db)).model;
      expect(roundTrip(inspected, parsed.model)).toEqual([]);
    });
  }
});

/** Forms still refused: a located error naming the statement and what to do instead (README vocabulary). */
const REFUSED: readonly { sql: string; code: string; message: RegExp }[] = [
  { sql: 'CREATE EXTENSION citext;\nALTER EXTENSION citext SET SCHEMA public;', code: 'E_UNSUPPORTED', message: /ALTER EXTENSION … SET SCHEMA is not supported in a schema file/ },
  { sql: 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nCREATE VIEW v AS SELECT a.id FROM a, (SELECT id FROM b) c WHERE a.id = c.id;\nALTER TABLE a RENAME TO c;', code: 'E_NATIVE', message: /renaming table public\.a read by view v \(another item of its FROM lists is named c\) is not folded natively/ },
  { sql: 'CREATE TABLE a (id int);\nCREATE VIEW v AS SELECT a FROM a;\nALTER TABLE a RENAME TO b;', code: 'E_NATIVE', message: /renaming table public\.a read by view v \(a whole-row reference a\)/ },
  { sql: 'CREATE TABLE a (id int);\nCREATE TABLE c (id int);\nCREATE FUNCTION n() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM a, c x WHERE a.id = x.id; END;\nALTER TABLE a RENAME TO x;', code: 'E_NATIVE', message: /renaming table public\.a read by the SQL-standard body of function public\.n\(\) \(another item of its FROM lists is named x\)/ },
  { sql: 'CREATE TABLE a (id int, n int);\nCREATE VIEW v AS SELECT * FROM a x(k);\nALTER TABLE a RENAME n TO m;', code: 'E_NATIVE', message: /renaming column a\.n read by view v \(a partial column alias list of the table\)/ },
  { sql: "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';\nCREATE TABLE a (n int DEFAULT f(1));\nALTER FUNCTION f(int) RENAME TO g;", code: 'E_NATIVE', message: /renaming function public\.f\(x integer\) named by table public\.a/ },
  { sql: "CREATE SCHEMA s;\nCREATE TABLE a (id int);\nCREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';\nCREATE TRIGGER tr BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION tf();\nALTER FUNCTION tf() SET SCHEMA s;", code: 'E_NATIVE', message: /moving function public\.tf\(\) named by table public\.a/ },
  { sql: 'CREATE TABLE a (id int CONSTRAINT a_pos CHECK (id > 0));\nALTER TABLE a ALTER CONSTRAINT a_pos DEFERRABLE;', code: 'E_INVALID', message: /constraint "a_pos" of relation "a" is not a foreign key constraint/ },
  // ALTER INDEX … ATTACH PARTITION as PostgreSQL checks it (sqlc's ddl_alter_table_index schema attaches to a plain table's index)
  { sql: 'CREATE TABLE t (a text);\nCREATE INDEX t_idx ON t (a);\nCREATE TABLE o (a text);\nCREATE INDEX o_idx ON o (a);\nALTER INDEX t_idx ATTACH PARTITION o_idx;', code: 'E_INVALID', message: /ATTACH PARTITION cannot be performed on relation "t_idx"/ },
  { sql: "CREATE TABLE p (a text) PARTITION BY LIST (a);\nCREATE TABLE p1 PARTITION OF p FOR VALUES IN ('x');\nCREATE INDEX p_idx ON p (a);\nCREATE INDEX p1_other ON p1 (a);\nALTER INDEX p_idx ATTACH PARTITION p1_other;", code: 'E_INVALID', message: /another index is already attached for partition "p1"/ },
  { sql: "CREATE TABLE p (a text) PARTITION BY LIST (a);\nCREATE TABLE p1 PARTITION OF p FOR VALUES IN ('x');\nCREATE INDEX p_idx ON ONLY p (a);\nCREATE INDEX p1_lower ON p1 (lower(a));\nALTER INDEX p_idx ATTACH PARTITION p1_lower;", code: 'E_INVALID', message: /the index definitions do not match/ },
  { sql: "CREATE TABLE p (a text) PARTITION BY LIST (a);\nCREATE INDEX p_idx ON ONLY p (a);\nCREATE TABLE o (a text);\nCREATE INDEX o_idx ON o (a);\nALTER INDEX p_idx ATTACH PARTITION o_idx;", code: 'E_INVALID', message: /"o_idx" is not an index on any partition of table "p"/ },
];

describe('ALTER forms still refused: located, with what to do', () => {
  for (const r of REFUSED) {
    it(`${r.code}: ${r.sql.split('\n').at(-1)}`, () => {
      const { errors } = checkSchema([{ file: 'schema.sql', text: r.sql }]);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.code).toBe(r.code);
      expect(errors[0]!.message).toMatch(r.message);
      // located at the statement: the file's last line, column 1
      expect(errors[0]!.location).toMatchObject({ file: 'schema.sql', line: r.sql.split('\n').length, column: 1 });
    });
  }
});
