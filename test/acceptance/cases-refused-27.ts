/**
 * Kinds issue #27 refused (hunt 13a's leftovers) that are now managed: a publication's `publish_generated_columns`
 * (PostgreSQL 18: PGlite; a PostgreSQL 15 server skips them), and the firing state of a partition's copy of its
 * parent's trigger (`ALTER TABLE part ENABLE ALWAYS TRIGGER trg`, as pg_dump writes it). Before: the fold refused
 * both (an unsupported option; `trigger "trg" for table "part" does not exist`), and a file going the dev-database
 * route ran them and planned nothing. Each runs both directions with seed rows and is judged
 * by pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

const PG18 = { major: 18, reason: 'publish_generated_columns is PostgreSQL 18+' } as const;
const TABLE = 'CREATE TABLE t (id int PRIMARY KEY, price int, doubled int GENERATED ALWAYS AS (price * 2) STORED)';
const TREE = [
  'CREATE TABLE m (id int, at int) PARTITION BY RANGE (at)',
  'CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10)',
  'CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (10) TO (20) PARTITION BY RANGE (at)',
  'CREATE TABLE m2a PARTITION OF m2 FOR VALUES FROM (10) TO (15)',
  'CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
  'CREATE TRIGGER trg AFTER INSERT ON m FOR EACH ROW EXECUTE FUNCTION audit()',
];
const SEED = 'INSERT INTO m VALUES (1, 5), (2, 12)';

export const REFUSED_27_CASES: AcceptanceCase[] = [
  {
    name: 'refused-27: a publication publishing generated columns, created and removed',
    old: [TABLE],
    new: [TABLE, "CREATE PUBLICATION p FOR TABLE t WITH (publish = 'insert, update, delete, truncate', publish_generated_columns = stored)"],
    seed: 'INSERT INTO t (id, price) VALUES (1, 10)',
    expectedSql: ['CREATE PUBLICATION "p" FOR TABLE "public"."t" WITH (publish_generated_columns = stored)'],
    minServer: PG18,
  },
  {
    name: 'refused-27: publish_generated_columns turned on and off in place (ALTER PUBLICATION … SET)',
    old: [TABLE, 'CREATE PUBLICATION p FOR TABLE t WITH (publish_generated_columns = none)'],
    new: [TABLE, 'CREATE PUBLICATION p FOR TABLE t', 'ALTER PUBLICATION p SET (publish_generated_columns = stored)'],
    seed: 'INSERT INTO t (id, price) VALUES (1, 10)',
    expectedSql: ['ALTER PUBLICATION "p" SET (publish = \'insert, update, delete, truncate\', publish_via_partition_root = false, publish_generated_columns = stored)'],
    absentSql: ['DROP PUBLICATION'],
    minServer: PG18,
  },
  {
    name: 'refused-27: a partition\'s copy of its parent\'s trigger enabled always, one below disabled, as pg_dump writes them',
    old: TREE,
    new: [...TREE, 'ALTER TABLE public.m1 ENABLE ALWAYS TRIGGER trg', 'ALTER TABLE public.m2a DISABLE TRIGGER trg'],
    seed: SEED,
    expectedSql: ['ALTER TABLE "public"."m1" ENABLE ALWAYS TRIGGER "trg"', 'ALTER TABLE "public"."m2a" DISABLE TRIGGER "trg"'],
    absentSql: ['DROP TRIGGER'],
  },
  {
    name: 'refused-27: the parent\'s trigger disabled while a partition\'s copy stays enabled replica (ONLY, and the copy set after)',
    old: [...TREE, 'ALTER TABLE m2 ENABLE REPLICA TRIGGER trg'],
    new: [...TREE, 'ALTER TABLE m DISABLE TRIGGER trg', 'ALTER TABLE m2 ENABLE REPLICA TRIGGER trg'],
    seed: SEED,
    expectedSql: ['ALTER TABLE "public"."m" DISABLE TRIGGER "trg"', 'ALTER TABLE "public"."m2" ENABLE REPLICA TRIGGER "trg"'],
  },
  {
    name: 'refused-27: a tree created with its parent\'s trigger disabled ONLY on the parent: the partitions\' copies keep firing',
    old: [],
    new: [...TREE, 'ALTER TABLE ONLY m DISABLE TRIGGER trg'],
    expectedSql: ['ALTER TABLE "public"."m1" ENABLE TRIGGER "trg"'],
  },
];
