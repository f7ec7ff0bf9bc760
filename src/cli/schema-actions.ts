/** Actions of `meridian schema inspect|validate|apply|diff` and `migrate diff`. */
import { loadLibpgQuery } from '../parse/libpg.js';
import { formatChoice } from './format-template.js';
import { allowDevClear, openDevDatabase } from '../workflow/dev-lease.js';
import pc from './colors.js';
import { openDatabase, parseDatabaseUrl } from '../db/index.js';
import { knownMajor } from '../db/url.js';
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { inspect } from '../inspect/index.js';
import type { Model, Unmanaged } from '../model/types.js';
import { migrateDiff } from '../workflow/migrate-diff.js';
import type { RenameHint } from '../workflow/rename-hints.js';
import { modelToMermaid, modelToSql } from '../workflow/render.js';
import { resolveState, type ApplyTxMode } from '../workflow/schema-apply.js';
import { schemaApply, type SchemaApplyPlan } from '../workflow/schema-apply-command.js';
import { schemaDiff } from '../workflow/schema-diff.js';
import { readSchemaSources } from '../workflow/state.js';
import { schemaValidate } from '../workflow/schema-validate.js';
import { planOptionsFrom, printBackup, printTarget, type CommonOptions, type ConsentFlags, type PlanFlags } from './common.js';
import { configFrom } from './config-from.js';
import { formatProblem, formatProblems, problemJson } from '../problem.js';
import { fleetDriftAction, fleetFromFlags } from './migrate-fleet.js';
import { confirm } from './prompt.js';
import { parseAllowHazards } from '../workflow/consent.js';

const out = (s: string) => process.stdout.write(s);

/** The search_path a URL binds (`?search_path=app`): where unqualified names in schema files resolve. */
function searchPathOf(url: string): string[] | undefined {
  try {
    const sp = parseDatabaseUrl(url).searchPath;
    return sp ? sp.split(',').map((x) => x.trim()).filter(Boolean) : undefined;
  } catch {
    return undefined;
  }
}

/** Prints statements with their hazards (shared by diff, apply and the confirm prompts). */
export function formatPlan(statements: SchemaApplyPlan['statements']): string {
  return statements
    .map((s) => {
      const hz = s.hazards.map((h) => pc.yellow(`    -- hazard ${h.code}: ${h.message}`)).join('\n');
      return `  -- ${s.comment}\n  ${s.sql};${hz ? `\n${hz}` : ''}`;
    })
    .join('\n') + '\n';
}

/** Runs `fn` with an opener of the dev database: it opens only if something asks for it (URL-only diffs never do), and closes after. */
async function withLazyDev<T>(url: string, fn: (dev: () => Promise<Database>) => Promise<T>, clear?: boolean): Promise<T> {
  let dev: Promise<Database> | undefined;
  try {
    return await fn(() => (dev ??= openDatabase(url).then((d) => (clear ? allowDevClear(d) : d))));
  } finally {
    if (dev) await (await dev).close();
  }
}

/**
 * `schema inspect`: a database's schema, or (as Atlas's `schema inspect -u file://schema.sql --dev-url …`) the
 * state of schema files or a migration directory, run on the dev database (statements only a database follows,
 * such as DO blocks, included).
 */
export async function schemaInspectAction(opts: CommonOptions): Promise<void> {
  const fromFiles = typeof opts.url === 'string' && /^file:\/\//i.test(opts.url);
  const cfg = configFrom(fromFiles ? { ...opts, url: undefined } : opts);
  const read = async (): Promise<{ model: Model; unmanaged: readonly Unmanaged[] }> => {
    if (fromFiles) {
      const model = await withLazyDev(cfg.devUrl, (dev) => resolveState(opts.url as string, dev, { schemas: cfg.schemas, exclude: cfg.exclude, cwd: cfg.cwd }), opts.devClear);
      return { model, unmanaged: model.unmanaged };
    }
    const db = await openDatabase(cfg.url);
    try {
      return await inspect(db, { schemas: cfg.schemas, exclude: cfg.exclude });
    } finally {
      await db.close();
    }
  };
  const { model, unmanaged } = await read();
  const format = formatChoice(opts.format);
  if (format.kind === 'json') out(JSON.stringify({ ...model, unmanaged }, null, 2) + '\n');
  else if (format.kind === 'mermaid') out(modelToMermaid(model));
  else {
    // A URL bound to one schema (`?search_path=app`; the dev URL's for files): Atlas's schema scope, names written without it.
    const bound = searchPathOf(fromFiles ? cfg.devUrl ?? '' : cfg.url);
    const scope = bound?.length === 1 && model.schemas[bound[0]!] ? bound[0] : undefined;
    if (scope || format.indent) await loadLibpgQuery();
    out(modelToSql(model, { indent: format.indent, scope }));
    if (unmanaged.length) out(`-- unmanaged (not represented above): ${unmanaged.map((u) => `${u.kind} ${u.schema}.${u.name}`).join(', ')}\n`);
  }
}

/** `schema validate`: the workflow's `schemaValidate`, its problems printed (text on stderr, or JSON). */
export async function schemaValidateAction(opts: CommonOptions & { native?: boolean }): Promise<void> {
  const cfg = configFrom(opts);
  const r = await schemaValidate({ schema: cfg.schemaPath, cwd: cfg.cwd, searchPath: searchPathOf(cfg.url), native: opts.native, dev: () => openDevDatabase(cfg.devUrl, { clear: opts.devClear }) });
  if (formatChoice(opts.format).kind === 'json') {
    out(JSON.stringify({ valid: r.valid, statements: r.statements, errors: r.errors.map(problemJson), warnings: r.warnings.map(problemJson) }, null, 2) + '\n');
    if (!r.valid) process.exitCode = 1;
    return;
  }
  if (r.warnings.length) process.stderr.write(formatProblems(r.warnings) + '\n');
  if (!r.valid) {
    process.stderr.write(formatProblems(r.errors) + '\n');
    throw new MeridianError('E_VALIDATE', `${r.errors.length} error(s) in ${r.files.join(', ')}`);
  }
  const [n, t, w] = [r.statements, r.tables, r.warnings.length];
  out(`${r.files.join(', ')}: valid (${n} statement${n === 1 ? '' : 's'}, ${t} table${t === 1 ? '' : 's'}${w ? `, ${w} warning${w === 1 ? '' : 's'}` : ''})\n`);
}

export async function schemaApplyAction(opts: CommonOptions & PlanFlags & ConsentFlags & { dryRun?: boolean; native?: boolean; backupFile?: string; skipBackup?: boolean; allowEmpty?: boolean; txMode?: string }): Promise<void> {
  const txMode = (opts.txMode ?? 'file') as ApplyTxMode;
  if (!['file', 'none'].includes(txMode)) throw new MeridianError('E_USAGE', `unknown tx-mode "${opts.txMode}": use file or none`);
  const cfg = configFrom(opts);
  parseAllowHazards(opts.allowHazards);
  const sources = readSchemaSources(cfg.schemaPath, cfg.cwd);
  if (!opts.dryRun) printTarget(cfg, 'schema apply');
  const db = await openDatabase(cfg.url);
  try {
    const r = await schemaApply(db, {
      schema: sources, dev: () => openDevDatabase(cfg.devUrl, { clear: opts.devClear }),
      schemas: cfg.schemas, exclude: cfg.exclude, native: opts.native !== false, plan: planOptionsFrom(opts), allowEmpty: opts.allowEmpty, dryRun: opts.dryRun, txMode,
      protection: cfg.protection, envName: cfg.envName, url: cfg.url, cwd: cfg.cwd,
      consent: { autoApprove: opts.autoApprove, allowHazards: opts.allowHazards, approvePlan: opts.approvePlan },
      backupFile: opts.backupFile, skipBackup: opts.skipBackup,
      onPlan: (p) => {
        for (const w of p.warnings) process.stderr.write(`warning: ${formatProblem(w, { label: 'none' })}\n`);
        if (p.statements.length) out(`Planned changes for ${db.displayUrl}:\n${formatPlan(p.statements)}\nPlan hash: ${p.hash}\n`);
      },
      confirm: process.stdin.isTTY ? (p) => confirm(`Apply ${p.statements.length} statement(s)${p.destructive ? pc.red(` (${p.destructive} delete data)`) : ''} to ${p.target}?`) : undefined,
      onApprove: (_, g) => printBackup(g),
    });
    if (r.plan.statements.length === 0) out('Schema is synced, no changes to be made\n');
    else if (r.guard && !r.guard.proceed) {
      out('Aborted: nothing was applied\n');
      process.exitCode = 1;
    } else if (r.executed !== undefined) out(`Applied ${r.executed} statement(s)\n`);
  } finally {
    await db.close();
  }
}

export async function schemaDiffAction(opts: CommonOptions & PlanFlags & { from: string; to: string }): Promise<void> {
  const cfg = configFrom({ ...opts, to: undefined });
  const format = formatChoice(opts.format);
  const dev = () => openDevDatabase(cfg.devUrl, { clear: opts.devClear });
  const r = await schemaDiff({ from: opts.from, to: opts.to, dev, schemas: cfg.schemas, exclude: cfg.exclude, cwd: cfg.cwd, plan: { ...planOptionsFrom(opts), indent: format.indent } });
  if (format.kind === 'json') out(JSON.stringify(r.statements.map((s) => ({ sql: s.sql, comment: s.comment, hazards: s.hazards, transactional: s.transactional, object: s.object, change: s.source.kind })), null, 2) + '\n');
  else out(r.sql || 'Schemas are synced, no changes to be made.\n');
}

export async function migrateDiffAction(
  name: string | undefined,
  opts: CommonOptions & PlanFlags & { from?: string; native?: boolean; data?: boolean; allowEmpty?: boolean; verbose?: boolean; unqualified?: boolean },
): Promise<void> {
  // An env over a fleet (for_each): a drift report of every target, grouped by difference.
  const fleet = opts.from ? undefined : await fleetFromFlags(opts);
  if (fleet?.targets) return fleetDriftAction(opts, fleet);
  const cfg = configFrom(opts, fleet?.hclEnvs ? { hclEnvs: fleet.hclEnvs } : {});
  // Atlas's `{{ sql . "  " }}` shapes the file written; the names `sql` and `json` print instead of writing.
  const format = formatChoice(opts.format);
  const print = !format.template && (format.kind === 'sql' || format.kind === 'json');
  // The dev database opens only if a state does not fold natively (or --from needs it).
  await withLazyDev(cfg.devUrl, async (dev) => {
    const current = opts.from ? await resolveState(opts.from, dev, { schemas: cfg.schemas, exclude: cfg.exclude, cwd: cfg.cwd }) : undefined;
    // On a terminal, a drop + add that looks like a rename is asked about (Atlas-style), never assumed.
    const confirmRenames = async (candidates: readonly RenameHint[]) => {
      const yes: RenameHint[] = [];
      for (const h of candidates) {
        const what = h.object === 'table' ? `table "${h.schema}.${h.from}" to "${h.table}"` : `column "${h.table}.${h.from}" to "${h.column}"`;
        if (await confirm(`Did you rename ${what}? (otherwise it is dropped with its data and a new one is added)`)) yes.push(h);
      }
      return yes;
    };
    // A dev URL bound to one schema (`?search_path=app`), or one --schema: Atlas's schema scope, where the
    // files' unqualified names live in that schema and the migration is written without it.
    const bound = searchPathOf(cfg.devUrl ?? '');
    // `--unqualified` asks for it without a bound URL: the one --schema, else public.
    const scope = bound?.length === 1 ? bound[0] : cfg.schemas?.length === 1 ? cfg.schemas[0] : opts.unqualified ? 'public' : undefined;
    const r = await migrateDiff({
      migrationsDir: cfg.migrationsDir, schemaPath: cfg.schemaPath, dev, serverMajor: knownMajor(cfg.devUrl), name, schemas: cfg.schemas ?? (scope ? [scope] : undefined), exclude: cfg.exclude, cwd: cfg.cwd, native: opts.native !== false,
      ...(scope ? { scope, searchPath: [scope] } : {}),
      dryRun: print || !!opts.from, current, plan: { ...planOptionsFrom(opts), indent: format.indent }, allowEmpty: opts.allowEmpty, data: opts.data !== false,
      ...(!opts.from && !print && process.stdin.isTTY ? { confirmRenames } : {}),
      // Atlas's `migrate diff` prints nothing when it writes a file, and pipelines rely on that; a person at a
      // terminal (or --verbose) is told the file's name and what the analyzers see in it.
      lint: !!opts.verbose || !!process.stdout.isTTY,
    });
    for (const w of r.problems) process.stderr.write(`warning: ${formatProblem(w, { label: 'none' })}\n`);
    if (r.statements.length === 0 && r.data.length === 0) {
      out(opts.from ? 'No drift: the database matches the desired state\n' : 'The migration directory is synced with the desired state, no changes to be made\n');
      return;
    }
    if (format.kind === 'json') {
      out(JSON.stringify(r.statements.map((s) => ({ sql: s.sql, comment: s.comment, hazards: s.hazards, transactional: s.transactional })), null, 2) + '\n');
      return;
    }
    if (print || opts.from) {
      if (opts.from) out(`Drift: ${opts.from.replace(/:\/\/[^@]*@/, '://…@')} differs from the desired state:\n`);
      out(r.content ?? '');
      if (opts.from) process.exitCode = 1;
      return;
    }
    if (!opts.verbose && !process.stdout.isTTY) return;
    const n = r.statements.length + r.data.length;
    out(`Created ${r.file} (${n} statement${n === 1 ? '' : 's'}${r.data.length ? `, ${r.data.length} of them data` : ''})\n`);
    // The lint analyzers' findings on the statements just written (no database needed), located in the new file.
    const findings = r.findings ?? [];
    if (findings.length) {
      out(pc.yellow(`\nReview before applying (migrate lint):\n`));
      for (const p of findings) out(pc.yellow(formatProblem(p, { label: 'plain', indent: '  ' }) + '\n'));
    }
  }, opts.devClear);
}
