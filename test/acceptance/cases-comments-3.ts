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
  // parse/kinds/foreign.ts, inspect/kinds/foreign.ts (Q_FOREIGN_TABLES), plan/kinds/foreign.ts, diff/objects.ts: a
  // foreign table's CHECK (in CREATE FOREIGN TABLE, or ALTER FOREIGN TABLE ADD CONSTRAINT) was neither read nor
  // written, so it was never created and pg_dump differed (pg-delta's foreign-table scenarios). CREATE FOREIGN
  // TABLE keeps NOT VALID (unlike CREATE TABLE); a changed check is dropped and added, a validated one VALIDATEd;
  // a function a check calls is created before the table and dropped after it (plan/object-edges.ts).
  {
    name: 'comments-3: CHECK constraints on foreign tables, with comments and NOT VALID',
    old: [
      'CREATE FOREIGN DATA WRAPPER w',
      'CREATE SERVER s FOREIGN DATA WRAPPER w',
      'CREATE FOREIGN TABLE ft (id int, n int, m int) SERVER s',
      'ALTER FOREIGN TABLE ft ADD CONSTRAINT ft_n CHECK (n > 0) NOT VALID',
      "COMMENT ON CONSTRAINT ft_n ON ft IS 'positive'",
      'ALTER FOREIGN TABLE ft ADD CONSTRAINT ft_m CHECK (m > 0)',
      "COMMENT ON CONSTRAINT ft_m ON ft IS 'm was positive'",
      'ALTER FOREIGN TABLE ft ADD CONSTRAINT ft_gone CHECK (id <> 0)',
    ],
    new: [
      'CREATE FOREIGN DATA WRAPPER w',
      'CREATE SERVER s FOREIGN DATA WRAPPER w',
      'CREATE FOREIGN TABLE ft (id int CHECK (id > 0), n int, m int) SERVER s',
      'ALTER FOREIGN TABLE ft ADD CONSTRAINT ft_n CHECK (n > 0)',
      "COMMENT ON CONSTRAINT ft_n ON ft IS 'positive, checked'",
      'ALTER FOREIGN TABLE ft ADD CONSTRAINT ft_m CHECK (m < 100)',
      "COMMENT ON CONSTRAINT ft_m ON ft IS 'm is small'",
      'CREATE FUNCTION ft_ok(x int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x <> 13 $$',
      'CREATE FOREIGN TABLE ft2 (id int, n int, CONSTRAINT ft2_n CHECK (n < 10) NOT VALID, CHECK (id > 0) NO INHERIT, CONSTRAINT ft2_ok CHECK (ft_ok(n))) SERVER s',
      "COMMENT ON CONSTRAINT ft2_n ON ft2 IS 'small'",
      // folded: a check dropped, one validated, a column its check reads renamed
      'CREATE FOREIGN TABLE ft3 (a int, b int, CONSTRAINT ft3_a CHECK (a > 0), CONSTRAINT ft3_b CHECK (b > a) NOT VALID) SERVER s',
      'ALTER FOREIGN TABLE ft3 DROP CONSTRAINT ft3_a',
      'ALTER FOREIGN TABLE ft3 VALIDATE CONSTRAINT ft3_b',
      'ALTER FOREIGN TABLE ft3 RENAME COLUMN a TO aa',
      // a dropped foreign table's check names are free again (not `ft4_a_check1`)
      'CREATE FOREIGN TABLE ft4 (a int CHECK (a > 0)) SERVER s',
      'DROP FOREIGN TABLE ft4',
      'CREATE FOREIGN TABLE ft4 (a int CHECK (a > 1)) SERVER s',
    ],
  },
];
