/**
 * Renames keep privileges (issue #27): PostgreSQL keeps the ACL of a renamed table, column or sequence, so a
 * rename asked for with `-- meridian:renamed-from` plans the renames and nothing else — no REVOKE + GRANT, no
 * lost grant — and column grants follow the column.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { applyMigrations } from '../../src/migrate/apply.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { createServerDatabase, describeEachDatabase } from '../helpers/databases.js';

// The roles of test/acceptance/cases-kinds.ts (dropped by the global teardown).
const ROLES = `DO $$ BEGIN CREATE ROLE m27a_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$; DO $$ BEGIN CREATE ROLE m27a_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

const OLD = `CREATE SCHEMA app;
CREATE TABLE app.users (
  id serial PRIMARY KEY,
  name text,
  email text
);
GRANT SELECT (name), UPDATE (name, email) ON app.users TO m27a_reader;
GRANT SELECT, INSERT ON app.users TO m27a_writer;
GRANT USAGE ON SEQUENCE app.users_id_seq TO m27a_writer;
`;

const NEW = `CREATE SCHEMA app;
-- meridian:renamed-from users
CREATE TABLE app.people (
  id serial PRIMARY KEY,
  full_name text, -- meridian:renamed-from name
  email text
);
GRANT SELECT (full_name), UPDATE (full_name, email) ON app.people TO m27a_reader;
GRANT SELECT, INSERT ON app.people TO m27a_writer;
GRANT USAGE ON SEQUENCE app.people_id_seq TO m27a_writer;
`;

describeEachDatabase('renames keep privileges', (t) => {
  it('a renamed table, column and sequence keep their grants: only renames are planned', async () => {
    await t.db.exec(ROLES);
    const dir = mkdtempSync(join(tmpdir(), 'meridian-rename-priv-'));
    const migrationsDir = join(dir, 'migrations');
    const schemaPath = join(dir, 'schema.sql');
    mkdirSync(migrationsDir);
    writeFileSync(schemaPath, OLD);
    await migrateDiff({ migrationsDir, schemaPath, dev: t.db, name: 'initial', now: () => new Date('2026-01-01T00:00:00Z') });
    writeFileSync(schemaPath, NEW);
    const r = await migrateDiff({ migrationsDir, schemaPath, dev: t.db, name: 'rename', now: () => new Date('2026-01-02T00:00:00Z') });
    expect(r.statements.map((s) => s.sql)).toEqual([
      'ALTER TABLE "app"."users" RENAME TO "people"',
      'ALTER TABLE "app"."people" RENAME COLUMN "name" TO "full_name"',
      'ALTER INDEX "app"."users_pkey" RENAME TO "people_pkey"',
      'ALTER SEQUENCE "app"."users_id_seq" RENAME TO "people_id_seq"',
    ]);

    // Applied, the grants are where schema.sql says, and nothing is left to plan.
    const server = t.url ? await createServerDatabase(t.url) : undefined;
    const target = await openDatabase(server?.url ?? 'pglite://memory');
    try {
      await target.exec(ROLES);
      expect((await applyMigrations(target, { dir: migrationsDir })).ok).toBe(true);
      const has = async (sql: string) => Object.values((await target.query(`SELECT ${sql} AS ok`)).rows[0] as Record<string, unknown>)[0];
      expect(await has(`has_column_privilege('m27a_reader', 'app.people', 'full_name', 'SELECT')`)).toBe(true);
      expect(await has(`has_column_privilege('m27a_reader', 'app.people', 'email', 'UPDATE')`)).toBe(true);
      expect(await has(`has_table_privilege('m27a_writer', 'app.people', 'INSERT')`)).toBe(true);
      expect(await has(`has_sequence_privilege('m27a_writer', 'app.people_id_seq', 'USAGE')`)).toBe(true);
      const again = await migrateDiff({ migrationsDir, schemaPath, dev: t.db, name: 'again', dryRun: true });
      expect(again.statements.map((s) => s.sql)).toEqual([]);
    } finally {
      await target.close();
      await server?.drop();
    }
  });
});
