import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { writeMigrationFile } from '../../src/migrate/dir.js';
import { devStatus, resetProjectDatabase, setupProject } from '../../src/workflow/dev.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { repoRoot } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';

describeEachDatabase('dev setup, db reset, dev status', (t) => {
  let dev: Database;
  let paths: { cwd: string; migrationsDir: string; schemaPath: string };
  beforeAll(async () => {
    dev = await openDatabase('pglite://memory');
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-dev-'));
    cpSync(join(repoRoot, 'database'), join(cwd, 'database'), { recursive: true });
    paths = { cwd, migrationsDir: join(cwd, 'database/migrations'), schemaPath: join(cwd, 'database/schema/schema.sql') };
    await migrateDiff({ ...paths, dev, name: 'initial', now: () => new Date(Date.UTC(2026, 0, 1)) });
  });
  afterAll(async () => {
    await dev.close();
  });
  it('dev setup applies the migrations and seeds a fresh database once', async () => {
    const r = await setupProject(t.db, paths);
    expect(r.apply.ok).toBe(true);
    expect(r.seeded).toBe(true);
    expect((await t.db.query('SELECT * FROM practice_app.users')).rowCount).toBe(2);
    const again = await setupProject(t.db, paths);
    expect(again.apply.files).toEqual([]);
    expect(again.seeded).toBe(false);
    expect((await t.db.query('SELECT * FROM practice_app.users')).rowCount).toBe(2);
  });
  it('dev status: no drift after setup, drift after a manual change; db reset restores the state', async () => {
    await setupProject(t.db, paths);
    const s1 = await devStatus(t.db, dev, paths);
    expect(s1.migrations.status).toBe('OK');
    expect(s1.drift).toEqual([]);
    await t.db.exec('DROP VIEW practice_app.order_totals');
    const s2 = await devStatus(t.db, dev, paths);
    expect(s2.drift.map((s) => s.sql).join('\n')).toContain('CREATE VIEW "practice_app"."order_totals"');
    const r = await resetProjectDatabase(t.db, paths);
    expect(r.apply.ok).toBe(true);
    expect(r.seeded).toBe(true);
    expect((await devStatus(t.db, dev, paths)).drift).toEqual([]);
    expect((await t.db.query('SELECT * FROM practice_app.orders')).rowCount).toBe(2);
  });
  it('a hand-written data migration (migrate new) applies with the schema ones', async () => {
    await setupProject(t.db, paths);
    const f = writeMigrationFile(paths.migrationsDir, { name: 'backfill_phone', content: "UPDATE practice_app.users SET phone = 'unknown' WHERE phone IS NULL;\n", now: new Date(Date.UTC(2026, 0, 2)) });
    expect(f.version).toBe('20260102000000');
    const r = await setupProject(t.db, paths);
    expect(r.apply.files.map((x) => x.name)).toEqual(['20260102000000_backfill_phone.sql']);
    expect((await t.db.query(`SELECT 1 FROM practice_app.users WHERE phone = 'unknown'`)).rowCount).toBe(1);
    writeFileSync(join(paths.cwd, 'unused'), '');
  });
});
