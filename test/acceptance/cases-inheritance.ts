/**
 * Acceptance cases for table inheritance (`INHERITS`, `ALTER TABLE … [NO] INHERIT`), with rows in parents and
 * children, both directions: a table that joins or leaves a parent, a second parent, parents reordered, a child
 * column declared in the child too (local and inherited), parents that gain or lose columns and CHECK
 * constraints (and NO INHERIT checks). Where PostgreSQL has no statement for the desired child (a column or
 * check it has as its own today that it must have only from a parent), the child is created again and the
 * plan says it deletes its rows (src/diff/inheritance.ts).
 */
import type { AcceptanceCase } from './harness.js';

const p = 'CREATE TABLE p (id int, n int, CONSTRAINT p_n CHECK (n > 0))';
const seedPc = "INSERT INTO p VALUES (1, 1); INSERT INTO c (id, n, x) VALUES (2, 2, 'two')";
const seedPcg = "INSERT INTO p (id, n) VALUES (1, 1); INSERT INTO c (id, n, x) VALUES (2, 2, 'two'); INSERT INTO g (id, n, x) VALUES (3, 3, 'three')";
const seedGrand = `${seedPcg}; INSERT INTO d (id, n) VALUES (4, 4)`;
const seedPc3 = "INSERT INTO p (id, n) VALUES (1, 1); INSERT INTO c (id, n, x) VALUES (2, 2, 'two')";
const keepGrand = [{ tables: ['p', 'c', 'g', 'd'], query: 'SELECT id, n FROM p ORDER BY id' }];
const keepPc = [{ tables: ['p', 'c'], query: 'SELECT id, n FROM ONLY p ORDER BY id' }, { tables: ['c'], query: 'SELECT id, n, x FROM c ORDER BY id' }];

export const INHERITANCE_CASES: AcceptanceCase[] = [
  {
    name: 'inheritance: a table joins a parent whose columns and check it declares (and leaves it)',
    old: [p, "CREATE TABLE c (id int, n int, x text, CONSTRAINT p_n CHECK (n > 0))"],
    new: [p, "CREATE TABLE c (id int, n int, x text, CONSTRAINT p_n CHECK (n > 0)) INHERITS (p)"],
    seed: seedPc, seedBack: seedPc, keepsTables: keepPc,
    expectedSql: ['ALTER TABLE "public"."c" INHERIT "public"."p"'],
  },
  {
    name: 'inheritance: a table joins a parent it lacks a column and the check of (added first)',
    old: [p, 'CREATE TABLE c (id int, x text)'],
    new: [p, "CREATE TABLE c (id int, n int, x text, CONSTRAINT p_n CHECK (n > 0)) INHERITS (p)"],
    seed: "INSERT INTO p VALUES (1, 1); INSERT INTO c (id, x) VALUES (2, 'two')",
    seedBack: seedPc,
    keepsTables: [{ tables: ['p', 'c'], query: 'SELECT id FROM ONLY p ORDER BY id' }, { tables: ['c'], query: 'SELECT id, x FROM c ORDER BY id' }],
  },
  {
    name: 'inheritance: a table leaves its parent, keeping its columns and check as its own (joins again: created again)',
    old: [p, 'CREATE TABLE c (x text) INHERITS (p)'],
    new: [p, "CREATE TABLE c (id int, n int, x text, CONSTRAINT p_n CHECK (n > 0))"],
    seed: seedPc, seedBack: seedPc, keepsTables: keepPc,
    expectedSql: ['ALTER TABLE "public"."c" NO INHERIT "public"."p"'],
  },
  {
    name: 'inheritance: a table leaves its parent and drops the check it had from it',
    old: [p, 'CREATE TABLE c (x text) INHERITS (p)'],
    new: [p, 'CREATE TABLE c (id int, n int, x text)'],
    seed: seedPc, seedBack: seedPc, keepsTables: keepPc,
  },
  {
    name: 'inheritance: a table that joins a parent it would have columns from only is created again',
    old: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (id int, n int, x text)'],
    new: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (x text) INHERITS (p)'],
    seed: seedPc, seedBack: seedPc, keepsTables: keepPc,
    expectedHazards: ['DELETES_DATA'],
  },
  {
    name: 'inheritance: the parent goes, the child stays with its columns',
    old: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (x text) INHERITS (p)'],
    new: ['CREATE TABLE c (id int, n int, x text)'],
    seed: seedPc, seedBack: "INSERT INTO c VALUES (2, 2, 'two')",
    keepsTables: [{ tables: ['c'], query: 'SELECT id, n, x FROM c ORDER BY id' }],
  },
  {
    name: 'inheritance: a second parent joined (and left)',
    old: ['CREATE TABLE p (id int)', 'CREATE TABLE q (z int)', 'CREATE TABLE c (x text) INHERITS (p)'],
    new: ['CREATE TABLE p (id int)', 'CREATE TABLE q (z int)', 'CREATE TABLE c (x text, z int) INHERITS (p, q)'],
    seed: "INSERT INTO p VALUES (1); INSERT INTO q VALUES (5); INSERT INTO c (id, x) VALUES (2, 'two')",
    seedBack: "INSERT INTO p VALUES (1); INSERT INTO q VALUES (5); INSERT INTO c (id, x, z) VALUES (2, 'two', 3)",
    keepsTables: [{ tables: ['p', 'q', 'c'], query: 'SELECT id FROM ONLY p ORDER BY id' }, { tables: ['c'], query: 'SELECT id, x FROM c ORDER BY id' }],
    expectedSql: ['ALTER TABLE "public"."c" INHERIT "public"."q"'],
  },
  {
    name: 'inheritance: two parents in the other order',
    old: ['CREATE TABLE p (a int)', 'CREATE TABLE q (b int)', 'CREATE TABLE c (a int, b int, x text) INHERITS (p, q)'],
    new: ['CREATE TABLE p (a int)', 'CREATE TABLE q (b int)', 'CREATE TABLE c (a int, b int, x text) INHERITS (q, p)'],
    seed: "INSERT INTO p VALUES (1); INSERT INTO q VALUES (2); INSERT INTO c VALUES (3, 4, 'c')",
    seedBack: "INSERT INTO p VALUES (1); INSERT INTO q VALUES (2); INSERT INTO c VALUES (3, 4, 'c')",
    keepsTables: [{ tables: ['c'], query: 'SELECT a, b, x FROM c ORDER BY a' }, { tables: ['p', 'q'], query: 'SELECT a FROM p ORDER BY a' }],
    expectedSql: ['ALTER TABLE "public"."c" NO INHERIT "public"."p"', 'ALTER TABLE "public"."c" INHERIT "public"."p"'],
  },
  {
    name: 'inheritance: a child column declared in the child too (local and inherited, created again)',
    old: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (x text) INHERITS (p)'],
    new: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (x text, n int DEFAULT 5 NOT NULL) INHERITS (p)'],
    seed: seedPc, seedBack: seedPc, keepsTables: keepPc,
    expectedHazards: ['DELETES_DATA'],
  },
  {
    name: 'inheritance: a parent column the child declares too is dropped from the parent (and added back)',
    old: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (n int, x text) INHERITS (p)'],
    new: ['CREATE TABLE p (id int)', 'CREATE TABLE c (n int, x text) INHERITS (p)'],
    seed: seedPc, seedBack: "INSERT INTO p VALUES (1); INSERT INTO c (id, n, x) VALUES (2, 2, 'two')",
    keepsTables: [{ tables: ['c'], query: 'SELECT id, n, x FROM c ORDER BY id' }],
  },
  {
    name: 'inheritance: a parent with two levels of children gains and loses columns',
    old: ['CREATE TABLE p (id int, gone text)', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE g (y text) INHERITS (c)'],
    new: ["CREATE TABLE p (id int, fresh int DEFAULT 0 NOT NULL)", 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE g (y text) INHERITS (c)'],
    seed: "INSERT INTO p (id) VALUES (1); INSERT INTO c (id, x) VALUES (2, 'two'); INSERT INTO g (id, x, y) VALUES (3, 'three', 'y')",
    seedBack: "INSERT INTO p (id) VALUES (1); INSERT INTO c (id, x) VALUES (2, 'two'); INSERT INTO g (id, x, y) VALUES (3, 'three', 'y')",
    keepsTables: [{ tables: ['p', 'c', 'g'], query: 'SELECT id FROM p ORDER BY id' }],
  },
  {
    name: 'inheritance: CHECK constraints on a parent (inherited and NO INHERIT) and on its child',
    old: ['CREATE TABLE p (id int, n int, CONSTRAINT p_n CHECK (n > 0), CONSTRAINT p_only CHECK (id > 0) NO INHERIT)', 'CREATE TABLE c (x text) INHERITS (p)'],
    new: [
      'CREATE TABLE p (id int, n int, CONSTRAINT p_n CHECK (n > 0), CONSTRAINT p_m CHECK (n < 1000), CONSTRAINT p_low CHECK (id < 100) NO INHERIT)',
      "CREATE TABLE c (x text, CONSTRAINT c_x CHECK (x <> '')) INHERITS (p)",
    ],
    seed: seedPc, seedBack: seedPc, keepsTables: keepPc,
  },
  {
    name: 'inheritance: written with ALTER TABLE … INHERIT and NO INHERIT, parent columns added, dropped and retyped after the children',
    old: ['CREATE TABLE p (id int, CONSTRAINT p_id CHECK (id > 0))', 'CREATE TABLE c (id int, x text, CONSTRAINT p_id CHECK (id > 0))'],
    new: [
      'CREATE TABLE p (id int, gone text, CONSTRAINT p_id CHECK (id > 0))',
      'CREATE TABLE q (z int)',
      'CREATE TABLE c (id int, gone text, x text, CONSTRAINT p_id CHECK (id > 0))',
      'ALTER TABLE c INHERIT p',
      'CREATE TABLE d (w text) INHERITS (p, q)',
      'ALTER TABLE d NO INHERIT q',
      'CREATE TABLE e () INHERITS (d)',
      'ALTER TABLE p ADD COLUMN n int DEFAULT 1 NOT NULL',
      'ALTER TABLE p DROP COLUMN gone',
      'ALTER TABLE p ALTER COLUMN id TYPE bigint',
    ],
    seed: "INSERT INTO p VALUES (1); INSERT INTO c VALUES (2, 'two')",
    keepsTables: [{ tables: ['c'], query: 'SELECT id, x FROM c ORDER BY id' }],
    oneWay: true,
  },
  {
    name: 'inheritance: a parent column gets another default and NOT NULL, a child keeps a default of its own',
    old: ['CREATE TABLE p (id int, n int DEFAULT 1)', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE d (y text) INHERITS (p)', 'ALTER TABLE ONLY d ALTER COLUMN n SET DEFAULT 7'],
    new: ['CREATE TABLE p (id int NOT NULL, n int DEFAULT 5)', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE d (y text) INHERITS (p)', 'ALTER TABLE ONLY d ALTER COLUMN n SET DEFAULT 9'],
    seed: "INSERT INTO p VALUES (1, 1); INSERT INTO c (id, n, x) VALUES (2, 2, 'two'); INSERT INTO d (id, y) VALUES (3, 'y')",
    seedBack: "INSERT INTO p VALUES (1, 1); INSERT INTO c (id, n, x) VALUES (2, 2, 'two'); INSERT INTO d (id, y) VALUES (3, 'y')",
    keepsTables: [{ tables: ['p', 'c', 'd'], query: 'SELECT id, n FROM p ORDER BY id' }],
  },
  {
    name: 'inheritance: a parent check added recurses to children and grandchildren, NOT VALID too (merged with a child\'s own)',
    old: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE g () INHERITS (c)', 'CREATE TABLE d (n int, CONSTRAINT p_n CHECK (n > 0)) INHERITS (p)'],
    new: [
      'CREATE TABLE p (id int, n int)', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE g () INHERITS (c)', 'CREATE TABLE d (n int, CONSTRAINT p_n CHECK (n > 0)) INHERITS (p)',
      'ALTER TABLE p ADD CONSTRAINT p_n CHECK (n > 0)',
      'ALTER TABLE p ADD CONSTRAINT p_m CHECK (n < 1000) NOT VALID',
    ],
    seed: seedGrand, seedBack: seedGrand, keepsTables: keepGrand,
  },
  {
    name: 'inheritance: a schema file as pg_dump writes a parent and children with a NOT VALID check and column statistics',
    old: ['CREATE TABLE p (id int, n int, t text)', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE g () INHERITS (c)'],
    new: [
      'CREATE TABLE public.p (\n    id integer,\n    n integer,\n    t text\n)',
      'ALTER TABLE ONLY public.p ALTER COLUMN n SET STATISTICS 50',
      'ALTER TABLE ONLY public.p ALTER COLUMN t SET STORAGE MAIN',
      'CREATE TABLE public.c (\n    x text,\n    CONSTRAINT p_n CHECK ((n > 0))\n)\nINHERITS (public.p)',
      'ALTER TABLE ONLY public.c ALTER COLUMN n SET STATISTICS 50',
      'ALTER TABLE ONLY public.c ALTER COLUMN t SET STORAGE MAIN',
      'CREATE TABLE public.g (\n)\nINHERITS (public.c)',
      'ALTER TABLE ONLY public.g ALTER COLUMN n SET STATISTICS 50',
      'ALTER TABLE ONLY public.g ALTER COLUMN t SET STORAGE MAIN',
      'ALTER TABLE public.p\n    ADD CONSTRAINT p_m CHECK ((n < 1000)) NOT VALID',
    ],
    seed: seedPcg, seedBack: seedPcg, keepsTables: keepGrand,
  },
  {
    name: 'inheritance: a parent check dropped with ONLY stays on the children as their own (and comes back)',
    old: ['CREATE TABLE p (id int, n int, CONSTRAINT p_n CHECK (n > 0))', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE g () INHERITS (c)'],
    new: ['CREATE TABLE p (id int, n int, CONSTRAINT p_n CHECK (n > 0))', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE g () INHERITS (c)', 'ALTER TABLE ONLY p DROP CONSTRAINT p_n'],
    seed: seedPcg, seedBack: seedPcg, keepsTables: keepGrand,
  },
  {
    name: 'inheritance: column statistics and storage set on a parent reach its children, a child keeps its own',
    old: ['CREATE TABLE p (id int, n int, t text)', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE g () INHERITS (c)'],
    new: [
      'CREATE TABLE p (id int, n int, t text)', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE TABLE g () INHERITS (c)',
      'ALTER TABLE p ALTER COLUMN n SET STATISTICS 50',
      'ALTER TABLE p ALTER COLUMN t SET STORAGE MAIN',
      'ALTER TABLE p ALTER COLUMN n SET (n_distinct = 5)',
      'ALTER TABLE ONLY g ALTER COLUMN n SET STATISTICS 70',
    ],
    seed: seedPcg, seedBack: seedPcg, keepsTables: keepGrand,
  },
  {
    name: 'inheritance: column statistics and storage of a parent changed with ONLY, its children keep theirs',
    old: ['CREATE TABLE p (id int, n int, t text)', 'CREATE TABLE c (x text) INHERITS (p)', 'ALTER TABLE c ALTER COLUMN n SET STATISTICS 20'],
    new: ['CREATE TABLE p (id int, n int, t text)', 'CREATE TABLE c (x text) INHERITS (p)', 'ALTER TABLE c ALTER COLUMN n SET STATISTICS 20', 'ALTER TABLE ONLY p ALTER COLUMN n SET STATISTICS 50', 'ALTER TABLE ONLY p ALTER COLUMN t SET STORAGE MAIN'],
    seed: seedPc3, seedBack: seedPc3, keepsTables: [{ tables: ['p', 'c'], query: 'SELECT id, n FROM p ORDER BY id' }],
  },
  {
    name: 'partitioning: a partitioned parent\'s check, default, statistics, storage and new column reach its partitions',
    old: ['CREATE TABLE q (id int, n int, t text) PARTITION BY RANGE (id)', 'CREATE TABLE q1 PARTITION OF q FOR VALUES FROM (0) TO (10)', 'CREATE TABLE q2 PARTITION OF q FOR VALUES FROM (10) TO (20) PARTITION BY RANGE (id)', 'CREATE TABLE q21 PARTITION OF q2 FOR VALUES FROM (10) TO (15)'],
    new: [
      'CREATE TABLE q (id int, n int, t text) PARTITION BY RANGE (id)', 'CREATE TABLE q1 PARTITION OF q FOR VALUES FROM (0) TO (10)', 'CREATE TABLE q2 PARTITION OF q FOR VALUES FROM (10) TO (20) PARTITION BY RANGE (id)', 'CREATE TABLE q21 PARTITION OF q2 FOR VALUES FROM (10) TO (15)',
      'ALTER TABLE q ADD CONSTRAINT q_n CHECK (n > 0)',
      'ALTER TABLE q ADD CONSTRAINT q_m CHECK (n < 1000) NOT VALID',
      'ALTER TABLE q ALTER COLUMN n SET DEFAULT 4',
      'ALTER TABLE q ALTER COLUMN n SET STATISTICS 33',
      'ALTER TABLE q ALTER COLUMN t SET STORAGE MAIN',
      'ALTER TABLE q ADD COLUMN z int DEFAULT 1',
      'ALTER TABLE ONLY q ALTER COLUMN n SET STATISTICS 44',
    ],
    seed: "INSERT INTO q (id, n, t) VALUES (1, 1, 'a'), (12, 2, 'b')", seedBack: "INSERT INTO q (id, n, t) VALUES (1, 1, 'a'), (12, 2, 'b')",
    keepsTables: [{ tables: ['q', 'q1', 'q2', 'q21'], query: 'SELECT id, n, t FROM q ORDER BY id' }],
  },
  {
    name: 'inheritance: a table joins a parent in the migration that adds the parent\'s check, which the child declares too',
    old: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (id int, n int, x text)'],
    new: ['CREATE TABLE p (id int, n int, CONSTRAINT p_n CHECK (n > 0))', 'CREATE TABLE c (id int, n int, x text, CONSTRAINT p_n CHECK (n > 0)) INHERITS (p)'],
    seed: seedPc, seedBack: seedPc, keepsTables: keepPc,
  },
  {
    name: 'inheritance: a table joins a parent in the migration that adds the parent\'s check, which the child has from it only',
    old: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (id int, n int, x text)'],
    new: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (id int, n int, x text) INHERITS (p)', 'ALTER TABLE p ADD CONSTRAINT p_n CHECK (n > 0)'],
    seed: seedPc, seedBack: seedPc, keepsTables: keepPc,
    expectedSql: ['ALTER TABLE "public"."c" INHERIT "public"."p"'],
  },
  {
    name: 'inheritance: a table leaves its parent in the migration that drops the parent\'s check',
    old: ['CREATE TABLE p (id int, n int, CONSTRAINT p_n CHECK (n > 0))', 'CREATE TABLE c (x text) INHERITS (p)'],
    new: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (id int, n int, x text)'],
    seed: seedPc, seedBack: seedPc, keepsTables: keepPc,
  },
  {
    // The parser leaves RangeVar.inh out for ONLY: the canonical form read `inh === false`, never true, so a view
    // switching between FROM p and FROM ONLY p (different rows: the child's) planned nothing.
    name: 'inheritance: a view reads its parent with or without ONLY (the child\'s rows in or out)',
    old: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE VIEW v AS SELECT id, n FROM p'],
    new: ['CREATE TABLE p (id int, n int)', 'CREATE TABLE c (x text) INHERITS (p)', 'CREATE VIEW v AS SELECT id, n FROM ONLY p'],
    seed: "INSERT INTO p VALUES (1, 1); INSERT INTO c VALUES (2, 2, 'x')", keeps: 'SELECT * FROM p',
  },
];
