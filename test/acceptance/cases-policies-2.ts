/**
 * Row-level security policies changed in place. PostgreSQL's `ALTER POLICY name ON table [TO …] [USING (…)]
 * [WITH CHECK (…)]` sets a policy's roles and sets or adds its expressions; it has no clause for the command
 * (`FOR …`) or `AS PERMISSIVE | RESTRICTIVE` and cannot remove an expression (src/diff/in-place.ts: policyInPlace).
 * Before, every changed policy was dropped and created again: the cases that change only roles, USING or WITH CHECK
 * (absentSql: DROP POLICY) failed; the reverse of an added WITH CHECK removes it, so that direction drops and creates.
 */
import type { AcceptanceCase } from './harness.js';

// The roles the clauses cases use (cases-clauses.ts): roles are the cluster's, created once and kept.
const ROLES = `DO $$ BEGIN CREATE ROLE m27a_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$; DO $$ BEGIN CREATE ROLE m27a_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;
const DOCS = 'CREATE TABLE docs (id int PRIMARY KEY, owner text, body text)';
const RLS = 'ALTER TABLE docs ENABLE ROW LEVEL SECURITY';
const SEED = "INSERT INTO docs VALUES (1, 'ann', 'hello'), (2, 'bob', NULL)";
const KEEP = [{ tables: ['docs'], query: 'SELECT * FROM docs ORDER BY id' }];

export const POLICY_2_CASES: AcceptanceCase[] = [
  {
    name: 'policies 2: a policy given other roles is altered in place',
    old: [ROLES, DOCS, RLS, 'CREATE POLICY own ON docs FOR SELECT TO m27a_reader USING (owner = current_user)'],
    new: [ROLES, DOCS, RLS, 'CREATE POLICY own ON docs FOR SELECT TO m27a_reader, m27a_writer USING (owner = current_user)'],
    seed: SEED,
    keepsTables: KEEP,
    expectedSql: ['ALTER POLICY "own" ON "public"."docs" TO "m27a_reader", "m27a_writer"'],
    absentSql: ['DROP POLICY', 'CREATE POLICY', 'USING'],
  },
  {
    name: 'policies 2: a policy whose USING changes is altered in place',
    old: [DOCS, RLS, 'CREATE POLICY own ON docs FOR UPDATE USING (owner = current_user) WITH CHECK (body IS NOT NULL)'],
    new: [DOCS, RLS, "CREATE POLICY own ON docs FOR UPDATE USING (owner = current_user OR owner = 'admin') WITH CHECK (body IS NOT NULL)"],
    seed: SEED,
    keepsTables: KEEP,
    expectedSql: ['ALTER POLICY "own" ON "public"."docs" USING ('],
    absentSql: ['DROP POLICY', 'CREATE POLICY', 'WITH CHECK', ' TO '],
  },
  {
    name: 'policies 2: a WITH CHECK added to a policy is altered in place (removed again: dropped and created)',
    old: [ROLES, DOCS, RLS, 'CREATE POLICY own ON docs TO m27a_writer USING (owner = current_user)'],
    new: [ROLES, DOCS, RLS, 'CREATE POLICY own ON docs TO m27a_writer USING (owner = current_user) WITH CHECK (body IS NOT NULL AND length(body) < 100)'],
    seed: SEED,
    keepsTables: KEEP,
    expectedSql: ['ALTER POLICY "own" ON "public"."docs" WITH CHECK ('],
    absentSql: ['DROP POLICY', 'CREATE POLICY', 'USING'],
  },
  {
    name: 'policies 2: a policy altered from an old function to a new one, the old one dropped after it',
    old: [DOCS, RLS,
      'CREATE FUNCTION may_read(o text) RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT o = current_user $$',
      'CREATE POLICY own ON docs FOR SELECT USING (may_read(owner))',
      'CREATE POLICY add ON docs FOR INSERT WITH CHECK (may_read(owner))'],
    new: [DOCS, RLS,
      "CREATE FUNCTION may_see(o text, b text) RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT o = current_user OR b = 'public' $$",
      'CREATE POLICY own ON docs FOR SELECT USING (may_see(owner, body))',
      'CREATE POLICY add ON docs FOR INSERT WITH CHECK (may_see(owner, body))'],
    seed: SEED,
    keepsTables: KEEP,
    expectedSql: ['ALTER POLICY "own" ON "public"."docs" USING (', 'ALTER POLICY "add" ON "public"."docs" WITH CHECK (', 'DROP FUNCTION'],
    absentSql: ['DROP POLICY', 'CREATE POLICY'],
  },
  {
    name: 'policies 2: a policy altered to read a new table and a new column',
    old: [DOCS, RLS, 'CREATE POLICY own ON docs FOR SELECT USING (owner = current_user)'],
    new: ['CREATE TABLE readers (who text, doc int)', 'CREATE TABLE docs (id int PRIMARY KEY, owner text, body text, open boolean DEFAULT false)', RLS,
      'CREATE POLICY own ON docs FOR SELECT USING (owner = current_user OR open OR id IN (SELECT doc FROM readers WHERE who = current_user))'],
    seed: SEED,
    keepsTables: [{ tables: ['docs'], query: 'SELECT id, owner, body FROM docs ORDER BY id' }],
    expectedSql: ['ALTER POLICY "own" ON "public"."docs" USING ('],
    absentSql: ['DROP POLICY', 'CREATE POLICY'],
  },
  {
    name: 'policies 2: a policy whose command or kind changes is dropped and created',
    old: [DOCS, RLS, 'CREATE POLICY own ON docs FOR SELECT USING (owner = current_user)',
      'CREATE POLICY cap ON docs AS PERMISSIVE FOR UPDATE USING (body IS NOT NULL)'],
    new: [DOCS, RLS, 'CREATE POLICY own ON docs FOR DELETE USING (owner = current_user)',
      'CREATE POLICY cap ON docs AS RESTRICTIVE FOR UPDATE USING (body IS NOT NULL)'],
    seed: SEED,
    keepsTables: KEEP,
    expectedSql: ['DROP POLICY "own"', 'CREATE POLICY "own"', 'DROP POLICY "cap"', 'CREATE POLICY "cap"'],
    absentSql: ['ALTER POLICY'],
  },
  {
    name: 'policies 2: a policy changed while a column it reads is retyped or dropped is dropped and created',
    old: [ROLES, 'CREATE TABLE docs (id int PRIMARY KEY, owner text, body text, tag text)', RLS,
      'CREATE POLICY own ON docs FOR SELECT TO m27a_reader USING (owner = current_user)',
      'CREATE POLICY tagged ON docs FOR UPDATE USING (tag IS NOT NULL)'],
    new: [ROLES, 'CREATE TABLE docs (id int PRIMARY KEY, owner varchar(40), body text)', RLS,
      'CREATE POLICY own ON docs FOR SELECT TO m27a_reader, m27a_writer USING (owner = current_user)',
      'CREATE POLICY tagged ON docs FOR UPDATE USING (body IS NOT NULL)'],
    seed: SEED,
    keepsTables: [{ tables: ['docs'], query: 'SELECT id, owner, body FROM docs ORDER BY id' }],
    expectedSql: ['DROP POLICY "own"', 'CREATE POLICY "own"', 'DROP POLICY "tagged"', 'CREATE POLICY "tagged"'],
    absentSql: ['ALTER POLICY'],
  },
];
