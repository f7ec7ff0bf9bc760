/** The library API as a Node tool would embed it (no console output, result objects). */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { applyMigrations, diff, inspect, migrateDiff, migrationStatus, openDatabase, plan, renderMigrationFile } from '../src/index.js';

it('embeds the whole cycle: migrateDiff → applyMigrations → migrationStatus → inspect/diff/plan', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'meridian-lib-'));
  mkdirSync(join(cwd, 'schema'));
  writeFileSync(join(cwd, 'schema', 'schema.sql'), 'CREATE TABLE public.notes (id serial PRIMARY KEY, body text NOT NULL);\n');
  const dev = await openDatabase('pglite://memory');
  const db = await openDatabase('pglite://memory');
  try {
    const r = await migrateDiff({ migrationsDir: join(cwd, 'migrations'), schemaPath: join(cwd, 'schema', 'schema.sql'), dev, now: () => new Date(Date.UTC(2026, 5, 1)) });
    expect(r.file).toMatch(/20260601000000_create_notes\.sql$/);
    const applied = await applyMigrations(db, { dir: join(cwd, 'migrations') });
    expect(applied.ok).toBe(true);
    expect((await migrationStatus(db, { dir: join(cwd, 'migrations') })).status).toBe('OK');
    const { model } = await inspect(db);
    expect(Object.keys(model.tables)).toEqual(['public.notes']);
    const changes = diff(model, { ...model, tables: {} });
    expect(renderMigrationFile(plan(changes, model, { ...model, tables: {} }))).toContain('DROP TABLE "public"."notes"');
  } finally {
    await dev.close();
    await db.close();
  }
});
