/**
 * Acceptance cases hunted on PostgreSQL's own pg_dump test (postgres/postgres @ cd3c451,
 * src/bin/pg_dump/t/002_pg_dump.pl, PostgreSQL licence; h189, hunt 14b): each managed `create_sql` entry added to
 * and removed from the entries it depends on, and the test's pairs of entries on one object turned into each other,
 * planned on PGlite and PostgreSQL 15 and compared with pg_dump. Each class of failure is reproduced by one small
 * case of our own that failed before its fix in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

const parent = [
  'CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$',
  'CREATE TABLE m (id int NOT NULL, day date NOT NULL) PARTITION BY RANGE (day)',
  "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
  "CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
  "CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
];
const seed = "INSERT INTO m VALUES (1, '2024-05-01'), (2, '2025-05-01'), (3, '2026-05-01')";

export const HUNT_14B_CASES: AcceptanceCase[] = [
  // model/cloned-triggers.ts, inspect (Q_TRIGGERS `clone`), diff/cloned-triggers.ts, parse/kinds/cloned-triggers.ts: a
  // partition's clone of its parent's row trigger set to another state than the parent's (`ALTER TABLE partition
  // DISABLE | ENABLE REPLICA | ENABLE ALWAYS TRIGGER`, which pg_dump writes) was left out of the inspection and
  // refused by the fold ("trigger … does not exist"): the plan never set it (the test's "Disabled trigger on
  // partition is altered").
  {
    name: 'hunt-14b: partitions keep their clones of the parent trigger disabled, replica, always',
    old: [...parent, 'CREATE TRIGGER t_audit AFTER INSERT ON m FOR EACH ROW EXECUTE FUNCTION audit()'],
    new: [
      ...parent,
      'CREATE TRIGGER t_audit AFTER INSERT ON m FOR EACH ROW EXECUTE FUNCTION audit()',
      'ALTER TABLE m_2024 DISABLE TRIGGER t_audit',
      'ALTER TABLE m_2025 ENABLE REPLICA TRIGGER t_audit',
      'ALTER TABLE m_2026 ENABLE ALWAYS TRIGGER t_audit',
    ],
    seed,
    expectedSql: ['ALTER TABLE "public"."m_2024" DISABLE TRIGGER "t_audit"', 'ALTER TABLE "public"."m_2026" ENABLE ALWAYS TRIGGER "t_audit"'],
  },
  // The same with the parent's trigger created (or dropped) by the plan, the parent's own state changed: a state set
  // on the parent recurses into the clones, so the partitions' own are set after it.
  {
    name: 'hunt-14b: a parent trigger disabled and created with partitions that keep another state',
    old: [...parent],
    new: [
      ...parent,
      'CREATE TRIGGER t_audit AFTER INSERT ON m FOR EACH ROW EXECUTE FUNCTION audit()',
      'ALTER TABLE m DISABLE TRIGGER t_audit',
      'ALTER TABLE m_2024 ENABLE TRIGGER t_audit',
      'ALTER TABLE m_2025 ENABLE ALWAYS TRIGGER t_audit',
    ],
    seed,
  },
  {
    name: 'hunt-14b: a parent trigger re-enabled while one partition keeps its clone disabled',
    old: [...parent, 'CREATE TRIGGER t_audit AFTER INSERT ON m FOR EACH ROW EXECUTE FUNCTION audit()', 'ALTER TABLE m DISABLE TRIGGER t_audit'],
    new: [
      ...parent,
      'CREATE TRIGGER t_audit AFTER INSERT ON m FOR EACH ROW EXECUTE FUNCTION audit()',
      'ALTER TABLE m DISABLE TRIGGER t_audit',
      // ONLY: the partitions' clones stay disabled, as they were.
      'ALTER TABLE ONLY m ENABLE TRIGGER t_audit',
      'ALTER TABLE m_2025 ENABLE TRIGGER t_audit',
    ],
    seed,
  },
  // Two levels, partitions created and attached by the plan: a sub-partitioned partition's state recurses into its
  // own partitions, which keep theirs after it.
  {
    name: 'hunt-14b: clones of a trigger two partition levels down, partitions created and attached',
    old: [
      'CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$',
      'CREATE TABLE m (id int NOT NULL, day date NOT NULL) PARTITION BY RANGE (day)',
      'CREATE TRIGGER t_audit BEFORE INSERT ON m FOR EACH ROW EXECUTE FUNCTION audit()',
      "CREATE TABLE m_2024 (id int NOT NULL, day date NOT NULL)",
    ],
    new: [
      'CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$',
      'CREATE TABLE m (id int NOT NULL, day date NOT NULL) PARTITION BY RANGE (day)',
      'CREATE TRIGGER t_audit BEFORE INSERT ON m FOR EACH ROW EXECUTE FUNCTION audit()',
      "CREATE TABLE m_2024 (id int NOT NULL, day date NOT NULL)",
      "ALTER TABLE m ATTACH PARTITION m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      "CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (id)",
      'CREATE TABLE m_2025_a PARTITION OF m_2025 FOR VALUES IN (1)',
      'CREATE TABLE m_2025_b PARTITION OF m_2025 FOR VALUES IN (2)',
      'ALTER TABLE m_2024 DISABLE TRIGGER t_audit',
      'ALTER TABLE m_2025 ENABLE REPLICA TRIGGER t_audit',
      'ALTER TABLE m_2025_b ENABLE ALWAYS TRIGGER t_audit',
    ],
    seed: "INSERT INTO m_2024 VALUES (1, '2024-05-01')",
  },
  // model/catalog-types.ts (Publication.generatedColumns), parse/inspect/plan kinds/publication.ts: PostgreSQL 18's
  // `publish_generated_columns = stored` was refused by the fold (E_UNSUPPORTED) and not read by the inspection, so
  // a publication was created without it and a changed one left as it was (the test's pub5).
  {
    name: 'hunt-14b: publications that publish stored generated columns, set and set back',
    old: [
      'CREATE TABLE g (a int PRIMARY KEY, b int GENERATED ALWAYS AS (a * 2) STORED)',
      'CREATE PUBLICATION pub_gen FOR TABLE g',
    ],
    new: [
      'CREATE TABLE g (a int PRIMARY KEY, b int GENERATED ALWAYS AS (a * 2) STORED)',
      'CREATE PUBLICATION pub_gen FOR TABLE g WITH (publish_generated_columns = stored)',
      "CREATE PUBLICATION pub_gen_all WITH (publish = 'insert', publish_generated_columns = stored)",
    ],
    seed: 'INSERT INTO g (a) VALUES (1)',
    expectedSql: ['ALTER PUBLICATION "pub_gen" SET (publish = \'insert, update, delete, truncate\', publish_via_partition_root = false, publish_generated_columns = stored)', "publish_generated_columns = stored)"],
    minServer: { major: 18, reason: 'publish_generated_columns is PostgreSQL 18\'s' },
  },
];
