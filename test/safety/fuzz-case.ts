/**
 * One fuzz case (./fuzz.test.ts): a schema file's bytes through `schema validate` (checkSchema) and `migrate diff`
 * (library calls) against a migration directory holding the unmutated text. Used in the test worker for the
 * ordinary cases, and run as a program for the statement of FUZZ_HUGE_MB megabytes of small nodes: its parse and
 * folds hold the event loop for tens of seconds, past vitest's 60 s limit on a worker's calls to the runner, so it
 * runs in a child process (`tsx test/safety/fuzz-case.ts <dir> <label>`: reads `<dir>/schema.sql`, prints the
 * outcome as one JSON line) while the worker waits without blocking.
 *
 * @example
 * const o = await fuzzCase(bytes, base.dir, 'case 3: truncate of pagila');
 * // { failures: [], outcome: 'refused E_PARSE', ms: 41 }
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MeridianError } from '../../src/errors.js';
import { encodingProblem } from '../../src/input/text.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';

export interface FuzzOutcome {
  /** What broke the rules: a crash, an unlocated error, a migration from a rejected file. */
  readonly failures: string[];
  /** 'migration', 'no changes', 'needs the dev database', 'refused <code>'; absent after a crash. */
  readonly outcome?: string;
  readonly ms: number;
}

function located(e: MeridianError, file: string): boolean {
  if (e.location && e.location.line >= 1 && e.location.column >= 1) return true;
  return e.message.includes(file);
}

/** Runs one case: `bytes` is written to `<dir>/schema.sql` by the caller; `dir/migrations` holds the base. */
export async function fuzzCase(bytes: Buffer, dir: string, label: string): Promise<FuzzOutcome> {
  const failures: string[] = [];
  const dev = async () => {
    throw new MeridianError('E_CONNECT', 'fuzz: no dev database (the case needs one: counted, not run)');
  };
  const t0 = performance.now();
  let outcome: string | undefined;
  try {
    let accepted = false;
    if (!encodingProblem(bytes)) {
      const c = checkSchema([{ file: 'schema.sql', text: bytes.toString('utf8').replace(/^\uFEFF/, '') }]);
      for (const p of c.errors) if (!(p.location.line >= 1 && p.location.column >= 1)) failures.push(`${label}: unlocated ${p.code}: ${p.message}`);
      accepted = c.errors.length === 0;
    }
    try {
      const d = await migrateDiff({ migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), dev, dryRun: true, cwd: dir, now: () => new Date('2026-06-01T00:00:00Z') });
      if (!accepted && d.content !== undefined) failures.push(`${label}: a migration was produced from a file the parser did not accept`);
      outcome = d.content === undefined ? 'no changes' : 'migration';
    } catch (e) {
      if (!(e instanceof MeridianError)) throw e;
      if (e.code !== 'E_CONNECT' && !located(e, 'schema.sql')) failures.push(`${label}: unlocated ${e.code}: ${e.message.split('\n')[0]}`);
      outcome = e.code === 'E_CONNECT' ? 'needs the dev database' : `refused ${e.code}`;
    }
  } catch (e) {
    failures.push(`${label}: CRASH ${(e as Error)?.name}: ${(e as Error)?.message?.slice(0, 300)}`);
  }
  return { failures, outcome, ms: performance.now() - t0 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [dir, label] = process.argv.slice(2);
  await initSchemaParser();
  const o = await fuzzCase(readFileSync(join(dir!, 'schema.sql')), dir!, label ?? 'case');
  process.stdout.write(`${JSON.stringify(o)}\n`);
}
