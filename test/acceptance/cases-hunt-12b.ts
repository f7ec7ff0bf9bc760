/**
 * Acceptance cases hunted on pg-schema-diff's acceptance cases (stripe/pg-schema-diff @ 6208f8f,
 * internal/migration_acceptance_tests/*_cases_test.go, MIT; h175, hunt 12b, continuing hunts 9a and 11b): each case's
 * old and new DDL were applied with `schema apply` both ways on PostgreSQL 15, planned again (nothing left) and
 * pg_dump'ed against the database psql loads from the target. Each class of failure is reproduced by one small case
 * of our own that failed before its fix in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

/** A role whose name needs quotes: a double quote, a comma and a blank. */
const oddRole = `DO $$ BEGIN CREATE ROLE "m27a_evil""role, x" NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

export const HUNT_12B_CASES: AcceptanceCase[] = [
  // plan/kinds/attached-keys.ts (standalonePartition): a new partition whose key attaches to its parent's unique index
  // is created as a plain table and then attached; that table lacked the CHECKs of the tables above it, which ATTACH
  // requires ("child table is missing constraint …"; pg-schema-diff's "Adding a partition with local primary key that
  // can back the unique index" and "… local unique constraint …").
  {
    name: 'hunt-12b: a new partition with its own key attached under parents with CHECKs',
    old: [
      'CREATE TABLE events (region text NOT NULL, kind text NOT NULL, id int NOT NULL, CONSTRAINT events_id_positive CHECK (id > 0)) PARTITION BY LIST (region)',
      'CREATE UNIQUE INDEX events_key ON events (region, kind, id)',
    ],
    new: [
      'CREATE TABLE events (region text NOT NULL, kind text NOT NULL, id int NOT NULL, CONSTRAINT events_id_positive CHECK (id > 0)) PARTITION BY LIST (region)',
      // The partitions' keys first: the parent's index created after them takes them (attaches, not builds).
      "CREATE TABLE events_eu PARTITION OF events (PRIMARY KEY (region, kind, id), CONSTRAINT events_eu_kind CHECK (kind <> '')) FOR VALUES IN ('eu')",
      "CREATE TABLE events_us PARTITION OF events (UNIQUE (region, kind, id)) FOR VALUES IN ('us')",
      'CREATE UNIQUE INDEX events_key ON events (region, kind, id)',
    ],
  },
  // plan/kinds/partition-index-names.ts (partitionedIndexSql, `moved`): a partitioned table created under a new name
  // takes the old one's partitions (detached, attached again); its index was created ON ONLY with a CREATE INDEX for
  // each partition, but a detached partition keeps its copy of the old parent's index under that very name ("relation
  // … already exists"; pg-schema-diff's "Re-creating base table causes partitions to be re-created", both ways). Such a
  // partition is now left to its ATTACH PARTITION, which attaches the index it kept.
  {
    name: 'hunt-12b: partitions moved to a parent created under a new name, with a unique index',
    old: [
      'CREATE TABLE metrics (region text, day int, v int) PARTITION BY LIST (region)',
      "CREATE TABLE metrics_eu PARTITION OF metrics FOR VALUES IN ('eu')",
      "CREATE TABLE metrics_us PARTITION OF metrics FOR VALUES IN ('us')",
      'CREATE UNIQUE INDEX metrics_key ON metrics (region, day)',
      'CREATE INDEX metrics_eu_v ON metrics_eu (v)',
    ],
    new: [
      'CREATE TABLE metrics_new (region text, day int, v int) PARTITION BY LIST (region)',
      "CREATE TABLE metrics_eu PARTITION OF metrics_new FOR VALUES IN ('eu')",
      "CREATE TABLE metrics_us PARTITION OF metrics_new FOR VALUES IN ('us')",
      'CREATE UNIQUE INDEX metrics_key ON metrics_new (region, day)',
      'CREATE INDEX metrics_eu_v ON metrics_eu (v)',
    ],
  },
  // inspect/rows.ts (arr): pg_policies.roles is a name[], which node-postgres does not parse: its literal was split on
  // commas with the outer quotes cut, so a role named with a double quote (`{"evil\\"role"}`) or a comma read back
  // otherwise, and every plan altered the policy again (pg-schema-diff's "Create policy with role containing double
  // quote", "Alter policy with role containing SQL injection payload").
  {
    name: 'hunt-12b: a policy to a role whose name has a double quote and a comma',
    old: [oddRole, 'CREATE TABLE notes (id int)', 'ALTER TABLE notes ENABLE ROW LEVEL SECURITY'],
    new: [oddRole, 'CREATE TABLE notes (id int)', 'ALTER TABLE notes ENABLE ROW LEVEL SECURITY',
      'CREATE POLICY notes_read ON notes FOR SELECT TO "m27a_evil""role, x", PUBLIC USING (id > 0)'],
  },
  // plan/kinds/partition-key-names.ts (namesAfterDrops): a parent's new key whose copies are renamed after the ADD
  // predicted PostgreSQL's names for them with the names of the indexes the plan drops first still taken (a
  // partitioned index and its partitions' indexes, a partition's key attached to it), so it renamed `r_eu_pkey1`,
  // which PostgreSQL had named `r_eu_pkey` ("constraint … does not exist"; pg-schema-diff's "Add primary key
  // constraint with existing matching base-table index", two cases).
  {
    name: 'hunt-12b: a unique index ON ONLY replaced by a primary key of its name',
    old: [
      'CREATE TABLE r (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region)',
      "CREATE TABLE r_eu PARTITION OF r FOR VALUES IN ('eu')",
      "CREATE TABLE r_us PARTITION OF r FOR VALUES IN ('us')",
      'CREATE UNIQUE INDEX r_pkey ON ONLY r (region, id)',
      'CREATE UNIQUE INDEX r_eu_pkey ON r_eu (region, id)',
      'ALTER INDEX r_pkey ATTACH PARTITION r_eu_pkey',
      'ALTER TABLE r_us ADD CONSTRAINT r_us_pkey PRIMARY KEY (region, id)',
      'ALTER INDEX r_pkey ATTACH PARTITION r_us_pkey',
    ],
    new: [
      'CREATE TABLE r (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region)',
      "CREATE TABLE r_eu PARTITION OF r FOR VALUES IN ('eu')",
      "CREATE TABLE r_us PARTITION OF r FOR VALUES IN ('us')",
      'ALTER TABLE r ADD CONSTRAINT r_pkey PRIMARY KEY (region, id)',
    ],
  },
];
