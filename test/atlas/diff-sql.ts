/**
 * The migration `migrate diff` writes between two SQL schema texts, planned natively (no dev database),
 * for the generated-SQL suites of test/atlas.
 *
 * @example
 * await diffSql('', 'CREATE TABLE t (id int)', { scope: 'app' }) // '-- Create "t" table\nCREATE TABLE "t" ("id" integer NULL);\n'
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { nativeModelFromSources } from '../../src/workflow/native.js';

const noDev = async (): Promise<never> => {
  throw new Error('the dev database must not be needed here');
};

export interface DiffSqlOptions {
  /** The schema a dev URL is bound to (names are then written unqualified). */
  readonly scope?: string;
  readonly indent?: string;
  readonly concurrentIndex?: boolean;
}

export async function diffSql(from: string, to: string, opts: DiffSqlOptions = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-gen-sql-'));
  try {
    mkdirSync(join(dir, 'migrations'));
    writeFileSync(join(dir, 'schema.sql'), to);
    const scope = opts.scope ? { searchPath: [opts.scope], existingSchemas: [opts.scope], schemas: [opts.scope] } : {};
    const current = await nativeModelFromSources([{ file: 'old.sql', text: from }], scope);
    const r = await migrateDiff({
      migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), dev: noDev, current: current!, dryRun: true,
      ...(opts.scope ? { scope: opts.scope, searchPath: [opts.scope], schemas: [opts.scope] } : {}),
      plan: { indent: opts.indent, ...(opts.concurrentIndex ? { concurrentIndex: true } : {}) },
    });
    return r.content ?? '';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
