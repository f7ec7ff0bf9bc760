/**
 * Acceptance cases of a column's default storage where the fold must know the column's type (h187, issue #27;
 * h184's `defaultStorage` over a domain, extended): a materialized view's columns, typed from its query once the file
 * is read (src/parse/kinds/view.ts `settleMatViewStorage`), so a `SET STORAGE` naming a domain's base type's
 * default is no setting and one naming EXTENDED over a domain over inet is.
 */
import type { AcceptanceCase } from './harness.js';

const base = ['CREATE SCHEMA s2d', 'CREATE DOMAIN s2d.addr AS inet', 'CREATE TABLE s2d.t (id int PRIMARY KEY, a s2d.addr, b text)'];
const seed = "INSERT INTO s2d.t VALUES (1, '10.0.0.1', 'x')";

export const STORAGE_2_CASES: AcceptanceCase[] = [
  {
    name: 'storage-2: a materialized view column over a domain set to EXTENDED and back to its base type\'s MAIN',
    old: [...base, 'CREATE MATERIALIZED VIEW s2d.mv AS SELECT id, a, a AS a2, b FROM s2d.t', 'ALTER MATERIALIZED VIEW s2d.mv ALTER COLUMN a SET STORAGE MAIN'],
    new: [...base, 'CREATE MATERIALIZED VIEW s2d.mv AS SELECT id, a, a AS a2, b FROM s2d.t', 'ALTER MATERIALIZED VIEW s2d.mv ALTER COLUMN a2 SET STORAGE EXTENDED', 'ALTER MATERIALIZED VIEW s2d.mv ALTER COLUMN b SET STORAGE EXTENDED'],
    seed,
    keeps: 'SELECT id, a::text, b FROM s2d.t ORDER BY id',
    expectedSql: ['ALTER COLUMN "a2" SET STORAGE EXTENDED'],
    absentSql: ['ALTER COLUMN "a" SET STORAGE', 'ALTER COLUMN "b" SET STORAGE'],
  },
];

// Extension types stored PLAIN (src/model/column-storage.ts `EXTENSION_PLAIN`): a redundant SET STORAGE PLAIN on a
// seg, isbn or cube column (or one over a domain over cube) is no setting; pg_dump writes none.
const extBase = ['CREATE EXTENSION IF NOT EXISTS seg', 'CREATE EXTENSION IF NOT EXISTS isn', 'CREATE EXTENSION IF NOT EXISTS cube', 'CREATE SCHEMA s2e', 'CREATE DOMAIN s2e.box3 AS cube',
  'CREATE TABLE s2e.t (id int PRIMARY KEY, s seg, i isbn13, c cube, b s2e.box3, h text)'];
STORAGE_2_CASES.push({
  name: 'storage-2: redundant SET STORAGE PLAIN on extension types stored PLAIN (seg, isn, cube, a domain over cube), on a table and a materialized view',
  serversOnly: 'seg, isn and cube are not in the embedded PGlite',
  old: [...extBase, 'CREATE MATERIALIZED VIEW s2e.mv AS SELECT id, s, c FROM s2e.t'],
  new: [...extBase, 'CREATE MATERIALIZED VIEW s2e.mv AS SELECT id, s, c FROM s2e.t',
    'ALTER TABLE s2e.t ALTER COLUMN s SET STORAGE PLAIN', 'ALTER TABLE s2e.t ALTER COLUMN i SET STORAGE PLAIN', 'ALTER TABLE s2e.t ALTER COLUMN c SET STORAGE PLAIN',
    'ALTER TABLE s2e.t ALTER COLUMN b SET STORAGE PLAIN', 'ALTER TABLE s2e.t ALTER COLUMN h SET STORAGE MAIN',
    'ALTER MATERIALIZED VIEW s2e.mv ALTER COLUMN s SET STORAGE PLAIN', 'ALTER MATERIALIZED VIEW s2e.mv ALTER COLUMN c SET STORAGE PLAIN'],
  seed: "INSERT INTO s2e.t VALUES (1, '1 .. 2', '978-0-393-04002-9', '(1,2)', '(3)', 'x')",
  keeps: 'SELECT id, s::text, i::text, c::text, b::text, h FROM s2e.t ORDER BY id',
  expectedSql: ['ALTER COLUMN "h" SET STORAGE MAIN'],
  absentSql: ['SET STORAGE PLAIN'],
});
