/**
 * Shrinking a failing generated pair to a minimal reproduction: remove one unit key (an object with its
 * comments and seed rows, from both states) at a time, keep the removal when the case still fails the
 * same way, until no removal keeps the failure. A removal that makes a start state invalid (a dependent
 * object left without what it needs) fails differently and is not kept.
 *
 * @example
 * const { removed, failure } = await shrink(rendered, (c) => failureOf(() => runCase(a, b, c)));
 * console.log(formatCase(pairCase(rendered, removed)));
 */
import { BuildError, type AcceptanceCase } from '../acceptance/harness.js';
import { pairCase, unitKeys, type RenderedPair } from './pair.js';

/** How a case failed, with names and numbers blotted out: two failures of one kind compare equal. */
export function failureKind(e: unknown): string {
  if (e instanceof BuildError) return 'build';
  const msg = e instanceof Error ? e.message : String(e);
  const dir = /\((old → new|new → old)\)/.exec(msg)?.[1] ?? '';
  const failed = /statement failed: [^\n]*\n(?:[\s\S]*?\n)?([^\n]*(?:does not exist|depend|cannot|must|violat|already|invalid|error|not)[^\n]*)/i.exec(msg);
  const blot = (s: string) => s.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N');
  if (failed) return `${dir} apply: ${blot(failed[1]!)}`;
  const label = /(re-plan after applying must be empty|pg_dump of the migrated database|seed rows|plan computed twice|was recreated|was rewritten|objects Meridian does not manage)/.exec(msg)?.[1];
  return `${dir} ${label ?? blot(msg.split('\n')[0]!.slice(0, 120))}`;
}

/** Runs `run` and returns its failure kind, or undefined when it passes. */
export async function failureOf(run: () => Promise<unknown>): Promise<{ kind: string; error: unknown } | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return { kind: failureKind(error), error };
  }
}

export async function shrink(
  rendered: RenderedPair,
  check: (c: AcceptanceCase) => Promise<{ kind: string; error: unknown } | undefined>,
  kind: string,
): Promise<{ removed: Set<string>; error: unknown }> {
  const removed = new Set<string>();
  let error: unknown;
  for (let changed = true; changed; ) {
    changed = false;
    for (const key of unitKeys(rendered)) {
      if (removed.has(key)) continue;
      const trial = new Set([...removed, key]);
      const f = await check(pairCase(rendered, trial));
      if (f?.kind === kind) {
        removed.add(key);
        error = f.error;
        changed = true;
      }
    }
  }
  return { removed, error };
}

/** An acceptance case as TypeScript source, ready to paste into test/acceptance/cases-*.ts. */
export function formatCase(c: AcceptanceCase): string {
  const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  const list = (l: readonly string[]) => `[\n${l.map((s) => `      ${str(s)},`).join('\n')}\n    ]`;
  const lines = [`  {`, `    name: ${str(c.name)},`, `    old: ${list(c.old)},`, `    new: ${list(c.new)},`];
  if (c.seed) lines.push(`    seed: ${str(c.seed)},`);
  if (c.seedBack) lines.push(`    seedBack: ${str(c.seedBack)},`);
  if (c.keepsTables?.length) lines.push(`    keepsTables: [${c.keepsTables.map((k) => `{ tables: [${k.tables.map(str).join(', ')}], query: ${str(k.query)} }`).join(', ')}],`);
  lines.push(`  },`);
  return lines.join('\n');
}
