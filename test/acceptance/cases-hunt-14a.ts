/**
 * Acceptance cases hunted on GitLab's db/structure.sql (GitLab CE/EE 18.9.0-pre, MIT, h188, hunt 14a: a 2.7 MB
 * schema of ~1,400 tables, 4,600 indexes, 94 partitioned tables with 2,300 ATTACH PARTITIONs, 345 triggers), loaded
 * by psql on PostgreSQL 15 and validated / applied with the CLI. Each class of failure is reproduced by one small
 * case of our own, reduced from the real statements, that failed before its fix in src/ (named in the comment).
 */
import type { AcceptanceCase } from './harness.js';

/** A hash-partitioned table whose partitions' GIN indexes have storage parameters their parent's has not. */
const SEARCH = [
  'CREATE TABLE search_data (project_id bigint NOT NULL, issue_id bigint NOT NULL, v tsvector) PARTITION BY HASH (project_id)',
  'CREATE TABLE search_data_0 (project_id bigint NOT NULL, issue_id bigint NOT NULL, v tsvector)',
  'CREATE TABLE search_data_1 (project_id bigint NOT NULL, issue_id bigint NOT NULL, v tsvector)',
  'ALTER TABLE ONLY search_data ATTACH PARTITION search_data_0 FOR VALUES WITH (modulus 2, remainder 0)',
  'ALTER TABLE ONLY search_data ATTACH PARTITION search_data_1 FOR VALUES WITH (modulus 2, remainder 1)',
  'CREATE INDEX search_data_v ON ONLY search_data USING gin (v)',
];

/** Partitioned runners and their machines, each partition's key attached to its parent's. */
const RUNNERS = [
  'CREATE TABLE runners (id bigint NOT NULL, runner_type smallint NOT NULL) PARTITION BY LIST (runner_type)',
  'CREATE TABLE group_runners (id bigint NOT NULL, runner_type smallint NOT NULL)',
  'CREATE TABLE machines (id bigint NOT NULL, runner_id bigint NOT NULL, runner_type smallint NOT NULL) PARTITION BY LIST (runner_type)',
  'CREATE TABLE group_machines (id bigint NOT NULL, runner_id bigint NOT NULL, runner_type smallint NOT NULL)',
  "ALTER TABLE ONLY runners ATTACH PARTITION group_runners FOR VALUES IN ('2')",
  "ALTER TABLE ONLY machines ATTACH PARTITION group_machines FOR VALUES IN ('2')",
  'ALTER TABLE ONLY runners ADD CONSTRAINT runners_pkey PRIMARY KEY (id, runner_type)',
  'ALTER TABLE ONLY group_runners ADD CONSTRAINT group_runners_pkey PRIMARY KEY (id, runner_type)',
  'ALTER TABLE ONLY machines ADD CONSTRAINT machines_pkey PRIMARY KEY (id, runner_type)',
  'ALTER TABLE ONLY group_machines ADD CONSTRAINT group_machines_pkey PRIMARY KEY (id, runner_type)',
  'ALTER INDEX runners_pkey ATTACH PARTITION group_runners_pkey',
  'ALTER INDEX machines_pkey ATTACH PARTITION group_machines_pkey',
];

export const HUNT_14A_CASES: AcceptanceCase[] = [
  // parse/kinds/indexes.ts (checkAttach → partition-indexes.ts attachable): PostgreSQL attaches a partition's index
  // whatever its storage parameters (CompareIndexInfo); the fold refused it ("the index definitions do not match",
  // 64 errors on GitLab's issue_search_data) and the Model had no place for them (Index.attachedOptions).
  {
    name: 'hunt-14a: partitions\' indexes attached with storage parameters of their own',
    old: [...SEARCH.slice(0, 5)],
    new: [
      ...SEARCH,
      "CREATE INDEX search_data_0_v ON search_data_0 USING gin (v) WITH (fastupdate='false')",
      "CREATE INDEX search_data_1_v ON search_data_1 USING gin (v) WITH (fastupdate='false', gin_pending_list_limit='128')",
      'ALTER INDEX search_data_v ATTACH PARTITION search_data_0_v',
      'ALTER INDEX search_data_v ATTACH PARTITION search_data_1_v',
    ],
    seed: "INSERT INTO search_data VALUES (1, 1, 'a b'), (2, 2, 'c')",
  },
  // The same index kept, one partition's index changing its parameters: set in place (ALTER INDEX … SET / RESET).
  {
    name: 'hunt-14a: a partition\'s attached index changes its storage parameters in place',
    old: [
      ...SEARCH,
      "CREATE INDEX search_data_0_v ON search_data_0 USING gin (v) WITH (fastupdate='false')",
      'CREATE INDEX search_data_1_v ON search_data_1 USING gin (v)',
      'ALTER INDEX search_data_v ATTACH PARTITION search_data_0_v',
      'ALTER INDEX search_data_v ATTACH PARTITION search_data_1_v',
    ],
    new: [
      ...SEARCH,
      'CREATE INDEX search_data_0_v ON search_data_0 USING gin (v)',
      "CREATE INDEX search_data_1_v ON search_data_1 USING gin (v) WITH (fastupdate='false')",
      'ALTER INDEX search_data_v ATTACH PARTITION search_data_0_v',
      'ALTER INDEX search_data_v ATTACH PARTITION search_data_1_v',
    ],
    seed: "INSERT INTO search_data VALUES (1, 1, 'a b'), (2, 2, 'c')",
    absentSql: ['DROP INDEX'],
  },
  // A table with an index of its own parameters becomes a partition: ATTACH PARTITION adopts the index (CompareIndexInfo
  // leaves the parameters out), which keeps them; and back.
  {
    name: 'hunt-14a: a table becomes a partition, its index with storage parameters of its own adopted',
    old: [...SEARCH.slice(0, 4), 'CREATE INDEX search_data_v ON search_data USING gin (v)', "CREATE INDEX search_data_1_v ON search_data_1 USING gin (v) WITH (fastupdate='false')"],
    new: [
      ...SEARCH,
      'CREATE INDEX search_data_0_v ON search_data_0 USING gin (v)',
      "CREATE INDEX search_data_1_v ON search_data_1 USING gin (v) WITH (fastupdate='false')",
      'ALTER INDEX search_data_v ATTACH PARTITION search_data_0_v',
      'ALTER INDEX search_data_v ATTACH PARTITION search_data_1_v',
    ],
  },
  // parse/validate.ts (hasUnique): a foreign key between two partitions referencing the partition's key, which the
  // Model keeps on the parent once attached ("there is no unique constraint matching the referenced columns").
  {
    name: 'hunt-14a: a foreign key referencing a partition by its attached key',
    old: [...RUNNERS],
    new: [
      ...RUNNERS,
      'ALTER TABLE ONLY group_machines ADD CONSTRAINT fk_group_runner FOREIGN KEY (runner_id, runner_type) REFERENCES group_runners(id, runner_type) ON UPDATE CASCADE ON DELETE CASCADE',
    ],
    seed: 'INSERT INTO runners VALUES (1, 2); INSERT INTO machines VALUES (1, 1, 2)',
  },
];
