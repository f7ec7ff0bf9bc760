/**
 * `test schema` (the guide's `task test:schema`): checks that the database works with its schema.
 *
 * In:  a Database, the project directory.
 * Out: a result with one entry per check (name, ok, detail) — never prints, never throws for a failed check.
 * With `database/tests/*.sql` present, each file is one check: it runs inside a transaction that is
 * always rolled back, and passes when no statement fails (use `DO $$ BEGIN ASSERT …; END $$;`).
 * Otherwise the basic checks run: every table and view is selectable, every foreign key is validated,
 * and `database/fixtures/seed-simple.sql` loads on the schema: in the rolled-back transaction the managed
 * tables are emptied first (TRUNCATE … RESTART IDENTITY CASCADE, lock_timeout 5s: serial keys start over as after a reset, and
 * like everything else there the sequences are back as they were after the rollback), so a database the seed was already loaded
 * into (`db reset` then `test schema`) passes. With `seed: 'skip'` (protected environments: no ACCESS
 * EXCLUSIVE lock on live tables, however brief) the check is reported as skipped. Nothing is ever committed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.js';

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

export interface TestSchemaResult {
  readonly checks: readonly CheckResult[];
  readonly ok: boolean;
}

const ROLLBACK = Symbol('rollback');

/** Runs `sql` in a transaction that is always rolled back; returns the error message, if any. */
async function tryRolledBack(db: Database, sql: string): Promise<string | undefined> {
  try {
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      throw ROLLBACK;
    });
  } catch (e) {
    if (e === ROLLBACK) return undefined;
    return (e as Error).message;
  }
  return undefined;
}

/**
 * @example
 * const r = await testSchema(db, { cwd: process.cwd() });
 * for (const c of r.checks) console.log(c.ok ? 'PASS' : 'FAIL', c.name);
 */
export async function testSchema(db: Database, opts: { cwd: string; schemas?: readonly string[]; seed?: 'check' | 'skip' }): Promise<TestSchemaResult> {
  const checks: CheckResult[] = [];
  const testsDir = join(opts.cwd, 'database', 'tests');
  const files = existsSync(testsDir) ? readdirSync(testsDir).filter((f) => f.endsWith('.sql')).sort() : [];
  if (files.length > 0) {
    for (const f of files) {
      const err = await tryRolledBack(db, readFileSync(join(testsDir, f), 'utf8'));
      checks.push({ name: `database/tests/${f}`, ok: !err, ...(err ? { detail: err } : {}) });
    }
    return { checks, ok: checks.every((c) => c.ok) };
  }

  const scope = db.boundSchema ? [db.boundSchema] : opts.schemas?.length ? [...opts.schemas] : undefined;
  const rels = (
    await db.query<{ ident: string; kind: 'r' | 'p' | 'v' | 'm' }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS ident, c.relkind::text AS kind
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r','p','v','m') AND n.nspname NOT IN ('pg_catalog','information_schema')
          AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'atlas_schema_revisions'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
          ${scope ? 'AND n.nspname = ANY($1::text[])' : ''}
        ORDER BY 1`,
      scope ? [scope] : [],
    )
  ).rows;
  // One round trip for all relations; only on failure find the culprits one by one.
  const selectAll = rels.map((r) => `SELECT 1 FROM ${r.ident} LIMIT 0;`).join('\n');
  let err = rels.length ? await tryRolledBack(db, selectAll) : undefined;
  if (err) {
    const bad: string[] = [];
    for (const r of rels) {
      const e = await tryRolledBack(db, `SELECT 1 FROM ${r.ident} LIMIT 0`);
      if (e) bad.push(`${r.ident}: ${e}`);
    }
    err = bad.join('; ');
  }
  checks.push({ name: `every table and view is selectable (${rels.length})`, ok: !err, ...(err ? { detail: err } : {}) });

  const fks = (
    await db.query<{ name: string; tbl: string; valid: boolean }>(
      `SELECT con.conname AS name, format('%I.%I', n.nspname, c.relname) AS tbl, con.convalidated AS valid
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE con.contype = 'f' AND n.nspname NOT LIKE 'pg\\_%' ${scope ? 'AND n.nspname = ANY($1::text[])' : ''}`,
      scope ? [scope] : [],
    )
  ).rows;
  const invalid = fks.filter((f) => !f.valid);
  checks.push({
    name: `every foreign key is validated (${fks.length})`,
    ok: invalid.length === 0,
    ...(invalid.length ? { detail: `not validated: ${invalid.map((f) => `${f.tbl}.${f.name}`).join(', ')} (run ALTER TABLE … VALIDATE CONSTRAINT)` } : {}),
  });

  const seed = join(opts.cwd, 'database', 'fixtures', 'seed-simple.sql');
  if (existsSync(seed) && opts.seed === 'skip') {
    checks.push({ name: 'database/fixtures/seed-simple.sql loads (skipped: protected environment)', ok: true });
  } else if (existsSync(seed)) {
    const tables = rels.filter((r) => r.kind === 'r' || r.kind === 'p').map((r) => r.ident);
    const empty = tables.length ? `SET LOCAL lock_timeout = '5s';\nTRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE;\n` : '';
    const e = await tryRolledBack(db, `${empty}${readFileSync(seed, 'utf8')}`);
    checks.push({ name: 'database/fixtures/seed-simple.sql loads (rolled back)', ok: !e, ...(e ? { detail: e } : {}) });
  }
  return { checks, ok: checks.every((c) => c.ok) };
}
