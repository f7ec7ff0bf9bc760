/**
 * Acceptance cases of partition leftovers from hunts 11b and 12b (stripe/pg-schema-diff @
 * 6208f8f3ceccae8ca634055dc47907a6a864cb76, MIT; test/corpus-ext/MANIFEST.md "Hunt 13c"):
 *  - a table attached to a partitioned table while it has an index of its own of the shape of one of the parent's
 *    indexes, which the desired state keeps on its own: ATTACH PARTITION adopts the oldest index of the shape, so
 *    that one is built again after the ATTACH (diff/partition-moves.ts shadowedIndexes);
 *  - an index `ON ONLY` a partitioned table (not valid yet) with some partitions' indexes attached to it: built with
 *    them in pg_dump's form, and built again when the attached ones differ (plan/kinds/partition-index-names.ts);
 *  - a key added `ALTER TABLE ONLY` a partitioned table with some partitions' keys attached to it (pg_dump's form):
 *    the key added ONLY, the copies added and attached; a copy no longer wanted takes the key's drop and re-add
 *    (diff/key-copies.ts);
 *  - a parent's new PRIMARY KEY: its `SET NOT NULL` recurses to its partitions and inheritance children, which get
 *    none of their own (plan/alter-column.ts notNullFromParent);
 *  - an inheritance child of a table recreated is recreated with it (DROP TABLE refuses a table with children;
 *    diff/partition-moves.ts recreatedTable), its rows lost (DELETES_DATA) as a recreated parent's partitions' are.
 */
import type { AcceptanceCase } from './harness.js';

const detached = [
  'CREATE SCHEMA s1',
  'CREATE TABLE s1.fb (id int, foo varchar(255), bar text) PARTITION BY LIST (foo)',
  'CREATE SCHEMA s2',
  'CREATE TABLE s2.fb_1 (id int, foo varchar(255), bar text)',
  'CREATE INDEX fb_some_idx ON s1.fb (foo, bar)',
  'CREATE INDEX fb_1_local ON s2.fb_1 (foo, bar)',
  "COMMENT ON INDEX s2.fb_1_local IS 'own one'",
];
const attached = [
  'CREATE SCHEMA s1',
  'CREATE TABLE s1.fb (id int, foo varchar(255), bar text) PARTITION BY LIST (foo)',
  'CREATE SCHEMA s2',
  'CREATE TABLE s2.fb_1 (id int, foo varchar(255), bar text)',
  "ALTER TABLE s1.fb ATTACH PARTITION s2.fb_1 FOR VALUES IN ('foo_1')",
  'CREATE INDEX fb_some_idx ON s1.fb (foo, bar)',
  'CREATE INDEX fb_1_local ON s2.fb_1 (foo, bar)',
  "COMMENT ON INDEX s2.fb_1_local IS 'own one'",
];

/**
 * A partition moved to another bound with an index of its own of the shape of its copy of the parent's, older than
 * the copy (the detached partition has both; ATTACH would adopt the older).
 */
const bound = (to: string) => [
  'CREATE TABLE rb (id int, k int) PARTITION BY RANGE (k)',
  `CREATE TABLE rb_1 PARTITION OF rb FOR VALUES FROM (0) TO (${to})`,
  'CREATE INDEX rb_id_idx ON ONLY rb (id)',
  'CREATE INDEX rb_1_own ON rb_1 (id)',
  'CREATE INDEX rb_1_copy ON rb_1 (id)',
  'ALTER INDEX rb_id_idx ATTACH PARTITION rb_1_copy',
];

const onlyBase = [
  'CREATE TABLE "Foobar" (id int, foo varchar(255), PRIMARY KEY (foo)) PARTITION BY LIST (foo)',
  "CREATE TABLE foobar_1 PARTITION OF \"Foobar\" FOR VALUES IN ('foo_1')",
  "CREATE TABLE foobar_2 PARTITION OF \"Foobar\" FOR VALUES IN ('foo_2')",
  "CREATE TABLE \"Foobar_3\" PARTITION OF \"Foobar\" FOR VALUES IN ('foo_3')",
  'CREATE INDEX "Partitioned_Idx" ON ONLY "Foobar" (foo)',
  'CREATE INDEX foobar_1_part ON foobar_1 (foo)',
  'ALTER INDEX "Partitioned_Idx" ATTACH PARTITION foobar_1_part',
  'CREATE INDEX foobar_2_part ON foobar_2 (foo)',
  'ALTER INDEX "Partitioned_Idx" ATTACH PARTITION foobar_2_part',
  'CREATE INDEX "Foobar_3_Part" ON "Foobar_3" (foo)',
];
const onlySeed = "INSERT INTO \"Foobar\" VALUES (1, 'foo_1'), (2, 'foo_2'), (3, 'foo_3')";

const onlyKey = (kind: string) => [
  'CREATE TABLE ok (id int NOT NULL, foo varchar(255) NOT NULL) PARTITION BY LIST (foo)',
  "CREATE TABLE ok_1 PARTITION OF ok FOR VALUES IN ('foo_1')",
  "CREATE TABLE ok_2 PARTITION OF ok FOR VALUES IN ('foo_2')",
  `ALTER TABLE ONLY ok ADD CONSTRAINT ok_key ${kind} (foo, id)`,
  'CREATE UNIQUE INDEX ok_1_key ON ok_1 (foo, id)',
];
const onlyKeySeed = "INSERT INTO ok VALUES (1, 'foo_1'), (2, 'foo_2')";

const notNullOld = [
  'CREATE TABLE pn (id int, k text) PARTITION BY LIST (k)',
  "CREATE TABLE pn_1 PARTITION OF pn FOR VALUES IN ('a')",
  "CREATE TABLE pn_2 PARTITION OF pn FOR VALUES IN ('b') PARTITION BY RANGE (id)",
  'CREATE TABLE pn_2_low PARTITION OF pn_2 FOR VALUES FROM (0) TO (100)',
  'CREATE TABLE inh (a int, b text)',
  'CREATE TABLE inh_kid (c int) INHERITS (inh)',
  'CREATE TABLE inh_grandkid (d int) INHERITS (inh_kid)',
];
const notNullSeed = "INSERT INTO pn VALUES (1, 'a'), (2, 'b'); INSERT INTO inh_grandkid VALUES (1, 'x', 2, 3)";

const recreatedOld = ['CREATE TABLE rt_top (x int)', 'CREATE TABLE rt_mid (a int, x int)', 'CREATE TABLE rt_kid (k int) INHERITS (rt_mid)'];
const recreatedNew = ['CREATE TABLE rt_top (x int)', 'CREATE TABLE rt_mid (a int) INHERITS (rt_top)', 'CREATE TABLE rt_kid (k int) INHERITS (rt_mid)'];

const keyedTree = [
  'CREATE TABLE kt (id int, k text, PRIMARY KEY (id, k)) PARTITION BY LIST (k)',
  "CREATE TABLE kt_a PARTITION OF kt FOR VALUES IN ('a')",
];

export const PARTITION_8_CASES: readonly AcceptanceCase[] = [
  {
    // pg-schema-diff's "Can handle scenario where partition is not attached", with a comment on the own index.
    name: 'partition tree: table attached with an own index of its new parent index shape keeps it its own',
    old: detached,
    new: attached,
    seed: "INSERT INTO s2.fb_1 VALUES (1, 'foo_1', 'a')", seedBack: "INSERT INTO s1.fb VALUES (1, 'foo_1', 'a')",
    keepsTables: [{ tables: ['fb_1'], query: 'SELECT id, foo, bar FROM s2.fb_1 ORDER BY 1' }],
    expectedSql: [`ATTACH PARTITION "s2"."fb_1" FOR VALUES IN ('foo_1')`, 'DROP INDEX "s2"."fb_1_local"'],
  },
  {
    name: 'partition tree: new bound for a partition with an own index of its copy shape',
    old: bound('10'),
    new: bound('20'),
    seed: 'INSERT INTO rb VALUES (1, 5)', seedBack: 'INSERT INTO rb VALUES (1, 5)',
    keepsTables: [{ tables: ['rb_1'], query: 'SELECT id, k FROM rb_1 ORDER BY 1' }],
    expectedSql: ['ATTACH PARTITION "public"."rb_1" FOR VALUES FROM (0) TO (20)'],
  },
  {
    // pg-schema-diff's "Attach an unnattached, invalid index", both ways.
    name: 'partition tree: index ON ONLY with two of three partitions attached, then the third',
    old: onlyBase,
    new: [...onlyBase, 'ALTER INDEX "Partitioned_Idx" ATTACH PARTITION "Foobar_3_Part"'],
    seed: onlySeed, seedBack: onlySeed,
    keepsTables: [{ tables: ['Foobar'], query: 'SELECT id, foo FROM "Foobar" ORDER BY 1' }],
  },
  {
    name: 'partition tree: index ON ONLY whose attached partitions indexes change',
    old: onlyBase,
    new: [...onlyBase.slice(0, 7), 'CREATE INDEX foobar_2_part ON foobar_2 (foo)', 'CREATE INDEX "Foobar_3_Part" ON "Foobar_3" (foo)', 'ALTER INDEX "Partitioned_Idx" ATTACH PARTITION "Foobar_3_Part"'],
    seed: onlySeed, seedBack: onlySeed,
    keepsTables: [{ tables: ['Foobar'], query: 'SELECT id, foo FROM "Foobar" ORDER BY 1' }],
  },
  {
    // pg-schema-diff's "Add primary key to partition using existing index", with a second partition left without.
    name: 'partition tree: key added ONLY, a partition key attached to it by USING INDEX',
    old: onlyKey('PRIMARY KEY'),
    new: [...onlyKey('PRIMARY KEY'), 'ALTER TABLE ok_1 ADD CONSTRAINT ok_1_key PRIMARY KEY USING INDEX ok_1_key', 'ALTER INDEX ok_key ATTACH PARTITION ok_1_key'],
    seed: onlyKeySeed, seedBack: onlyKeySeed,
    keepsTables: [{ tables: ['ok'], query: 'SELECT id, foo FROM ok ORDER BY 1' }],
    expectedSql: ['ALTER INDEX "public"."ok_key" ATTACH PARTITION "public"."ok_1_key"'],
  },
  {
    // Its "Add unique constraint to partition using existing index", both partitions attached (the key becomes valid).
    name: 'partition tree: unique key added ONLY, both partitions keys attached to it',
    old: onlyKey('UNIQUE'),
    new: [...onlyKey('UNIQUE'), 'ALTER TABLE ok_1 ADD CONSTRAINT ok_1_key UNIQUE USING INDEX ok_1_key', 'ALTER INDEX ok_key ATTACH PARTITION ok_1_key',
      'ALTER TABLE ok_2 ADD CONSTRAINT ok_2_key UNIQUE (foo, id)', 'ALTER INDEX ok_key ATTACH PARTITION ok_2_key'],
    seed: onlyKeySeed, seedBack: onlyKeySeed,
    keepsTables: [{ tables: ['ok'], query: 'SELECT id, foo FROM ok ORDER BY 1' }],
  },
  {
    // h171's leftover: the partitions' and children's own SET NOT NULL repeated the parent's, which recurses.
    name: 'partition tree: primary keys added to a partitioned and an inheritance parent, NOT NULL set once',
    old: notNullOld,
    new: [...notNullOld, 'ALTER TABLE pn ADD PRIMARY KEY (id, k)', 'ALTER TABLE inh ADD PRIMARY KEY (a)'],
    seed: notNullSeed, seedBack: notNullSeed,
    keepsTables: [{ tables: ['pn'], query: 'SELECT id, k FROM pn ORDER BY 1' }, { tables: ['inh'], query: 'SELECT a, b FROM inh ORDER BY 1' }],
    expectedSql: ['ADD PRIMARY KEY ("id", "k")', 'ADD PRIMARY KEY ("a")'],
    absentSql: ['"public"."pn_1" ALTER COLUMN', '"public"."pn_2" ALTER COLUMN', '"public"."pn_2_low" ALTER COLUMN', '"public"."inh_kid" ALTER COLUMN', '"public"."inh_grandkid" ALTER COLUMN'],
  },
  {
    // h171's leftover: DROP TABLE of the recreated parent failed ("other objects depend on it").
    name: 'inheritance: a table recreated to inherit a column only from a new parent takes its child along',
    old: recreatedOld,
    new: recreatedNew,
    seed: 'INSERT INTO rt_kid VALUES (1, 2, 3)', seedBack: 'INSERT INTO rt_kid VALUES (1, 2, 3)',
    expectedSql: ['DROP TABLE "public"."rt_kid"', 'CREATE TABLE "public"."rt_kid"'],
    expectedHazards: ['DELETES_DATA'],
  },
  {
    // pg-schema-diff's "Adding a partition" rev: a partition that goes with its schema takes its copy along, the key stays.
    name: 'partition tree: a partition in a dropped schema leaves its parent primary key in place',
    old: [...keyedTree, 'CREATE SCHEMA kt_s', "CREATE TABLE kt_s.kt_b PARTITION OF kt FOR VALUES IN ('b')"],
    new: keyedTree,
    seed: "INSERT INTO kt VALUES (1, 'a'), (2, 'b')", seedBack: "INSERT INTO kt VALUES (1, 'a')",
    keepsTables: [{ tables: ['kt_a'], query: 'SELECT id, k FROM kt_a ORDER BY 1' }],
    absentSql: ['DROP CONSTRAINT'],
  },
];
