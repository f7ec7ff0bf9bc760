/**
 * Acceptance cases of partitions' keys and indexes attached to their parent's indexes (issue #27 leftovers),
 * hunted on stripe/pg-schema-diff's internal/migration_acceptance_tests (partitioned_index cases; MIT licence,
 * © Stripe): the facts come from there, the cases are written anew. Each failed before the fix named in its comment.
 */
import type { AcceptanceCase } from './harness.js';

const readings = [
  'CREATE TABLE readings (id int NOT NULL, site text NOT NULL, value numeric) PARTITION BY LIST (site)',
  "CREATE TABLE readings_east PARTITION OF readings FOR VALUES IN ('east')",
  "CREATE TABLE readings_west PARTITION OF readings FOR VALUES IN ('west')",
];
const seed = "INSERT INTO readings VALUES (1, 'east', 2.5), (2, 'west', 3), (3, 'east', 4)";
const keeps = [{ tables: ['readings'], query: 'SELECT id, site, value::text FROM readings ORDER BY id' }];

export const PARTITION_2_CASES: AcceptanceCase[] = [
  // Constraint.attachedTo (inspector: pg_inherits of the key's index; fold: ALTER INDEX … ATTACH PARTITION of a key's
  // index to a plain parent index). PostgreSQL refuses `DROP CONSTRAINT readings_east_pkey` while it is attached
  // ('cannot drop index … because index readings_site_id_key requires it'): the parent index is dropped with
  // CASCADE, which takes the key (plan/kinds/attached-keys.ts). (pg-schema-diff: "Add a partitioned index that is
  // used by a local primary key", new → old.)
  {
    name: 'partitions-2: a partition primary key attached to a plain unique index ON ONLY the parent',
    old: [...readings],
    new: [
      ...readings,
      'CREATE UNIQUE INDEX readings_site_id_key ON ONLY readings (site, id)',
      'ALTER TABLE readings_east ADD CONSTRAINT readings_east_pkey PRIMARY KEY (site, id)',
      'ALTER INDEX readings_site_id_key ATTACH PARTITION readings_east_pkey',
    ],
    seed,
    keepsTables: keeps,
    expectedSql: ['ALTER INDEX "public"."readings_site_id_key" ATTACH PARTITION "public"."readings_east_pkey"'],
  },
  // Every partition's key attached: the parent index is valid, and the parent's CREATE INDEX takes the keys
  // added before it. Back: DROP INDEX … CASCADE takes both keys.
  {
    name: 'partitions-2: every partition primary key attached to a plain unique index of the parent',
    old: [...readings],
    new: [
      ...readings,
      'ALTER TABLE readings_east ADD CONSTRAINT readings_east_pkey PRIMARY KEY (site, id)',
      'ALTER TABLE readings_west ADD CONSTRAINT readings_west_key UNIQUE (site, id)',
      'CREATE UNIQUE INDEX readings_site_id_key ON readings (site, id)',
    ],
    seed,
    keepsTables: keeps,
  },
  // The parent index goes, the partition's key stays: the key is added again after DROP INDEX … CASCADE (and back:
  // the parent index is built again, taking the key, added first).
  {
    name: 'partitions-2: the parent index of an attached partition key is dropped, the key stays',
    old: [
      ...readings,
      'ALTER TABLE readings_east ADD CONSTRAINT readings_east_pkey PRIMARY KEY (site, id)',
      'CREATE UNIQUE INDEX readings_site_id_key ON readings (site, id)',
    ],
    new: [...readings, 'ALTER TABLE readings_east ADD CONSTRAINT readings_east_pkey PRIMARY KEY (site, id)'],
    seed,
    keepsTables: keeps,
  },
  // The partition's key goes, the parent index stays: the parent index is built again (PostgreSQL makes the
  // partition an index of its own for it). Back: the key is added and the parent index built again to take it.
  {
    name: 'partitions-2: an attached partition key is dropped, the parent index stays',
    old: [
      ...readings,
      'ALTER TABLE readings_east ADD CONSTRAINT readings_east_pkey PRIMARY KEY (site, id)',
      'CREATE UNIQUE INDEX readings_site_id_key ON readings (site, id)',
    ],
    new: [...readings, 'CREATE UNIQUE INDEX readings_site_id_key ON readings (site, id)'],
    seed,
    keepsTables: keeps,
  },
  // A foreign key references the attached key: it is dropped before the CASCADE and added again after the key.
  {
    name: 'partitions-2: an attached partition key that a foreign key references is dropped with its parent index',
    old: [
      ...readings,
      'ALTER TABLE readings_east ADD CONSTRAINT readings_east_pkey PRIMARY KEY (site, id)',
      'CREATE UNIQUE INDEX readings_site_id_key ON readings (site, id)',
      'CREATE TABLE notes (id int, site text, reading int, FOREIGN KEY (site, reading) REFERENCES readings_east (site, id))',
    ],
    new: [
      ...readings,
      'ALTER TABLE readings_east ADD CONSTRAINT readings_east_pkey PRIMARY KEY (site, id)',
      'CREATE TABLE notes (id int, site text, reading int, FOREIGN KEY (site, reading) REFERENCES readings_east (site, id))',
    ],
    seed: `${seed}; INSERT INTO notes VALUES (1, 'east', 1)`,
    keepsTables: [...keeps, { tables: ['notes'], query: 'SELECT id, site, reading FROM notes ORDER BY id' }],
  },
  // diff/attached-keys.ts (attachPartitionIndexes): an index ON ONLY the parent (not valid) whose partitions' own
  // indexes of its shape are attached in the desired state: ALTER INDEX … ATTACH PARTITION, which makes it valid,
  // instead of dropping the partitions' indexes and building the parent's again (and its partitions' under names
  // PostgreSQL picks). (pg-schema-diff: "Attach an unnattached, invalid index".)
  {
    name: 'partitions-2: the partitions\' own indexes are attached to an index ON ONLY the parent, which becomes valid',
    old: [
      ...readings,
      'CREATE INDEX readings_value_idx ON ONLY readings (value)',
      'CREATE INDEX east_value ON readings_east (value)',
      'CREATE INDEX west_value ON readings_west (value)',
    ],
    new: [
      ...readings,
      'CREATE INDEX readings_value_idx ON ONLY readings (value)',
      'CREATE INDEX east_value ON readings_east (value)',
      'ALTER INDEX readings_value_idx ATTACH PARTITION east_value',
      'CREATE INDEX west_value ON readings_west (value)',
      'ALTER INDEX readings_value_idx ATTACH PARTITION west_value',
    ],
    seed,
    keepsTables: keeps,
    expectedSql: ['ALTER INDEX "public"."readings_value_idx" ATTACH PARTITION "public"."east_value"', 'ALTER INDEX "public"."readings_value_idx" ATTACH PARTITION "public"."west_value"'],
    absentSql: ['DROP INDEX'],
  },
];
