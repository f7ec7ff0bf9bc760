/**
 * Domains and composite types changed in place, as PostgreSQL allows while columns use them (a drop and
 * create would fail on the dependent columns, or lose them):
 *  - domains: `ALTER DOMAIN … DROP CONSTRAINT | DROP DEFAULT | DROP NOT NULL` first, `SET DEFAULT`,
 *    `SET NOT NULL`, `ADD CONSTRAINT … CHECK` after tables and functions exist (they may call them);
 *  - composites: `DROP ATTRIBUTE` first, `ADD ATTRIBUTE` and (types no column uses) `ALTER ATTRIBUTE … TYPE`
 *    after new types exist; with `CASCADE` where typed tables are of the type (their columns follow: dropped,
 *    added, converted with a rewrite).
 */
import { sameCheck, sameExpr } from '../../diff/equal.js';
import type { Change } from '../../diff/changes.js';
import { quoteIdentAlways as qi, quoteLiteral } from '../../model/names.js';
import type { Effects } from '../types.js';
import type { StatementKind } from '../layout.js';
import { qn } from '../table-sql.js';
import { castInfo } from '../../model/casts.js';

export interface TypeStep {
  readonly kind: StatementKind;
  readonly comment: string;
  readonly sql: string;
  readonly effects?: Effects;
}

/** Before anything that may stop using what is dropped; after the drops of views. */
const EARLY: StatementKind = 'loosen-type';
/** After new types, before tables. */
const TYPES: StatementKind = 'alter-composite';
/** After tables and functions (their checks and defaults may call new functions). */
const LATE: StatementKind = 'tighten-domain';

/**
 * The statements of one `alter_type` change.
 *
 * @example
 * alterTypeSteps({ kind: 'alter_type', from: addr, to: { ...addr, attributes: [...addr.attributes, { name: 'city', type: 'text' }] }, usedBy: [] })
 * // [{ kind: 'alter-composite', sql: 'ALTER TYPE "app"."addr" ADD ATTRIBUTE "city" text', … }]
 */
/** `COMMENT ON CONSTRAINT c ON DOMAIN d IS …` (`IS NULL` when it has none). */
export function domainCheckComment(d: { schema: string; name: string }, k: { name: string; comment?: string }): string {
  return `COMMENT ON CONSTRAINT ${qi(k.name)} ON DOMAIN ${qn(d.schema, d.name)} IS ${k.comment === undefined ? 'NULL' : quoteLiteral(k.comment)}`;
}

export function alterTypeSteps(c: Extract<Change, { kind: 'alter_type' }>): TypeStep[] {
  const { from, to } = c;
  const name = qn(to.schema, to.name);
  const out: TypeStep[] = [];
  const used = c.usedBy.length ? ` (used by ${c.usedBy.join(', ')})` : '';
  if (from.kind === 'domain' && to.kind === 'domain') {
    const cm = `modify domain "${to.name}"`;
    const checkSql = (e: { text: string }) => (/^CHECK\b/i.test(e.text) ? e.text : `CHECK (${e.text})`);
    const kept = (n: string) => to.checks.find((k) => k.name === n);
    // A check that stays is validated in place; one that changes (or becomes NOT VALID) is dropped and added again.
    const again = (was: (typeof from.checks)[number], next: (typeof to.checks)[number]) => !sameCheck(was.expr, next.expr) || (!was.notValid && !!next.notValid);
    for (const k of from.checks) {
      const next = kept(k.name);
      if (!next || again(k, next)) out.push({ kind: EARLY, comment: cm, sql: `ALTER DOMAIN ${name} DROP CONSTRAINT ${qi(k.name)}` });
    }
    if (from.default && !to.default) out.push({ kind: EARLY, comment: cm, sql: `ALTER DOMAIN ${name} DROP DEFAULT` });
    if (from.notNull && !to.notNull) out.push({ kind: EARLY, comment: cm, sql: `ALTER DOMAIN ${name} DROP NOT NULL` });
    if (to.default && !sameExpr(from.default, to.default)) out.push({ kind: LATE, comment: cm, sql: `ALTER DOMAIN ${name} SET DEFAULT ${to.default.text}` });
    if (!from.notNull && to.notNull) out.push({ kind: LATE, comment: cm, sql: `ALTER DOMAIN ${name} SET NOT NULL`, effects: { mayFailOnExistingRows: `fails if a column of domain ${to.name} holds NULL${used}` } });
    for (const k of to.checks) {
      const was = from.checks.find((x) => x.name === k.name);
      if (!was || again(was, k))
        out.push({ kind: LATE, comment: cm, sql: `ALTER DOMAIN ${name} ADD CONSTRAINT ${qi(k.name)} ${checkSql(k.expr)}${k.notValid ? ' NOT VALID' : ''}`, effects: k.notValid ? {} : { mayFailOnExistingRows: `fails if a value of domain ${to.name} violates ${k.name}${used}` } });
      else if (was.notValid && !k.notValid)
        out.push({ kind: LATE, comment: cm, sql: `ALTER DOMAIN ${name} VALIDATE CONSTRAINT ${qi(k.name)}`, effects: { mayFailOnExistingRows: `fails if a value of domain ${to.name} violates ${k.name}${used}` } });
      // Its comment: set after it is added (again), or changed on a check that stays.
      const before = was && !again(was, k) ? was.comment : undefined;
      if ((before ?? '') !== (k.comment ?? '')) out.push({ kind: LATE, comment: cm, sql: domainCheckComment(to, k) });
    }
  } else if (from.kind === 'composite' && to.kind === 'composite') {
    const cm = `modify composite type "${to.name}"`;
    // Typed tables of the type (CREATE TABLE t OF type): PostgreSQL changes their columns with CASCADE only.
    const cascade = c.typedTables?.length ? ' CASCADE' : '';
    const attr = (a: { name: string; type: string; collation?: string }) => `${qi(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`;
    const typed = c.typedTables ?? [];
    for (const a of from.attributes) {
      if (to.attributes.some((b) => b.name === a.name)) continue;
      // With typed tables, the column of each goes too (as a DROP COLUMN would).
      const lost = [...c.usedBy.map((u) => `the values stored in ${u}`), ...typed.map((t) => `column ${t}.${a.name}`)];
      out.push({ kind: EARLY, comment: cm, sql: `ALTER TYPE ${name} DROP ATTRIBUTE ${qi(a.name)}${cascade}`, effects: lost.length ? { deletesData: `drops attribute ${a.name} of ${to.name}, and with it ${lost.join(', ')}`, ...(typed.length ? { locksExistingTable: true } : {}) } : {} });
    }
    for (const b of to.attributes) {
      const a = from.attributes.find((x) => x.name === b.name);
      if (!a) out.push({ kind: TYPES, comment: cm, sql: `ALTER TYPE ${name} ADD ATTRIBUTE ${attr(b)}${cascade}`, ...(typed.length ? { effects: { locksExistingTable: true } } : {}) });
      else if (a.type !== b.type || (a.collation ?? '') !== (b.collation ?? '')) {
        // The typed tables' columns are converted as ALTER COLUMN … TYPE without USING would (an assignment cast: the
        // diff refuses a change that has none, ../../diff/typed-tables.ts), their indexes rebuilt.
        const cast = castInfo(a.type, b.type);
        const effects: Effects = typed.length ? { rewritesTable: cast.rewrite || (a.collation ?? '') !== (b.collation ?? ''), locksExistingTable: true, ...(cast.mayFail ? { mayFailOnExistingRows: `converting column ${b.name} of ${typed.join(', ')} from ${a.type} to ${b.type} fails on values that do not convert` } : {}) } : {};
        out.push({ kind: TYPES, comment: cm, sql: `ALTER TYPE ${name} ALTER ATTRIBUTE ${qi(b.name)} TYPE ${b.type}${b.collation ? ` COLLATE ${b.collation}` : ''}${cascade}`, effects });
      }
    }
  }
  return out;
}
