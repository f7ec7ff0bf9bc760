/**
 * Acceptance cases of the names of partitions' indexes attached to their parent's index (Index.attached; issue #27
 * leftovers). The shapes follow stripe/pg-schema-diff's internal/migration_acceptance_tests (partitioned_index
 * cases: "Create partitioned index with local indexes named differently", renamed local indexes, new partitions
 * of a table with partitioned indexes; MIT licence, © Stripe) and pg_dump's own output (`CREATE INDEX … ON ONLY`,
 * `ALTER INDEX … ATTACH PARTITION`); the cases are written anew. Each failed before the fix named in its comment.
 */
import type { AcceptanceCase } from './harness.js';

const orders = [
  'CREATE TABLE orders (id int NOT NULL, region text NOT NULL, amount numeric, note text) PARTITION BY LIST (region)',
  "CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu')",
  "CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us')",
];
const seed = "INSERT INTO orders VALUES (1, 'eu', 2.5, 'a'), (2, 'us', 3, 'b'), (3, 'eu', 4, 'c')";
const keeps = [{ tables: ['orders'], query: 'SELECT id, region, amount::text, note FROM orders ORDER BY id' }];

/** pg_dump's form of an index on `orders (amount)` whose partitions' indexes are named `eu` / `us`. */
const dumped = (eu: string, us: string, unique = false) => [
  `CREATE ${unique ? 'UNIQUE ' : ''}INDEX orders_amount_idx ON ONLY orders (${unique ? 'region, ' : ''}amount)`,
  `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${eu} ON orders_eu (${unique ? 'region, ' : ''}amount)`,
  `ALTER INDEX orders_amount_idx ATTACH PARTITION ${eu}`,
  `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${us} ON orders_us (${unique ? 'region, ' : ''}amount)`,
  `ALTER INDEX orders_amount_idx ATTACH PARTITION ${us}`,
];

export const PARTITION_3_CASES: AcceptanceCase[] = [
  // Index.attached (inspector: pg_inherits of the parent index; fold: ON ONLY + ATTACH); plan/kinds/
  // partition-index-names.ts writes pg_dump's form since PostgreSQL would name them orders_eu_amount_idx….
  {
    name: 'partitions-3: a parent index whose partitions\' indexes have names of their own (pg_dump form)',
    old: [...orders],
    new: [...orders, ...dumped('eu_amount', 'us_amount')],
    seed,
    keepsTables: keeps,
    expectedSql: ['CREATE INDEX "orders_amount_idx" ON ONLY "public"."orders" ("amount")', 'ALTER INDEX "public"."orders_amount_idx" ATTACH PARTITION "public"."eu_amount"'],
  },
  // Only a partition's index name differs (PostgreSQL's own name vs another): renamed in place, nothing rebuilt.
  {
    name: 'partitions-3: a partition index attached to the parent index is renamed in place',
    old: [...orders, 'CREATE INDEX orders_amount_idx ON orders (amount)'],
    new: [...orders, ...dumped('eu_amount', 'orders_us_amount_idx')],
    seed,
    keepsTables: keeps,
    expectedSql: ['ALTER INDEX "public"."orders_eu_amount_idx" RENAME TO "eu_amount"'],
    absentSql: ['DROP INDEX', 'CREATE INDEX'],
  },
  // A unique parent index, the names swapped between two schemas' worth of pg_dump output.
  {
    name: 'partitions-3: a unique parent index with named partition indexes, built from nothing and renamed',
    old: [...orders, ...dumped('eu_key', 'us_key', true)],
    new: [...orders, ...dumped('eu_region_amount', 'us_region_amount', true)],
    seed,
    keepsTables: keeps,
    absentSql: ['DROP INDEX'],
  },
  // A partition created for a parent index that stays: PostgreSQL names its index; renamed after CREATE TABLE.
  {
    name: 'partitions-3: a new partition of a table with an index gets its index under the desired name',
    old: [...orders, 'CREATE INDEX orders_amount_idx ON orders (amount)'],
    new: [...orders, 'CREATE INDEX orders_amount_idx ON orders (amount)', "CREATE TABLE orders_ap PARTITION OF orders FOR VALUES IN ('ap')", 'ALTER INDEX orders_ap_amount_idx RENAME TO ap_amount'],
    seed,
    keepsTables: keeps,
    expectedSql: ['ALTER INDEX "public"."orders_ap_amount_idx" RENAME TO "ap_amount"'],
  },
  // The name PostgreSQL would give is taken by another relation: it appends a number (parse/kinds/partition-indexes.ts
  // chooses it like ChooseRelationName); the plan cannot rely on it and writes pg_dump's form.
  {
    name: 'partitions-3: a parent index created where the partition index name PostgreSQL prefers is taken',
    old: [...orders, 'CREATE SEQUENCE orders_eu_amount_idx'],
    new: [...orders, 'CREATE SEQUENCE orders_eu_amount_idx', 'CREATE INDEX orders_amount_idx ON orders (amount)'],
    seed,
    keepsTables: keeps,
  },
  // An expression index: the partitions' indexes are named after the function (FigureIndexColname).
  {
    name: 'partitions-3: an expression index on the parent, partition indexes named by PostgreSQL and by hand',
    old: [...orders, 'CREATE INDEX orders_lower_idx ON orders (lower(note))'],
    new: [...orders, 'CREATE INDEX orders_lower_idx ON ONLY orders (lower(note))', 'CREATE INDEX orders_eu_lower_idx ON orders_eu (lower(note))',
      'ALTER INDEX orders_lower_idx ATTACH PARTITION orders_eu_lower_idx', 'CREATE INDEX us_note ON orders_us (lower(note))', 'ALTER INDEX orders_lower_idx ATTACH PARTITION us_note'],
    seed,
    keepsTables: keeps,
    absentSql: ['DROP INDEX'],
  },
  // DETACH PARTITION: the partition keeps its attached index under its own name (model/partition.ts detachedTable).
  {
    name: 'partitions-3: a partition with a named attached index is detached and keeps the index',
    old: [...orders, ...dumped('eu_amount', 'us_amount')],
    new: [
      'CREATE TABLE orders (id int NOT NULL, region text NOT NULL, amount numeric, note text) PARTITION BY LIST (region)',
      "CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us')",
      'CREATE TABLE orders_eu (id int NOT NULL, region text NOT NULL, amount numeric, note text)',
      'CREATE INDEX eu_amount ON orders_eu (amount)',
      'CREATE INDEX orders_amount_idx ON ONLY orders (amount)',
      'CREATE INDEX us_amount ON orders_us (amount)',
      'ALTER INDEX orders_amount_idx ATTACH PARTITION us_amount',
    ],
    seed,
    seedBack: "INSERT INTO orders VALUES (2, 'us', 3, 'b'); INSERT INTO orders_eu VALUES (1, 'eu', 2.5, 'a')",
    keepsTables: [{ tables: ['orders', 'orders_eu'], query: "SELECT id, region, amount::text, note FROM orders UNION ALL SELECT id, region, amount::text, note FROM orders_eu WHERE NOT EXISTS (SELECT FROM orders o WHERE o.id = orders_eu.id AND o.region = 'eu') ORDER BY 1" }],
  },
];

const readings = [
  'CREATE TABLE readings (id int NOT NULL, site text NOT NULL, value numeric) PARTITION BY LIST (site)',
  "CREATE TABLE readings_east PARTITION OF readings FOR VALUES IN ('east')",
];
const readingsSeed = "INSERT INTO readings VALUES (1, 'east', 2.5), (2, 'east', 3)";
const readingsKeeps = [{ tables: ['readings'], query: 'SELECT id, site, value::text FROM readings ORDER BY id' }];

/** Partitions the plan creates whose own key or index attaches to an index of the parent that stays. */
export const PARTITION_3_NEW_CASES: AcceptanceCase[] = [
  // A new partition whose PRIMARY KEY is attached to the parent's valid plain unique index (pg-schema-diff: "Add a
  // partition with a local primary key used by a partitioned index").
  {
    name: 'partitions-3: a new partition whose primary key is attached to the parent\'s unique index',
    old: [...readings, 'CREATE UNIQUE INDEX readings_site_id_key ON readings (site, id)'],
    new: [
      ...readings,
      'CREATE UNIQUE INDEX readings_site_id_key ON readings (site, id)',
      'CREATE TABLE readings_west (id int NOT NULL, site text NOT NULL, value numeric)',
      'ALTER TABLE readings_west ADD CONSTRAINT readings_west_pkey PRIMARY KEY (site, id)',
      "ALTER TABLE readings ATTACH PARTITION readings_west FOR VALUES IN ('west')",
    ],
    seed: readingsSeed,
    keepsTables: readingsKeeps,
    absentSql: ['DROP INDEX'],
  },
  // The same with a second parent index whose index on the new partition has a name of its own (renamed after the
  // ATTACH that creates it) and a unique key of the partition attached to a third.
  {
    name: 'partitions-3: a new partition with keys attached to the parent\'s indexes and a named index for another',
    old: [...readings, 'CREATE UNIQUE INDEX readings_site_id_key ON readings (site, id)', 'CREATE INDEX readings_value_idx ON readings (value)', 'CREATE UNIQUE INDEX readings_site_value_key ON readings (site, value)'],
    new: [
      ...readings,
      'CREATE UNIQUE INDEX readings_site_id_key ON readings (site, id)', 'CREATE INDEX readings_value_idx ON readings (value)', 'CREATE UNIQUE INDEX readings_site_value_key ON readings (site, value)',
      'CREATE TABLE readings_west (id int NOT NULL, site text NOT NULL, value numeric)',
      'ALTER TABLE readings_west ADD CONSTRAINT readings_west_pkey PRIMARY KEY (site, id)',
      'ALTER TABLE readings_west ADD CONSTRAINT west_site_value UNIQUE (site, value)',
      "ALTER TABLE readings ATTACH PARTITION readings_west FOR VALUES IN ('west')",
      'ALTER INDEX readings_west_value_idx RENAME TO west_value',
    ],
    seed: readingsSeed,
    keepsTables: readingsKeeps,
    absentSql: ['DROP INDEX'],
  },
  // Two levels: a sub-partitioned partition's index (itself a parent index) named by hand; its partitions' keep
  // PostgreSQL's names (only the first level's names are compared: Index.attached of the indexes in the Model).
  {
    name: 'partitions-3: a named index on a sub-partitioned partition attached to the parent index',
    old: [...readings, "CREATE TABLE readings_west PARTITION OF readings FOR VALUES IN ('west') PARTITION BY RANGE (id)", 'CREATE TABLE readings_west_low PARTITION OF readings_west FOR VALUES FROM (0) TO (100)'],
    new: [...readings, "CREATE TABLE readings_west PARTITION OF readings FOR VALUES IN ('west') PARTITION BY RANGE (id)", 'CREATE TABLE readings_west_low PARTITION OF readings_west FOR VALUES FROM (0) TO (100)',
      'CREATE INDEX readings_value_idx ON ONLY readings (value)', 'CREATE INDEX east_value ON readings_east (value)', 'ALTER INDEX readings_value_idx ATTACH PARTITION east_value',
      'CREATE INDEX west_value ON readings_west (value)', 'ALTER INDEX readings_value_idx ATTACH PARTITION west_value'],
    seed: `${readingsSeed}; INSERT INTO readings VALUES (5, 'west', 1)`,
    keepsTables: readingsKeeps,
  },
  // Fold (parse/kinds/partition-indexes.ts): a partition renamed keeps its attached index (under the partition's
  // new key); an attached index renamed by ALTER INDEX; a partition dropped frees its index's name (taken again).
  {
    name: 'partitions-3: a partition renamed and dropped around a parent index, its attached index renamed',
    old: [...readings, 'CREATE INDEX readings_value_idx ON readings (value)'],
    new: [...readings, "CREATE TABLE readings_west PARTITION OF readings FOR VALUES IN ('west')", 'CREATE INDEX readings_value_idx ON readings (value)',
      'ALTER TABLE readings_west RENAME TO readings_w', 'ALTER INDEX readings_west_value_idx RENAME TO w_value', 'ALTER TABLE readings_w RENAME TO readings_west',
      'DROP TABLE readings_west', "CREATE TABLE readings_west PARTITION OF readings FOR VALUES IN ('west')", "CREATE TABLE readings_north PARTITION OF readings FOR VALUES IN ('north')",
      'CREATE INDEX w_value ON readings_north (id)'],
    seed: readingsSeed,
    keepsTables: readingsKeeps,
  },
  // An existing table attached as a partition without an index of the shape: PostgreSQL makes one on ATTACH,
  // renamed to the desired name.
  {
    name: 'partitions-3: a table attached as a partition gets the parent index\'s index under the desired name',
    old: [...readings, 'CREATE INDEX readings_value_idx ON readings (value)', 'CREATE TABLE readings_west (id int NOT NULL, site text NOT NULL, value numeric)'],
    new: [...readings, 'CREATE INDEX readings_value_idx ON readings (value)', 'CREATE TABLE readings_west (id int NOT NULL, site text NOT NULL, value numeric)',
      "ALTER TABLE readings ATTACH PARTITION readings_west FOR VALUES IN ('west')", 'ALTER INDEX readings_west_value_idx RENAME TO w_value'],
    seed: `${readingsSeed}; INSERT INTO readings_west VALUES (3, 'west', 1)`,
    keepsTables: [{ tables: ['readings', 'readings_west'], query: "SELECT id, site, value::text FROM readings UNION SELECT id, site, value::text FROM readings_west ORDER BY 1" }],
  },
  // An existing table attached as a partition: its own index of the parent index's shape is attached under its name.
  {
    name: 'partitions-3: a table attached as a partition keeps its own index, attached to the parent\'s',
    old: [...readings, 'CREATE INDEX readings_value_idx ON readings (value)', 'CREATE TABLE readings_west (id int NOT NULL, site text NOT NULL, value numeric)', 'CREATE INDEX west_value ON readings_west (value)'],
    new: [...readings, 'CREATE INDEX readings_value_idx ON readings (value)', 'CREATE TABLE readings_west (id int NOT NULL, site text NOT NULL, value numeric)', 'CREATE INDEX west_value ON readings_west (value)',
      "ALTER TABLE readings ATTACH PARTITION readings_west FOR VALUES IN ('west')"],
    seed: `${readingsSeed}; INSERT INTO readings_west VALUES (3, 'west', 1)`,
    keepsTables: [{ tables: ['readings', 'readings_west'], query: "SELECT id, site, value::text FROM readings UNION SELECT id, site, value::text FROM readings_west ORDER BY 1" }],
  },
];

const quoted = [
  'CREATE TABLE "Foobar" (id int, "Foo" varchar(255), fizz int) PARTITION BY LIST ("Foo")',
  'CREATE TABLE "FOOBAR_1" PARTITION OF "Foobar" FOR VALUES IN (\'foo_1\')',
  'CREATE TABLE foobar_2 PARTITION OF "Foobar" FOR VALUES IN (\'foo_2\')',
];
const quotedSeed = 'INSERT INTO "Foobar" VALUES (1, \'foo_1\', 1), (2, \'foo_2\', 2)';
const quotedKeeps = [{ tables: ['"Foobar"'], query: 'SELECT id, "Foo", fizz FROM "Foobar" ORDER BY id' }];

/** The pg-schema-diff partitioned_index shapes with quoted names, and a partition's own index taken by the parent's. */
export const PARTITION_3_ORACLE_CASES: AcceptanceCase[] = [
  // PostgreSQL's names for quoted relations and columns (`FOOBAR_1_id_Foo_idx`), then names of their own.
  {
    name: 'partitions-3: quoted partition and column names, partition indexes named by PostgreSQL then by hand',
    old: [...quoted, 'CREATE INDEX "SOME_IDX" ON "Foobar" (id, "Foo")'],
    new: [...quoted, 'CREATE INDEX "SOME_IDX" ON ONLY "Foobar" (id, "Foo")', 'CREATE INDEX "Part_1" ON "FOOBAR_1" (id, "Foo")', 'ALTER INDEX "SOME_IDX" ATTACH PARTITION "Part_1"',
      'CREATE INDEX "foobar_2_id_Foo_idx" ON foobar_2 (id, "Foo")', 'ALTER INDEX "SOME_IDX" ATTACH PARTITION "foobar_2_id_Foo_idx"'],
    seed: quotedSeed,
    keepsTables: quotedKeeps,
    expectedSql: ['ALTER INDEX "public"."FOOBAR_1_id_Foo_idx" RENAME TO "Part_1"'],
    absentSql: ['DROP INDEX'],
  },
  // A new quoted parent index whose partitions' indexes have names of their own, with a hash method.
  {
    name: 'partitions-3: a hash index on a quoted parent with named partition indexes',
    old: [...quoted],
    new: [...quoted, 'CREATE INDEX "Hash_Idx" ON ONLY "Foobar" USING hash ("Foo")', 'CREATE INDEX "H1" ON "FOOBAR_1" USING hash ("Foo")', 'ALTER INDEX "Hash_Idx" ATTACH PARTITION "H1"',
      'CREATE INDEX "H2" ON foobar_2 USING hash ("Foo")', 'ALTER INDEX "Hash_Idx" ATTACH PARTITION "H2"'],
    seed: quotedSeed,
    keepsTables: quotedKeeps,
  },
  // pg-schema-diff "Add a unique index when the local index already exists": the partition's own index under the
  // name PostgreSQL would give it is taken by the parent's new index; kept and attached, not dropped and built again
  // (diff/attached-keys.ts keepTakenPartitionIndexes).
  {
    name: 'partitions-3: a partition\'s own unique index is taken by the parent\'s new unique index',
    old: [...quoted, 'CREATE UNIQUE INDEX "FOOBAR_1_Foo_id_idx" ON "FOOBAR_1" ("Foo", id)'],
    new: [...quoted, 'CREATE UNIQUE INDEX foobar_unique ON "Foobar" ("Foo", id)'],
    seed: quotedSeed,
    keepsTables: quotedKeeps,
    expectedSql: ['ALTER INDEX "public"."foobar_unique" ATTACH PARTITION "public"."FOOBAR_1_Foo_id_idx"'],
    absentSql: ['DROP INDEX'],
  },
];
