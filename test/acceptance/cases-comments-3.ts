/**
 * Acceptance cases hunted on pg-delta's corpus (supabase/pg-toolbelt packages/pg-delta/corpus, MIT; h157, hunt
 * 10b's leftovers): each class of failure is reproduced by one small case of our own that failed before its fix
 * in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

export const COMMENTS_3_CASES: AcceptanceCase[] = [
  // parse/kinds/comment.ts, inspect (Q_POLICIES), diff/index.ts, plan/index.ts (create_policy), plan/regenerated.ts
  // (recreatePolicy): a policy's comment was ignored with a warning and never read, so `COMMENT ON POLICY` was
  // never planned and pg_dump differed. It is managed as a trigger's: written with the policy's CREATE, compared on
  // a kept policy (ALTER POLICY keeps it), carried when the policy is dropped and created again.
  {
    name: 'comments-3: comments on policies (kept, changed in place, recreated, new)',
    old: [
      'CREATE TABLE docs (id int, owner text, body text)',
      'ALTER TABLE docs ENABLE ROW LEVEL SECURITY',
      'CREATE POLICY own ON docs USING (owner = current_user)',
      'CREATE POLICY peek ON docs FOR SELECT USING (true)',
      "COMMENT ON POLICY peek ON docs IS 'anyone reads'",
      'CREATE POLICY edit ON docs FOR UPDATE USING (true)',
      "COMMENT ON POLICY edit ON docs IS 'old edit'",
      'CREATE POLICY gone ON docs FOR DELETE USING (false)',
      "COMMENT ON POLICY gone ON docs IS 'to be dropped'",
    ],
    new: [
      'CREATE TABLE docs (id int, owner text, body text)',
      'ALTER TABLE docs ENABLE ROW LEVEL SECURITY',
      'CREATE POLICY own ON docs USING (owner = current_user)',
      "COMMENT ON POLICY own ON docs IS 'the owner''s rows'",
      'CREATE POLICY peek ON docs FOR SELECT USING (id > 0)',
      "COMMENT ON POLICY peek ON docs IS 'positive ids'",
      'CREATE POLICY edit ON docs FOR ALL USING (true)',
      "COMMENT ON POLICY edit ON docs IS 'new edit'",
      'CREATE TABLE notes (id int)',
      'CREATE POLICY mine ON notes USING (id > 0)',
      "COMMENT ON POLICY mine ON notes IS 'a new policy'",
    ],
  },
  // parse/kinds/table.ts (createTable): a CHECK or foreign key written NOT VALID in CREATE TABLE is valid in
  // PostgreSQL (it validates the new, empty table and overrides the flag), but the fold kept it NOT VALID, so the
  // plan added it after the table NOT VALID and pg_dump differed (pg-delta's constraint NOT VALID scenarios).
  {
    name: 'comments-3: NOT VALID written in CREATE TABLE is valid; added by ALTER TABLE it stays NOT VALID',
    old: [
      'CREATE TABLE keep (a int PRIMARY KEY, n int)',
      'ALTER TABLE keep ADD CONSTRAINT keep_n CHECK (n > 0) NOT VALID',
    ],
    new: [
      'CREATE TABLE keep (a int PRIMARY KEY, n int, CONSTRAINT keep_n CHECK (n > 0) NOT VALID)',
      'CREATE TABLE fresh (a int, b int, CONSTRAINT fresh_a CHECK (a > 0) NOT VALID, CONSTRAINT fresh_b FOREIGN KEY (b) REFERENCES keep NOT VALID)',
      'CREATE TABLE later (a int)',
      'ALTER TABLE later ADD CONSTRAINT later_a CHECK (a > 0) NOT VALID',
    ],
  },
];
