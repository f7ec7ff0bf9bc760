import type { AcceptanceCase } from './harness.js';

/**
 * Reproductions the widened generated-schema fuzz found (test/generated/kinds.ts: publications, rules, extended
 * statistics, grants, deferrable keys, covering indexes, constraint triggers, column options, views calling
 * functions), shrunk from `npm run fuzz` and cut down to the object kinds that matter.
 */
export const GENERATED_2_CASES: AcceptanceCase[] = [
  {
    // fuzz seed 34 (shrunk): PostgreSQL refuses the retype of a column a publication's column list names.
    name: 'generated 2: a column a publication lists is retyped (the table leaves the publication around it)',
    old: ['CREATE TABLE g2_t (id integer NOT NULL, r bigint, c text)', "CREATE PUBLICATION g2_pub FOR TABLE g2_t (id, r) WITH (publish = 'insert')"],
    new: ['CREATE TABLE g2_t (id integer NOT NULL, r integer, c text)', "CREATE PUBLICATION g2_pub FOR TABLE g2_t (id, r) WITH (publish = 'insert')"],
    seed: "INSERT INTO g2_t VALUES (1, 10, 'a'), (2, 20, 'b')",
    seedBack: "INSERT INTO g2_t VALUES (1, 10, 'a'), (2, 20, 'b')",
    keepsTables: [{ tables: ['g2_t'], query: 'SELECT id, r::text, c FROM g2_t ORDER BY id' }],
    expectedSql: ['ALTER PUBLICATION "g2_pub" DROP TABLE "public"."g2_t"', 'ALTER PUBLICATION "g2_pub" ADD TABLE "public"."g2_t" ("id", "r")'],
  },
  {
    // The same through a row filter, with another member and a publish change planned alongside.
    name: 'generated 2: a column a publication row filter reads is retyped, the publication changed too',
    old: ['CREATE TABLE g2_f (id integer NOT NULL, n integer, c text)', 'CREATE TABLE g2_o (id integer)', "CREATE PUBLICATION g2_fpub FOR TABLE g2_f WHERE (n > 3), g2_o WITH (publish = 'insert')"],
    new: ['CREATE TABLE g2_f (id integer NOT NULL, n bigint, c text)', 'CREATE TABLE g2_o (id integer)', "CREATE PUBLICATION g2_fpub FOR TABLE g2_f WHERE (n > 3), g2_o WITH (publish = 'insert, truncate')"],
    seed: "INSERT INTO g2_f VALUES (1, 10, 'a'), (2, 2, 'b')",
    seedBack: "INSERT INTO g2_f VALUES (1, 10, 'a'), (2, 2, 'b')",
    keepsTables: [{ tables: ['g2_f'], query: 'SELECT id, n::text, c FROM g2_f ORDER BY id' }],
    planTwice: true,
  },
  {
    // fuzz seed 82 (shrunk): PostgreSQL names a partition's copy of an index by its keys and INCLUDE columns; i32's
    // INCLUDE goes, so i33's copy takes the name i32's copy had: renamed only after i32 (and its copy) is dropped.
    name: 'generated 2: an INCLUDE column leaves a partitioned index, another index\'s partition copy takes its name',
    old: ['CREATE TABLE g2_pt (id integer NOT NULL, k integer NOT NULL, c varchar(60)) PARTITION BY RANGE (k)', 'CREATE TABLE g2_pt_p1 PARTITION OF g2_pt FOR VALUES FROM (0) TO (10)', 'CREATE INDEX g2_i1 ON g2_pt (k) INCLUDE (id)', 'CREATE INDEX g2_i2 ON g2_pt (k, id)'],
    new: ['CREATE TABLE g2_pt (id integer NOT NULL, k integer NOT NULL, c varchar(60)) PARTITION BY RANGE (k)', 'CREATE TABLE g2_pt_p1 PARTITION OF g2_pt FOR VALUES FROM (0) TO (10)', 'CREATE INDEX g2_i1 ON g2_pt (k)', 'CREATE INDEX g2_i2 ON g2_pt (k, id)'],
    seed: "INSERT INTO g2_pt VALUES (1, 1, 'w0'), (2, 1, 'w1')",
    seedBack: "INSERT INTO g2_pt VALUES (1, 1, 'w0'), (2, 1, 'w1')",
    keepsTables: [{ tables: ['g2_pt', 'g2_pt_p1'], query: 'SELECT id, k, c FROM g2_pt ORDER BY 1, 2, 3' }],
    planTwice: true,
    knownGap: "the rename of g2_i2's partition copy to the name g2_i1's copy frees is planned before g2_i1's DROP INDEX (drop_index's edges do not drop its partitions' index names; adding them makes a cycle with the recreated g2_i1)",
  },
];
