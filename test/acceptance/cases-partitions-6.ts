/**
 * Acceptance cases of the names of partitions' copies of their parents' PRIMARY KEY / UNIQUE constraints
 * (PrimaryKey.copies). PostgreSQL names the copies it makes `<partition>_pkey` / `<partition>_<columns>_key`; a
 * partition whose own key is taken as the copy (pg_dump writes every partitioned key that way: `ALTER TABLE ONLY p1
 * ADD CONSTRAINT p1_custom PRIMARY KEY …; ALTER INDEX p_pkey ATTACH PARTITION p1_custom`) or whose copy is renamed
 * keeps its name. Before, the Model left the copies out entirely: a plan never renamed them (pg_dump of the migrated
 * database differed from the target's), and the fold refused `ALTER TABLE p1 RENAME CONSTRAINT p1_pkey …` / `ALTER
 * INDEX p1_pkey RENAME …` on a copy (E_UNKNOWN). Seen in sqlc's end-to-end fixtures (hunt 5) and on PostgreSQL 15
 * with pg_dump (the oracle: pg_constraint.conparentid).
 */
import type { AcceptanceCase } from './harness.js';

const parent = 'CREATE TABLE ev (id int NOT NULL, at date NOT NULL, code text NOT NULL, PRIMARY KEY (id, at), UNIQUE (code, at)) PARTITION BY RANGE (at)';
const part = (n: number, from: string, to: string) => `CREATE TABLE ev_${n} PARTITION OF ev FOR VALUES FROM ('${from}') TO ('${to}')`;
const keeps = [{ tables: ['ev'], query: 'SELECT id, at::text, code FROM ev ORDER BY id' }];

const subOld = [
  'CREATE TABLE m (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b)) PARTITION BY LIST (a)',
  'CREATE TABLE m_one PARTITION OF m FOR VALUES IN (1) PARTITION BY RANGE (b)',
  'CREATE TABLE m_one_low PARTITION OF m_one FOR VALUES FROM (0) TO (100)',
];
const subSeed = 'INSERT INTO m VALUES (1, 5), (1, 50)';
const subKeeps = [{ tables: ['m'], query: 'SELECT a, b FROM m ORDER BY 1, 2' }];

export const PARTITION_6_CASES: readonly AcceptanceCase[] = [
  {
    // pg_dump's form: the partition created standalone with its keys under names of its own, then attached.
    name: 'partition key copies: pg_dump form with custom names',
    old: [parent, part(2024, '2024-01-01', '2025-01-01'), part(2025, '2025-01-01', '2026-01-01')],
    new: [
      parent,
      part(2024, '2024-01-01', '2025-01-01'),
      'CREATE TABLE ev_2025 (id int NOT NULL, at date NOT NULL, code text NOT NULL)',
      'ALTER TABLE ONLY ev_2025 ADD CONSTRAINT ev_2025_ident PRIMARY KEY (id, at)',
      'ALTER TABLE ONLY ev_2025 ADD CONSTRAINT ev_2025_code UNIQUE (code, at)',
      "ALTER TABLE ev ATTACH PARTITION ev_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
    ],
    seed: "INSERT INTO ev VALUES (1, '2024-01-05', 'a'), (2, '2025-02-01', 'b')", keepsTables: keeps,
    expectedSql: ['ALTER TABLE "public"."ev_2025" RENAME CONSTRAINT "ev_2025_pkey" TO "ev_2025_ident"', 'RENAME CONSTRAINT "ev_2025_code_at_key" TO "ev_2025_code"'],
    absentSql: ['DROP CONSTRAINT', 'ADD CONSTRAINT'],
  },
  {
    // A new partition whose copies are renamed in the file (both spellings PostgreSQL accepts).
    name: 'partition key copies: new partition, copies renamed',
    old: [parent, part(2024, '2024-01-01', '2025-01-01')],
    new: [
      parent, part(2024, '2024-01-01', '2025-01-01'), part(2025, '2025-01-01', '2026-01-01'),
      'ALTER TABLE ev_2025 RENAME CONSTRAINT ev_2025_pkey TO ev_2025_pk',
      'ALTER INDEX ev_2025_code_at_key RENAME TO ev_2025_uq',
    ],
    seed: "INSERT INTO ev VALUES (1, '2024-01-05', 'a')", keepsTables: keeps,
    expectedSql: ['RENAME CONSTRAINT "ev_2025_pkey" TO "ev_2025_pk"', 'RENAME CONSTRAINT "ev_2025_code_at_key" TO "ev_2025_uq"'],
  },
  {
    // Every level of a sub-partitioned tree, a new partition at the lower level.
    name: 'partition key copies: sub-partitions',
    old: subOld,
    new: [
      ...subOld,
      'ALTER INDEX m_one_pkey RENAME TO m_one_k',
      'ALTER TABLE m_one_low RENAME CONSTRAINT m_one_low_pkey TO m_low_k',
      'CREATE TABLE m_one_high PARTITION OF m_one FOR VALUES FROM (100) TO (200)',
      'ALTER TABLE m_one_high RENAME CONSTRAINT m_one_high_pkey TO m_high_k',
    ],
    seed: subSeed, keepsTables: subKeeps,
    expectedSql: ['RENAME CONSTRAINT "m_one_pkey" TO "m_one_k"', 'RENAME CONSTRAINT "m_one_low_pkey" TO "m_low_k"', 'RENAME CONSTRAINT "m_one_high_pkey" TO "m_high_k"'],
  },
  {
    // The parent's key renamed (dropped and added: its copies go with the drop and are made again by the ADD, then
    // renamed), the names the drop frees given again.
    name: 'partition key copies: parent key added again',
    old: subOld,
    new: [...subOld, 'ALTER TABLE m RENAME CONSTRAINT m_pkey TO m_k', 'ALTER TABLE m_one_low RENAME CONSTRAINT m_one_low_pkey TO m_low_k'],
    seed: subSeed, keepsTables: subKeeps,
    expectedSql: ['RENAME CONSTRAINT "m_one_low_pkey" TO "m_low_k"'],
  },
  {
    // A key added to a partitioned table that exists, with a partition it has and one the plan creates: the ADD
    // copies the key onto both (the new one is created first), then the copies are renamed.
    name: 'partition key copies: key added with a new partition',
    old: ['CREATE TABLE q (a int NOT NULL, b int) PARTITION BY LIST (a)', 'CREATE TABLE q1 PARTITION OF q FOR VALUES IN (1)'],
    new: [
      'CREATE TABLE q (a int NOT NULL, b int, PRIMARY KEY (a)) PARTITION BY LIST (a)',
      'CREATE TABLE q1 PARTITION OF q FOR VALUES IN (1)',
      'CREATE TABLE q2 PARTITION OF q FOR VALUES IN (2)',
      'ALTER TABLE q1 RENAME CONSTRAINT q1_pkey TO q1_k',
      'ALTER TABLE q2 RENAME CONSTRAINT q2_pkey TO q2_k',
    ],
    seed: 'INSERT INTO q VALUES (1, 10)',
    keepsTables: [{ tables: ['q'], query: 'SELECT a, b FROM q ORDER BY 1' }],
    expectedSql: ['RENAME CONSTRAINT "q1_pkey" TO "q1_k"', 'RENAME CONSTRAINT "q2_pkey" TO "q2_k"'],
  },
];
