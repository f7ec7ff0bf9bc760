/**
 * Acceptance cases of partitions whose tree changes around them, from hunt 11b's leftovers (stripe/pg-schema-diff @
 * 6208f8f3ceccae8ca634055dc47907a6a864cb76, MIT; test/corpus-ext/MANIFEST.md "Hunt 11b"):
 *  - a partitioned table recreated for a new partition key drops its partitions with it (DROP TABLE): they are
 *    created again under the new parent with what is on them (diff/partition-moves.ts recreatedTable);
 *  - a parent's new PRIMARY KEY makes its partitions' (and children's) columns NOT NULL, as PostgreSQL stores it
 *    (parse/kinds/table-alter.ts): a second plan is empty;
 *  - a table that becomes a partition while its new parent's index is created: its index comes from its detached
 *    state and ATTACH PARTITION adopts it (plan/kinds/partition-index-names.ts), no `ALTER INDEX … ATTACH PARTITION`
 *    before it is a partition;
 *  - a NOT VALID check of a partitioned (or parent) table has valid copies on the partitions created after it or
 *    validated on their own (CheckConstraint.validCopies): `VALIDATE CONSTRAINT` on those partitions, and the check
 *    added again when a valid copy must become NOT VALID (diff/check-copies.ts).
 */
import type { AcceptanceCase } from './harness.js';

const keyed = (by: string) => [
  `CREATE TABLE ev (id int NOT NULL, a text NOT NULL, b text NOT NULL, note text, PRIMARY KEY (id, a, b)) PARTITION BY LIST (${by})`,
  'CREATE INDEX ev_note_idx ON ev (note)',
  "CREATE TABLE ev_x PARTITION OF ev FOR VALUES IN ('x')",
  "CREATE TABLE ev_y PARTITION OF ev FOR VALUES IN ('y') PARTITION BY RANGE (id)",
  'CREATE TABLE ev_y_low PARTITION OF ev_y FOR VALUES FROM (0) TO (100)',
  'CREATE INDEX ev_x_own ON ev_x (id, note)',
  "ALTER TABLE ev_x ADD CONSTRAINT ev_x_note_check CHECK (note <> '')",
  'CREATE FUNCTION ev_touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$',
  'CREATE TRIGGER ev_x_touch BEFORE INSERT ON ev_x FOR EACH ROW EXECUTE FUNCTION ev_touch()',
  "COMMENT ON TABLE ev_x IS 'x rows'",
  "COMMENT ON INDEX ev_x_own IS 'own index'",
  'GRANT SELECT ON ev_x TO PUBLIC',
  'GRANT SELECT ON ev_y_low TO PUBLIC',
];
const evSeed = "INSERT INTO ev VALUES (1, 'x', 'x', 'n'), (2, 'y', 'y', 'm')";

const quotedOld = [
  'CREATE TABLE "Foobar" ("Id" int, "FOO" varchar(255)) PARTITION BY LIST ("FOO")',
  "CREATE TABLE foobar_1 PARTITION OF \"Foobar\" FOR VALUES IN ('foo_1')",
  "CREATE TABLE foobar_2 PARTITION OF \"Foobar\" FOR VALUES IN ('foo_2') PARTITION BY RANGE (\"Id\")",
  'CREATE TABLE foobar_2_low PARTITION OF foobar_2 FOR VALUES FROM (0) TO (100)',
];
const quotedSeed = "INSERT INTO \"Foobar\" VALUES (1, 'foo_1'), (2, 'foo_2')";

const inhOld = ['CREATE TABLE ih (a int, b text)', 'CREATE TABLE ih_kid (c int) INHERITS (ih)'];

const unpartitioned = [
  'CREATE TABLE fb (id int, foo varchar(255), bar text, UNIQUE (foo, bar))',
  'CREATE INDEX fb_some_idx ON fb (id)',
  'CREATE TABLE fb_1 (id int, foo varchar(255), bar text, UNIQUE (foo, bar))',
  // The name PostgreSQL gives fb_1's copy of fb_some_idx once fb is partitioned, here on fb itself.
  'CREATE INDEX fb_1_id_idx ON fb (id)',
];
const partitioned = [
  'CREATE TABLE fb (id int, foo varchar(255), bar text, UNIQUE (foo, bar)) PARTITION BY LIST (foo)',
  'CREATE INDEX fb_some_idx ON fb (id)',
  "CREATE TABLE fb_1 PARTITION OF fb FOR VALUES IN ('foo_1')",
];

const checkBase = [
  'CREATE TABLE ck (id int NOT NULL, kind text NOT NULL, n int) PARTITION BY LIST (kind)',
  "CREATE TABLE ck_a PARTITION OF ck FOR VALUES IN ('a')",
];
const checkAdd = 'ALTER TABLE ck ADD CONSTRAINT ck_n_pos CHECK (n > 0) NOT VALID';
const checkLater = [
  "CREATE TABLE ck_b PARTITION OF ck FOR VALUES IN ('b') PARTITION BY RANGE (id)",
  'CREATE TABLE ck_b_low PARTITION OF ck_b FOR VALUES FROM (0) TO (100)',
];
const checkSeed = "INSERT INTO ck VALUES (1, 'a', 1), (2, 'b', 2)";

/** A two-level tree with a valid check, a NOT VALID one added after its partitions, and a partition's own check. */
const DETACH_TREE = [
  'CREATE TABLE dt (id int, n int, CONSTRAINT n_pos CHECK (n > 0)) PARTITION BY RANGE (id)',
  'CREATE TABLE dt_a PARTITION OF dt FOR VALUES FROM (0) TO (10) PARTITION BY RANGE (id)',
  'CREATE TABLE dt_a1 PARTITION OF dt_a FOR VALUES FROM (0) TO (5)',
  'CREATE TABLE dt_b PARTITION OF dt FOR VALUES FROM (10) TO (20)',
  'ALTER TABLE dt ADD CONSTRAINT n_small CHECK (n < 1000) NOT VALID',
  'ALTER TABLE dt_a ADD CONSTRAINT a_even CHECK (id % 2 = 0)',
];

export const PARTITION_7_CASES: readonly AcceptanceCase[] = [
  {
    // pg-schema-diff's "Changing partition key def errors", with a sub-partition and what hangs off the partitions.
    name: 'partition tree: new partition key recreates the partitions with their indexes, checks, triggers, grants, comments',
    old: keyed('a'),
    new: keyed('b'),
    seed: evSeed, seedBack: evSeed,
    expectedSql: ['DROP TABLE "public"."ev"', 'CREATE TABLE "public"."ev_x" PARTITION OF "public"."ev"', 'CREATE TRIGGER ev_x_touch'],
    expectedHazards: ['DELETES_DATA'],
  },
  {
    name: 'partition tree: new partition key, bare (pg-schema-diff form)',
    old: ['CREATE TABLE foobar (id int, foo varchar(255), bar text, fizz int) PARTITION BY LIST (foo)', "CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('foo_1')"],
    new: ['CREATE TABLE foobar (id int, foo varchar(255), bar text, fizz int) PARTITION BY LIST (bar)', "CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('foo_1')"],
    seed: "INSERT INTO foobar VALUES (1, 'foo_1', 'foo_1', 3)", seedBack: "INSERT INTO foobar VALUES (1, 'foo_1', 'foo_1', 3)",
  },
  {
    // pg-schema-diff's "Add a primary key with quoted names", with a sub-partition: the partitions' columns become
    // NOT NULL with the parent's key (a second plan used to DROP NOT NULL them).
    name: 'partition tree: primary key added to a partitioned table with quoted names',
    old: quotedOld,
    new: [...quotedOld, 'ALTER TABLE "Foobar" ADD CONSTRAINT "FOOBAR_PK" PRIMARY KEY ("FOO", "Id")'],
    seed: quotedSeed, seedBack: quotedSeed,
    keepsTables: [{ tables: ['Foobar'], query: 'SELECT "Id", "FOO" FROM "Foobar" ORDER BY 1' }],
    expectedSql: ['ADD CONSTRAINT "FOOBAR_PK" PRIMARY KEY ("FOO", "Id")'],
    absentSql: ['DROP TABLE'],
  },
  {
    // The same for a table with an inheritance child: PostgreSQL makes the child's column NOT NULL too.
    name: 'partition tree: primary key added to an inheritance parent makes the child column NOT NULL',
    old: inhOld,
    new: [...inhOld, 'ALTER TABLE ih ADD PRIMARY KEY (a)'],
    seed: "INSERT INTO ih VALUES (1, 'p'); INSERT INTO ih_kid VALUES (2, 'k', 3)",
    seedBack: "INSERT INTO ih VALUES (1, 'p'); INSERT INTO ih_kid VALUES (2, 'k', 3)",
    keepsTables: [{ tables: ['ih', 'ih_kid'], query: 'SELECT a, b FROM ih ORDER BY 1' }],
    absentSql: ['DROP TABLE'],
  },
  {
    // pg-schema-diff's "Partitioned to unpartitioned and child tables still exist", both ways: the table that
    // becomes a partition has its copy of the new parent's index made on its own, then adopted by ATTACH PARTITION.
    name: 'partition tree: unpartitioned table and its child table become a partitioned table and its partition',
    old: unpartitioned,
    new: partitioned,
    seed: "INSERT INTO fb_1 VALUES (1, 'foo_1', 'a')", seedBack: "INSERT INTO fb VALUES (1, 'foo_1', 'a')",
    keepsTables: [{ tables: ['fb_1'], query: 'SELECT id, foo, bar FROM fb_1 ORDER BY 1' }],
    expectedSql: [`ATTACH PARTITION "public"."fb_1" FOR VALUES IN ('foo_1')`],
  },
  {
    // pg-schema-diff's "Alter table: New primary key, …" (its old side): the partitions created after the parent's
    // NOT VALID check have valid copies of it; created before, NOT VALID ones.
    name: 'partition tree: NOT VALID check on a partitioned table, partitions created after it have valid copies',
    old: [...checkBase, ...checkLater, checkAdd],
    new: [...checkBase, checkAdd, ...checkLater],
    seed: checkSeed, seedBack: checkSeed,
    keepsTables: [{ tables: ['ck'], query: 'SELECT id, kind, n FROM ck ORDER BY 1' }],
    expectedSql: ['ALTER TABLE "public"."ck_b" VALIDATE CONSTRAINT "ck_n_pos"', 'ALTER TABLE "public"."ck_b_low" VALIDATE CONSTRAINT "ck_n_pos"'],
    absentSql: ['ALTER TABLE "public"."ck_a" VALIDATE', 'DROP TABLE'],
  },
  {
    // A copy validated on a partition alone (and so below it), and a table created under an inheritance parent.
    name: 'partition tree: NOT VALID check validated on one partition, and an inheritance child created after it',
    old: [...checkBase, ...checkLater, checkAdd, 'CREATE TABLE ih2 (n int)', 'ALTER TABLE ih2 ADD CONSTRAINT ih2_n CHECK (n > 0) NOT VALID', 'CREATE TABLE ih2_kid (m int) INHERITS (ih2)'],
    new: [...checkBase, ...checkLater, checkAdd, 'ALTER TABLE ck_b VALIDATE CONSTRAINT ck_n_pos', 'CREATE TABLE ih2 (n int)', 'CREATE TABLE ih2_kid (m int) INHERITS (ih2)', 'ALTER TABLE ih2 ADD CONSTRAINT ih2_n CHECK (n > 0) NOT VALID'],
    seed: checkSeed + '; INSERT INTO ih2_kid VALUES (1, 2)', seedBack: checkSeed + '; INSERT INTO ih2_kid VALUES (1, 2)',
    keepsTables: [{ tables: ['ck'], query: 'SELECT id, kind, n FROM ck ORDER BY 1' }, { tables: ['ih2', 'ih2_kid'], query: 'SELECT n FROM ih2 ORDER BY 1' }],
    expectedSql: ['ALTER TABLE "public"."ck_b" VALIDATE CONSTRAINT "ck_n_pos"', 'ALTER TABLE "public"."ck_b_low" VALIDATE CONSTRAINT "ck_n_pos"'],
    absentSql: ['DROP TABLE'],
  },
  {
    // pg_dump's form: the partitions created on their own (the one with a valid check of its own keeps it valid
    // when the parent's NOT VALID check is added: merged), attached, the parent's check added last.
    name: 'partition tree: NOT VALID check on a partitioned table in pg_dump form',
    old: [...checkBase, ...checkLater, checkAdd],
    new: [
      'CREATE TABLE ck (id int NOT NULL, kind text NOT NULL, n int) PARTITION BY LIST (kind)',
      'CREATE TABLE ck_a (id int NOT NULL, kind text NOT NULL, n int, CONSTRAINT ck_n_pos CHECK (n > 0))',
      'CREATE TABLE ck_b (id int NOT NULL, kind text NOT NULL, n int) PARTITION BY RANGE (id)',
      'CREATE TABLE ck_b_low (id int NOT NULL, kind text NOT NULL, n int, CONSTRAINT ck_n_pos CHECK (n > 0))',
      "ALTER TABLE ONLY ck ATTACH PARTITION ck_a FOR VALUES IN ('a')",
      "ALTER TABLE ONLY ck ATTACH PARTITION ck_b FOR VALUES IN ('b')",
      'ALTER TABLE ONLY ck_b ATTACH PARTITION ck_b_low FOR VALUES FROM (0) TO (100)',
      checkAdd,
    ],
    seed: checkSeed, seedBack: checkSeed,
    keepsTables: [{ tables: ['ck'], query: 'SELECT id, kind, n FROM ck ORDER BY 1' }],
  },
  // A partition detached in the file keeps its copies of the checks above it as its own (PostgreSQL marks them local,
  // pg_dump writes them in its CREATE TABLE): valid, or NOT VALID where its copy was (src/parse/kinds/check-copies.ts
  // detachCopies). The fold dropped them, so a database built by psql from the file lost them to the plan.
  {
    name: 'partition tree: partitions detached in the file keep the checks of the tables above them as their own',
    old: DETACH_TREE,
    new: [...DETACH_TREE, 'ALTER TABLE dt_a DETACH PARTITION dt_a1', 'ALTER TABLE dt DETACH PARTITION dt_b'],
    seed: 'INSERT INTO dt VALUES (2, 1), (12, 5)',
    seedBack: 'INSERT INTO dt_a1 VALUES (2, 1); INSERT INTO dt_b VALUES (12, 5)',
    keepsTables: [{ tables: ['dt', 'dt_a', 'dt_a1', 'dt_b'], query: 'SELECT tableoid::regclass::text, * FROM dt_a1 UNION ALL SELECT tableoid::regclass::text, * FROM dt_b ORDER BY 2' }],
  },
];
