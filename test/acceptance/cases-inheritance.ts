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
];
