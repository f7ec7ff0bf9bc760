/**
 * Acceptance cases of partitions whose own PRIMARY KEY / UNIQUE constraint PostgreSQL takes for their copy of a
 * parent's key instead of building another (AttachPartitionEnsureIndexes on `ATTACH PARTITION`, DefineIndex on
 * `ALTER TABLE parent ADD PRIMARY KEY/UNIQUE`): the partition's constraint keeps its name, its index is attached to
 * the parent's and the constraint is inherited (conislocal = false), so the inspector leaves it to the parent's key.
 * The fold added the key a second time (a plan against a loaded database re-created it); each case failed before
 * the fix in parse/kinds/partition-keys.ts (copyKey). A plan adding the parent's key keeps the partitions' keys it
 * takes (diff/attached-keys.ts: keepTakenPartitionKeys) instead of dropping them and building new ones. The oracle is PostgreSQL 15 (pg_constraint.conparentid,
 * pg_inherits of the indexes after each script), pgschema's fixture create_table/issue_495 for the first.
 */
import type { AcceptanceCase } from './harness.js';

/** pgschema's issue 495: children created standalone with their keys (PostgreSQL's names), then attached. */
const bandsParent = 'CREATE TABLE p (band_id int NOT NULL, geom_id int NOT NULL, CONSTRAINT p_band_id_geom_id_key UNIQUE (band_id, geom_id)) PARTITION BY LIST (band_id)';
const bandsStandalone = (n: number) => [
  `CREATE TABLE p_${n} (band_id int NOT NULL, geom_id int NOT NULL, CONSTRAINT p_${n}_band_id_geom_id_key UNIQUE (band_id, geom_id))`,
  `ALTER TABLE p ATTACH PARTITION p_${n} FOR VALUES IN (${n})`,
];
const bandsSeed = 'INSERT INTO p VALUES (12, 1), (12, 2), (13, 1)';
const bandsKeeps = [{ tables: ['p'], query: 'SELECT band_id, geom_id FROM p ORDER BY 1, 2' }];

/**
 * Partitions standalone with a key of their own each (a UNIQUE, a PRIMARY KEY named by hand), attached, then the
 * parent's key: it takes both (whatever their kind), under their names.
 */
const keyedLater = [
  'CREATE TABLE o (id int NOT NULL, region text NOT NULL, total numeric) PARTITION BY LIST (region)',
  'CREATE TABLE o_eu (id int NOT NULL, region text NOT NULL, total numeric, UNIQUE (id, region))',
  'CREATE TABLE o_us (id int NOT NULL, region text NOT NULL, total numeric, CONSTRAINT us_key PRIMARY KEY (id, region))',
  "ALTER TABLE o ATTACH PARTITION o_eu FOR VALUES IN ('eu')",
  "ALTER TABLE o ATTACH PARTITION o_us FOR VALUES IN ('us')",
];
const ordersSeed = "INSERT INTO o VALUES (1, 'eu', 2.5), (2, 'us', 3)";
const ordersKeeps = [{ tables: ['o'], query: 'SELECT id, region, total::text FROM o ORDER BY id' }];

/** A sub-partitioned partition with a key of its own (its partitions' copies of it, one built, one its own), attached to a keyed parent. */
const subTree = [
  'CREATE TABLE m (a int NOT NULL, b int NOT NULL, c text) PARTITION BY LIST (a)',
  'ALTER TABLE m ADD PRIMARY KEY (a, b)',
  'CREATE TABLE m_one (a int NOT NULL, b int NOT NULL, c text, PRIMARY KEY (a, b)) PARTITION BY RANGE (b)',
  'CREATE TABLE m_one_low PARTITION OF m_one FOR VALUES FROM (0) TO (10)',
  'CREATE TABLE m_one_high (a int NOT NULL, b int NOT NULL, c text, PRIMARY KEY (a, b))',
  'ALTER TABLE m_one ATTACH PARTITION m_one_high FOR VALUES FROM (10) TO (20)',
];
const subSeed = "INSERT INTO m VALUES (1, 1, 'x'), (1, 15, 'y')";
const subKeeps = [{ tables: ['m'], query: 'SELECT a, b, c FROM m ORDER BY a, b' }];

/**
 * Partitions' keys PostgreSQL takes for a parent's key, matched on the index (checked on PostgreSQL 15 and 18): on
 * ATTACH PARTITION, storage parameters and deferrability are not compared; `ADD PRIMARY KEY` on the parent takes a
 * partition's UNIQUE too (ATTACH does on PostgreSQL 15, not on 18: left out).
 */
const loose = [
  'CREATE TABLE l (a int NOT NULL, b int, UNIQUE (a)) PARTITION BY LIST (a)',
  'CREATE TABLE l1 (a int NOT NULL, b int, CONSTRAINT l1_u UNIQUE (a) WITH (fillfactor=50))',
  'CREATE TABLE l2 (a int NOT NULL, b int, CONSTRAINT l2_u UNIQUE (a) DEFERRABLE)',
  // Not taken: NULLS NOT DISTINCT, INCLUDE (l3_a_key, l4_a_key are built beside them).
  'CREATE TABLE l3 (a int NOT NULL, b int, CONSTRAINT l3_u UNIQUE NULLS NOT DISTINCT (a))',
  'CREATE TABLE l4 (a int NOT NULL, b int, CONSTRAINT l4_u UNIQUE (a) INCLUDE (b))',
  'ALTER TABLE l ATTACH PARTITION l1 FOR VALUES IN (1)',
  'ALTER TABLE l ATTACH PARTITION l2 FOR VALUES IN (2)',
  'ALTER TABLE l ATTACH PARTITION l3 FOR VALUES IN (3)',
  'ALTER TABLE l ATTACH PARTITION l4 FOR VALUES IN (4)',
  'CREATE TABLE k (a int NOT NULL, b int) PARTITION BY LIST (a)',
  'CREATE TABLE k1 (a int NOT NULL, b int, CONSTRAINT k1_u UNIQUE (a))',
  'CREATE TABLE k2 (a int NOT NULL, b int, CONSTRAINT k2_u PRIMARY KEY (a) DEFERRABLE)',
  'ALTER TABLE k ATTACH PARTITION k1 FOR VALUES IN (1)',
  'ALTER TABLE k ATTACH PARTITION k2 FOR VALUES IN (2)',
  'ALTER TABLE k ADD PRIMARY KEY (a)',
];
const looseSeed = 'INSERT INTO l VALUES (1, 1), (2, 2), (3, 3), (4, 4); INSERT INTO k VALUES (1, 1), (2, 2)';
const looseKeeps = [{ tables: ['l', 'k'], query: 'SELECT a, b FROM l UNION ALL SELECT a, b FROM k ORDER BY a, b' }];

/** A partition with its own key (PostgreSQL's name) taken by ATTACH, one whose copy PostgreSQL made. */
const detachTree = [
  'CREATE TABLE d (a int NOT NULL, b text, UNIQUE (a)) PARTITION BY LIST (a)',
  'CREATE TABLE d1 (a int NOT NULL, b text, UNIQUE (a))',
  'ALTER TABLE d ATTACH PARTITION d1 FOR VALUES IN (1)',
  'CREATE TABLE d2 PARTITION OF d FOR VALUES IN (2)',
];

/** Tables with keys of their own (PostgreSQL's names), not partitions yet. */
const standalone = [
  'CREATE TABLE s (a int NOT NULL, b int, UNIQUE (a)) PARTITION BY LIST (a)',
  'CREATE TABLE s1 (a int NOT NULL, b int, UNIQUE (a))',
  'CREATE TABLE s2 (a int NOT NULL, b int, UNIQUE (a) DEFERRABLE)',
];

export const PARTITION_5_CASES: AcceptanceCase[] = [
  {
    name: 'partitions-5: children with their own unique keys attached to a parent with the key (pgschema issue 495)',
    old: [bandsParent, 'CREATE TABLE p_12 PARTITION OF p FOR VALUES IN (12)'],
    new: [bandsParent, ...bandsStandalone(12), ...bandsStandalone(13)],
    seed: bandsSeed.replace(', (13, 1)', ''),
    keepsTables: bandsKeeps,
    absentSql: ['DROP CONSTRAINT', 'ADD CONSTRAINT'],
  },
  {
    name: 'partitions-5: a parent\'s primary key added after its partitions\' own (attached, not built again)',
    old: [...keyedLater],
    new: [...keyedLater, 'ALTER TABLE o ADD PRIMARY KEY (id, region)'],
    seed: ordersSeed,
    keepsTables: ordersKeeps,
    // The partitions' keys are kept (diff/attached-keys.ts: keepTakenPartitionKeys), not dropped and built again.
    expectedSql: ['ALTER TABLE "public"."o" ADD PRIMARY KEY ("id", "region")'],
    absentSql: ['DROP CONSTRAINT'],
  },
  {
    name: 'partitions-5: a sub-partitioned partition\'s own key attached to the parent\'s (its partitions\' copies follow)',
    old: [...subTree, 'ALTER TABLE m ATTACH PARTITION m_one FOR VALUES IN (1)'],
    new: [...subTree, 'ALTER TABLE m ATTACH PARTITION m_one FOR VALUES IN (1)', 'CREATE TABLE m_two PARTITION OF m FOR VALUES IN (2)'],
    seed: subSeed,
    keepsTables: subKeeps,
  },
  {
    name: 'partitions-5: partitions\' keys taken for a parent\'s whatever their options, deferrability (and kind, by ADD PRIMARY KEY)',
    old: [...loose],
    new: [...loose, 'CREATE INDEX l_b_idx ON l (b)', 'CREATE INDEX k_b_idx ON k (b)'],
    seed: looseSeed,
    keepsTables: looseKeeps,
    absentSql: ['DROP CONSTRAINT', 'ADD CONSTRAINT'],
  },
  // DETACH PARTITION gives a partition its copies of the parent's keys as its own (conislocal = true again): the
  // fold left them out (a copy PostgreSQL made) or kept them a copy (its own key taken by ATTACH).
  {
    name: 'partitions-5: partitions detached keep their copies of the parent\'s key as their own, one of them its own before',
    old: [...detachTree],
    new: [...detachTree, 'ALTER TABLE d DETACH PARTITION d1', 'ALTER TABLE d DETACH PARTITION d2'],
    seed: "INSERT INTO d VALUES (1, 'x'), (2, 'y')",
    seedBack: "INSERT INTO d1 VALUES (1, 'x'); INSERT INTO d2 VALUES (2, 'y')",
    keepsTables: [{ tables: ['d', 'd1', 'd2'], query: 'SELECT a, b FROM d1 UNION ALL SELECT a, b FROM d2 ORDER BY a' }],
  },
  // A plan attaching tables with keys of their own keeps them (the ATTACH takes them: diff/index.ts passes the
  // current table to detachedTable): c2's deferrable key was dropped and added as the parent's, not deferrable.
  {
    name: 'partitions-5: tables with keys of their own attached by the plan keep them (one deferrable)',
    old: [...standalone],
    new: [...standalone, 'ALTER TABLE s ATTACH PARTITION s1 FOR VALUES IN (1)', 'ALTER TABLE s ATTACH PARTITION s2 FOR VALUES IN (2)'],
    seed: 'INSERT INTO s1 VALUES (1, 1); INSERT INTO s2 VALUES (2, 2)',
    seedBack: 'INSERT INTO s VALUES (1, 1), (2, 2)',
    keepsTables: [{ tables: ['s', 's1', 's2'], query: 'SELECT a, b FROM s1 UNION ALL SELECT a, b FROM s2 ORDER BY a' }],
    absentSql: ['DROP CONSTRAINT', 'ADD CONSTRAINT'],
  },
];
