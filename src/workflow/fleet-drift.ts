/**
 * Drift across a fleet (`migrate diff --env fleet`): each target's live schema against the state the
 * migration directory produces at that target's own applied version (as Atlas's `migrate drift` compares a
 * tenant with its applied version), grouped by difference.
 *
 * In:  the targets, the directory, the managed schemas (a schema-bound target manages its bound schema).
 * Out: per target `clean`, `drifted` (with the statements that would bring it back to its version) or
 *      `failed`; the drifted targets grouped by the same statements (the bound schema's name written as
 *      `<schema>`). Never prints. The directory is folded natively (no dev database); a directory that
 *      does not fold natively is reported as a failure of each target.
 */
import type { Database } from '../db/database.js';
import { diff } from '../diff/index.js';
import { inspect } from '../inspect/index.js';
import { compareBytes } from '../migrate/dir.js';
import { migrationStatus } from '../migrate/apply.js';
import type { Model } from '../model/types.js';
import { quoteIdentAlways } from '../model/names.js';
import { loadLibpgQuery } from '../parse/libpg.js';
import { namesInSchema, unqualifySql } from '../parse/unqualify.js';
import { plan } from '../plan/index.js';
import { MeridianError } from '../errors.js';
import { runPool, fleetStart, type FleetFailure, type FleetOptions, type FleetTotals } from './fleet.js';
import { nativeModelFromSources } from './native.js';

export interface FleetDriftTarget {
  readonly target: string;
  readonly status: 'clean' | 'drifted' | 'failed' | 'skipped';
  /** The applied version the target is compared with. */
  readonly version?: string;
  /** Statements that bring the target back to the directory's state at its version (bound schema as `<schema>`). */
  readonly statements: readonly string[];
  readonly error?: FleetFailure;
  readonly ms: number;
}

export interface FleetDriftResult extends FleetTotals {
  /** Every target read and matching its version. */
  readonly clean: boolean;
  readonly results: readonly FleetDriftTarget[];
  /** Drifted targets by difference, the largest group first. */
  readonly groups: ReadonlyArray<{ readonly statements: readonly string[]; readonly targets: readonly string[] }>;
}


/**
 * @example
 * const d = await fleetDrift({ dir: 'database/migrations', targets });
 * for (const g of d.groups) console.log(g.targets.length, g.statements);
 */
export async function fleetDrift(
  opts: FleetOptions & { readonly dir: string; readonly revisionsSchema?: string; readonly schemas?: readonly string[]; readonly exclude?: readonly string[]; readonly onResult?: (r: FleetDriftTarget, t: FleetTotals) => void },
): Promise<FleetDriftResult> {
  const { loaded, parallel, withTarget } = await fleetStart(opts);
  const states = new Map<string, Promise<Model | undefined>>();
  /** The directory's state up to `version` (from the last checkpoint at or before it), folded natively once per version and scope. */
  const stateAt = (version: string | undefined, schemas: readonly string[] | undefined, searchPath: readonly string[] | undefined) => {
    const key = `${version ?? ''}|${schemas?.join(',') ?? ''}|${searchPath?.join(',') ?? ''}`;
    let s = states.get(key);
    if (!s) {
      let files = loaded.files.filter((f) => version !== undefined && compareBytes(f.version, version) <= 0);
      const cp = files.map((f, i) => (f.checkpoint ? i : -1)).filter((i) => i >= 0).at(-1);
      if (cp !== undefined) files = files.slice(cp);
      // Custom delimiters change statement boundaries: not folded natively (see nativeModelFromMigrations).
      s = files.some((f) => f.directives.some((d) => d.name === 'delimiter'))
        ? Promise.resolve(undefined)
        : nativeModelFromSources(
            [
              // The tenant's schema exists before its first file (the fleet applies to existing schemas).
              ...(searchPath ? [{ file: '<bound schema>', text: `CREATE SCHEMA ${quoteIdentAlways(searchPath[0]!)};` }] : []),
              ...files.map((f) => ({ file: f.name, text: f.text })),
            ],
            { schemas, exclude: opts.exclude, searchPath },
            { migrations: true },
          );
      states.set(key, s);
    }
    return s;
  };
  const { results, totals } = await runPool<FleetDriftTarget>(
    opts.targets,
    parallel,
    'continue',
    opts.signal,
    (t) =>
      withTarget(
        t,
        async (db: Database, elapsed): Promise<FleetDriftTarget> => {
          const st = await migrationStatus(db, { dir: opts.dir, revisionsSchema: opts.revisionsSchema, loaded });
          const version = st.applied.length ? st.current : undefined;
          const bound = db.boundSchema;
          const schemas = bound ? [bound] : opts.schemas;
          const expected = await stateAt(version, schemas, bound ? [bound] : undefined);
          if (!expected) throw new MeridianError('E_UNSUPPORTED', 'the migration directory does not fold natively (a DO block, a rule…): drift over a fleet needs the native fold');
          const { model } = await inspect(db, { ...(schemas ? { schemas } : {}), ...(opts.exclude ? { exclude: opts.exclude } : {}) });
          let statements = plan(diff(model, expected, { schemas }), model, expected).map((s) => s.sql);
          if (bound) {
            // The tenant's schema named `<schema>` so that tenants drifting the same way group together
            // (PostgreSQL's scanner tokens, never a regular expression over identifiers).
            await loadLibpgQuery();
            const names = namesInSchema([model, expected], bound);
            statements = statements.map((s) => unqualifySql(s, bound, names, { placeholder: '<schema>' }));
          }
          return { target: t.name, status: statements.length ? 'drifted' : 'clean', ...(version ? { version } : {}), statements, ms: elapsed() };
        },
        (error, ms) => ({ target: t.name, status: 'failed', statements: [], error, ms }),
      ),
    (t) => ({ target: t.name, status: 'skipped', statements: [], ms: 0 }),
    opts.onResult,
    opts.onStart,
  );
  const byKey = new Map<string, { statements: readonly string[]; targets: string[] }>();
  for (const r of results) {
    if (r.status !== 'drifted') continue;
    const key = r.statements.join('\n');
    const g = byKey.get(key) ?? { statements: r.statements, targets: [] };
    g.targets.push(r.target);
    byKey.set(key, g);
  }
  const groups = [...byKey.values()].sort((a, b) => b.targets.length - a.targets.length);
  return { ...totals, clean: results.every((r) => r.status === 'clean'), results, groups };
}
