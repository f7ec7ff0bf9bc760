/**
 * The kinds a schema file may not hold (#27, the README's *refused* rows): the one list every command checks before
 * anything runs. A refused statement is final: `schema validate` (with or without --native), `schema apply`,
 * `migrate diff` and `schema inspect` of a file all stop on it with the same located `E_UNSUPPORTED`, before the
 * dev database or the target runs anything. It differs from what the fold merely cannot follow (a `DO` block, an
 * `ALTER … RENAME` of a kind it does not rename): those go to the dev database, which runs them and is inspected
 * after, so their effect reaches the plan. What a refused statement makes is never read back (access methods,
 * subscriptions, conversions, C-level types and text search parts, transforms, languages, security labels,
 * tablespaces, privileges on PostgreSQL's own objects): run on the dev database it would be planned as nothing,
 * silently.
 *
 * In: a statement's node type and payload. Out: the refusal (the kind, PostgreSQL's name for the statement, and
 * what to do instead), or undefined. Never: I/O.
 */
import type { Node } from './ast.js';
import { statementKind } from './statement-kind.js';

/** Why a statement may not be in a schema file. */
export interface Refusal {
  /** The row of the README's vocabulary table (`ACCESS METHOD`, `SUBSCRIPTION`, …), or the clause's kind (`TABLESPACE`). */
  readonly kind: string;
  /** The statement or clause as PostgreSQL names it (`CREATE ACCESS METHOD`). */
  readonly what: string;
  /** Why, when the kind alone does not say it (`tablespaces are not managed`). */
  readonly why?: string;
  /** What to do instead. */
  readonly instead: string;
}

/** What to do with a statement that belongs in a migration. */
export const TO_A_MIGRATION = 'move it to a migration (`meridian migrate new`)';

type Rule = {
  readonly kind: string;
  readonly match: (type: string, n: Record<string, unknown>) => boolean;
  /** The statement's name when PostgreSQL's command tag does not say enough (an ALTER TABLE subcommand). */
  readonly what?: string;
  readonly why?: string;
  readonly instead?: string;
};

const C_LEVEL = 'built on C-level functions; ship it in an extension';
const isDefine = (kind: string) => (type: string, n: Record<string, unknown>) => type === 'DefineStmt' && n.kind === kind;
const oneOf = (...types: string[]) => (type: string) => types.includes(type);

/** The refused kinds, by the statements that create or change them. */
const REFUSED: readonly Rule[] = [
  { kind: 'SHELL TYPE', match: (type, n) => type === 'DefineStmt' && n.kind === 'OBJECT_TYPE' },
  { kind: 'SUBSCRIPTION', match: oneOf('CreateSubscriptionStmt', 'AlterSubscriptionStmt', 'DropSubscriptionStmt') },
  { kind: 'CONVERSION', match: oneOf('CreateConversionStmt') },
  { kind: 'TEXT SEARCH PARSER', match: isDefine('OBJECT_TSPARSER'), why: C_LEVEL },
  { kind: 'TEXT SEARCH TEMPLATE', match: isDefine('OBJECT_TSTEMPLATE'), why: C_LEVEL },
  { kind: 'ACCESS METHOD', match: oneOf('CreateAmStmt') },
  { kind: 'TRANSFORM', match: oneOf('CreateTransformStmt') },
  { kind: 'PROCEDURAL LANGUAGE', match: oneOf('CreatePLangStmt') },
  { kind: 'SECURITY LABEL', match: oneOf('SecLabelStmt') },
  { kind: 'TABLESPACE', match: oneOf('CreateTableSpaceStmt', 'DropTableSpaceStmt', 'AlterTableSpaceOptionsStmt', 'AlterTableMoveAllStmt') },
  { kind: 'TABLESPACE', match: (type, n) => type === 'AlterTableStmt' && movesToTablespace(n), what: 'SET TABLESPACE', why: 'tablespaces are not managed' },
];

/** `ALTER TABLE | INDEX | MATERIALIZED VIEW … SET TABLESPACE x` with x not the database's default. */
function movesToTablespace(n: Record<string, unknown>): boolean {
  const cmds = (n.cmds ?? []) as { AlterTableCmd?: { subtype?: string; name?: string } }[];
  return cmds.some((c) => c.AlterTableCmd?.subtype === 'AT_SetTableSpace' && c.AlterTableCmd.name !== 'pg_default');
}

/** The kinds of the list, as the README's vocabulary table names them. */
export const REFUSED_KINDS: readonly string[] = [...new Set(REFUSED.map((r) => r.kind))];

/**
 * The refusal of a whole statement, or undefined when its kind may be in a schema file.
 *
 * @example
 * refusedStatement('CreateAmStmt', {})?.what // 'CREATE ACCESS METHOD'
 * refusedStatement('DoStmt', {}) // undefined: the dev database runs it
 */
export function refusedStatement(type: string, n: Node | Record<string, unknown> | undefined): Refusal | undefined {
  const node = (n ?? {}) as Record<string, unknown>;
  const rule = REFUSED.find((r) => r.match(type, node));
  if (!rule) return undefined;
  const tag = statementKind(type, n);
  if (rule.what) return { kind: rule.kind, what: `${tag} … ${rule.what}`, ...(rule.why ? { why: rule.why } : {}), instead: rule.instead ?? TO_A_MIGRATION };
  return { kind: rule.kind, what: rule.why ? `${tag} (${rule.why})` : tag, instead: rule.instead ?? TO_A_MIGRATION };
}

/**
 * A refusal's message: the statement, that a schema file may not hold it, and what to do instead.
 *
 * @example
 * refusalMessage({ kind: 'ACCESS METHOD', what: 'CREATE ACCESS METHOD', instead: TO_A_MIGRATION })
 * // 'CREATE ACCESS METHOD is not supported in a schema file; move it to a migration (`meridian migrate new`)'
 */
export function refusalMessage(r: Refusal): string {
  return `${r.what} is not supported in a schema file${r.why ? ` (${r.why})` : ''}; ${r.instead}`;
}

/**
 * Why a tablespace clause is refused (`TABLESPACE x`, `USING INDEX TABLESPACE x`, `SET default_tablespace = x`), or
 * undefined when it names the database's default (`pg_default`, or `''` for default_tablespace): tablespaces are not
 * managed, and a relation placed in one would not round trip.
 *
 * @example
 * refusalMessage(tablespaceRefusal('TABLESPACE', 'fast')!) // 'TABLESPACE fast is not supported in a schema file (tablespaces are not managed); …'
 * tablespaceRefusal('TABLESPACE', 'pg_default') // undefined
 */
export function tablespaceRefusal(clause: string, name: string | undefined): Refusal | undefined {
  if (!name || name === 'pg_default') return undefined;
  return { kind: 'TABLESPACE', what: `${clause} ${name}`, why: 'tablespaces are not managed', instead: `${TO_A_MIGRATION} or leave the clause out` };
}
