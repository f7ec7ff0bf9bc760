/**
 * Acceptance cases of VIRTUAL generated columns (PostgreSQL 18: computed when read, never stored; 18's default when a
 * generated column says neither STORED nor VIRTUAL). Found by hunt 13a (PostgreSQL's pg_dump test): the Model had no
 * such flag, so a virtual column was planned, folded and compared as a STORED one. PostgreSQL 18 only (PGlite; a
 * PostgreSQL 15 server skips them). Each runs both directions with seed rows and is judged by pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

const PG18 = { major: 18, reason: 'VIRTUAL generated columns are PostgreSQL 18+' } as const;

export const VIRTUAL_COLUMN_CASES: AcceptanceCase[] = [
  {
    name: 'virtual-columns: a table created with a VIRTUAL, a STORED and a bare generated column (18 makes it VIRTUAL)',
    old: [],
    new: ['CREATE TABLE t (id int PRIMARY KEY, price int, doubled int GENERATED ALWAYS AS (price * 2) VIRTUAL, tripled int GENERATED ALWAYS AS (price * 3) STORED, halved int GENERATED ALWAYS AS (price / 2))'],
    seedBack: 'INSERT INTO t (id, price) VALUES (1, 10)',
    expectedSql: ['GENERATED ALWAYS AS ((price * 2)) VIRTUAL', 'GENERATED ALWAYS AS ((price * 3)) STORED', 'GENERATED ALWAYS AS ((price / 2)) VIRTUAL'],
    minServer: PG18,
    planTwice: true,
  },
  {
    name: 'virtual-columns: a generated column goes from STORED to VIRTUAL (dropped and added again, the rows kept)',
    old: ['CREATE TABLE t (id int PRIMARY KEY, price int, total int GENERATED ALWAYS AS (price * 2) STORED)'],
    new: ['CREATE TABLE t (id int PRIMARY KEY, price int, total int GENERATED ALWAYS AS (price * 2) VIRTUAL)'],
    seed: 'INSERT INTO t (id, price) VALUES (1, 10), (2, 20)',
    seedBack: 'INSERT INTO t (id, price) VALUES (3, 30)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id, price, total FROM t ORDER BY id' }],
    expectedSql: ['DROP COLUMN "total"', 'ADD COLUMN "total" integer NULL GENERATED ALWAYS AS ((price * 2)) VIRTUAL'],
    minServer: PG18,
    planTwice: true,
  },
  {
    name: 'virtual-columns: a VIRTUAL column\'s expression changes (SET EXPRESSION, no rewrite) and a virtual column becomes a plain one',
    old: ['CREATE TABLE t (id int PRIMARY KEY, price int, total int GENERATED ALWAYS AS (price * 2) VIRTUAL, label text GENERATED ALWAYS AS (\'#\' || id) VIRTUAL)'],
    new: ['CREATE TABLE t (id int PRIMARY KEY, price int, total int GENERATED ALWAYS AS (price * 3) VIRTUAL, label text)'],
    seed: 'INSERT INTO t (id, price) VALUES (1, 10)',
    seedBack: "INSERT INTO t (id, price, label) VALUES (2, 20, 'x')",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, price FROM t ORDER BY id' }],
    expectedSql: ['ALTER COLUMN "total" SET EXPRESSION AS ((price * 3))', 'DROP COLUMN "label"'],
    expectedHazards: ['DELETES_DATA'],
    absentSql: ['DROP EXPRESSION'],
    minServer: PG18,
    planTwice: true,
  },
  {
    name: 'virtual-columns: a partitioned table\'s VIRTUAL column reaches its partitions, a child of an inheritance parent keeps it',
    old: ['CREATE TABLE m (id int, at date, price int) PARTITION BY RANGE (at)', "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"],
    new: [
      'CREATE TABLE m (id int, at date, price int, doubled int GENERATED ALWAYS AS (price * 2) VIRTUAL) PARTITION BY RANGE (at)',
      "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      'CREATE TABLE p (id int, v int GENERATED ALWAYS AS (id + 1) VIRTUAL)',
      'CREATE TABLE c () INHERITS (p)',
    ],
    seed: "INSERT INTO m VALUES (1, '2024-05-01', 10)",
    keepsTables: [{ tables: ['m'], query: 'SELECT id, at, price FROM m ORDER BY id' }],
    // (PGlite has no pg_dump to compare: the plan's text says VIRTUAL, which the inspection alone would not tell)
    expectedSql: ['ADD COLUMN "doubled" integer NULL GENERATED ALWAYS AS ((price * 2)) VIRTUAL', 'GENERATED ALWAYS AS ((id + 1)) VIRTUAL'],
    minServer: PG18,
    planTwice: true,
  },
];
