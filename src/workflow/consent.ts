/**
 * Consent: who may run a plan that changes a database, and how they say so.
 *
 * In:  a plan summary (its statements' hazards and its hash), the environment's protection, and what the
 *      caller said (`--auto-approve`, `--allow-hazards`, `--approve-plan`, whether a person is at a terminal).
 * Out: proceed, ask the person, or a MeridianError that says plainly what is required. Pure: no I/O.
 *
 * The rules (the same for the CLI and a library caller):
 * - `--auto-approve` approves what the plan marks safe. A hazard (DELETES_DATA, TABLE_REWRITE, …) must be
 *   named with `--allow-hazards`, or confirmed by a person at a terminal who was shown the statements.
 * - A protected environment never runs a hazard that is not named, even interactively, and never runs
 *   unattended without an explicit approval: `--auto-approve` (with the hazards named) or
 *   `--approve-plan <hash>` of the exact plan a reviewer saw in `--dry-run`. There is no blanket flag.
 * - `migrate apply` in an unprotected environment runs without a terminal as Atlas does (the files were
 *   reviewed when they were committed); it asks only at a terminal without `--auto-approve`.
 */
import { createHash } from 'node:crypto';
import type { Protection } from '../config/protection.js';
import { MeridianError } from '../errors.js';
import type { Finding } from '../lint/index.js';
import type { HazardCode, Statement } from '../plan/index.js';

/** Every hazard class a plan can carry, in the order they are listed. */
export const HAZARD_CODES: readonly HazardCode[] = ['DELETES_DATA', 'TABLE_REWRITE', 'ACCESS_EXCLUSIVE_LOCK', 'INDEX_BUILD', 'DATA_DEPENDENT', 'BREAKS_DEPENDANTS', 'NOT_TRANSACTIONAL'];

/** One hazardous statement of a plan. */
export interface PlannedHazard {
  readonly code: HazardCode;
  /** The statement (or `file:line` and its text for a migration file). */
  readonly statement: string;
  readonly message: string;
}

/** What the caller said about running the plan. */
export interface ConsentInput {
  readonly autoApprove?: boolean;
  /** Hazard classes named by `--allow-hazards` (comma-separated values accepted). */
  readonly allowHazards?: readonly string[];
  /** `--approve-plan <hash>`: the hash (or its first 12+ characters) of the plan that was reviewed. */
  readonly approvePlan?: string;
  /** True when a person can be asked (a TTY, or a library caller's confirm callback). */
  readonly interactive: boolean;
}

export type ConsentDecision =
  | { readonly kind: 'proceed'; readonly via: 'auto-approve' | 'plan-hash' | 'unattended' }
  | { readonly kind: 'ask' };

/** Which command is asking: decides the unattended default and the words used. */
export interface ConsentContext {
  /** e.g. `migrate apply`. */
  readonly command: string;
  readonly protection: Protection;
  /** The environment's name for messages (`prod`), when one was named. */
  readonly envName?: string;
  /** True for `migrate apply`: without a terminal it proceeds (Atlas) unless the environment is protected. */
  readonly unattendedByDefault?: boolean;
}

/**
 * The hash of a plan: the SHA-256 of its statements in order (and, for migration files, their names),
 * printed by `--dry-run` and accepted by `--approve-plan`.
 *
 * @example
 * planHash(['20260101000000_a.sql', 'DROP TABLE t']) // 'sha256:3f1c…' (64 hex digits)
 */
export function planHash(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${Buffer.byteLength(p)}:${p}\n`);
  return `sha256:${h.digest('hex')}`;
}

/** The hazards of planned statements, one entry per statement and class. */
export function hazardsOfStatements(statements: readonly Statement[]): PlannedHazard[] {
  return statements.flatMap((s) => s.hazards.map((h) => ({ code: h.code, statement: s.sql, message: h.message })));
}

/**
 * The hazard classes of lint findings on migration files (the analyzers say what a statement does; the
 * class is what it risks). Findings that risk nothing at run time (naming, a dropped foreign key) map to none.
 */
export function hazardsOfFindings(findings: readonly Finding[]): PlannedHazard[] {
  const classOf = (f: Finding): HazardCode | undefined => {
    switch (f.analyzer) {
      case 'destructive':
        return 'DELETES_DATA';
      case 'data_depend':
        return 'DATA_DEPENDENT';
      case 'incompatible':
        return 'BREAKS_DEPENDANTS';
      case 'concurrent_index':
        return /^Creating index/.test(f.message) ? 'INDEX_BUILD' : /^Dropping index/.test(f.message) ? 'ACCESS_EXCLUSIVE_LOCK' : undefined;
      case 'postgres':
        return /rewrites table/i.test(f.message) ? 'TABLE_REWRITE' : /^Dropping a column/.test(f.message) ? 'DELETES_DATA' : /validates every row/.test(f.message) ? 'ACCESS_EXCLUSIVE_LOCK' : undefined;
      default:
        return undefined;
    }
  };
  const out: PlannedHazard[] = [];
  for (const f of findings) {
    const code = classOf(f);
    if (code) out.push({ code, statement: `${f.file}:${f.line}`, message: `${f.code}: ${f.message}` });
  }
  return out;
}

/**
 * Parses `--allow-hazards` values (repeatable, comma-separated) and refuses a name that is not a hazard class.
 *
 * @example
 * parseAllowHazards(['DELETES_DATA,table_rewrite']) // ['DELETES_DATA', 'TABLE_REWRITE']
 */
export function parseAllowHazards(values: readonly string[] | undefined): HazardCode[] {
  const out: HazardCode[] = [];
  for (const v of (values ?? []).flatMap((x) => x.split(','))) {
    const name = v.trim().toUpperCase();
    if (!name) continue;
    if (!(HAZARD_CODES as readonly string[]).includes(name)) {
      throw new MeridianError('E_USAGE', `--allow-hazards: unknown hazard "${v.trim()}": use one or more of ${HAZARD_CODES.join(', ')}`);
    }
    out.push(name as HazardCode);
  }
  return out;
}

/** The statements of each hazard class that was not allowed, as lines for a message. */
function listUnallowed(hazards: readonly PlannedHazard[], allowed: ReadonlySet<string>): { classes: string[]; lines: string[] } {
  const classes = HAZARD_CODES.filter((c) => hazards.some((h) => h.code === c && !allowed.has(c)));
  const lines = classes.flatMap((c) => [
    `  ${c}:`,
    ...hazards.filter((h) => h.code === c).map((h) => `    ${h.statement.replace(/\s+/g, ' ').slice(0, 200)}  -- ${h.message}`),
  ]);
  return { classes, lines };
}

function matchesHash(given: string, hash: string): boolean {
  const g = given.trim().toLowerCase().replace(/^sha256:/, '');
  const h = hash.replace(/^sha256:/, '');
  return g.length >= 12 && h.startsWith(g);
}

/**
 * Decides whether a plan may run. Throws a MeridianError (E_HAZARD, E_PLAN_CHANGED or E_CONFIRM) that
 * lists what is required when it may not; returns `ask` when a person must confirm first.
 *
 * @example
 * const d = decideConsent({ command: 'schema apply', protection }, { hazards, hash }, { autoApprove: true, allowHazards: ['DELETES_DATA'], interactive: false });
 * if (d.kind === 'ask' && !(await confirm())) return;
 */
export function decideConsent(ctx: ConsentContext, plan: { hazards: readonly PlannedHazard[]; hash: string }, input: ConsentInput): ConsentDecision {
  const allowed = new Set<string>(parseAllowHazards(input.allowHazards));
  const { classes, lines } = listUnallowed(plan.hazards, allowed);
  const where = ctx.protection.protected ? `${ctx.envName ? `env "${ctx.envName}"` : 'this database'} is protected (${ctx.protection.reason})` : undefined;
  const hazardError = (why: string) =>
    new MeridianError('E_HAZARD', `${ctx.command}: ${why}; the plan has ${classes.length === 1 ? 'a hazard' : 'hazards'} that must be named with --allow-hazards ${classes.join(',')}:\n${lines.join('\n')}`);
  if (input.approvePlan !== undefined && !matchesHash(input.approvePlan, plan.hash)) {
    throw new MeridianError('E_PLAN_CHANGED', `${ctx.command}: --approve-plan ${input.approvePlan} does not match the plan to run (${plan.hash}): review it again with --dry-run`);
  }
  if (ctx.protection.protected) {
    if (classes.length) throw hazardError(where!);
    if (input.approvePlan !== undefined) return { kind: 'proceed', via: 'plan-hash' };
    if (input.autoApprove) return { kind: 'proceed', via: 'auto-approve' };
    if (input.interactive) return { kind: 'ask' };
    throw new MeridianError(
      'E_CONFIRM',
      `${ctx.command}: ${where}: nothing runs unattended without an explicit approval. Review the plan with --dry-run, then pass --approve-plan ${plan.hash.slice(0, 19)}… (this plan's hash), or --auto-approve (hazards, if any, named with --allow-hazards), or run it from a terminal`,
    );
  }
  if (input.approvePlan !== undefined) {
    if (classes.length && !input.interactive) throw hazardError('--approve-plan approves the statements, not their hazards');
    return classes.length ? { kind: 'ask' } : { kind: 'proceed', via: 'plan-hash' };
  }
  if (input.autoApprove) {
    if (classes.length) {
      if (input.interactive) return { kind: 'ask' };
      throw hazardError('--auto-approve approves only what the plan marks safe');
    }
    return { kind: 'proceed', via: 'auto-approve' };
  }
  if (input.interactive) return { kind: 'ask' };
  if (ctx.unattendedByDefault) return { kind: 'proceed', via: 'unattended' };
  throw new MeridianError('E_CONFIRM', `${ctx.command}: confirmation needed but stdin is not a terminal: pass --auto-approve to proceed without a prompt${classes.length ? ` (and --allow-hazards ${classes.join(',')})` : ''}`);
}
