/**
 * Equality of Model objects for the differ. Two spellings of one thing are equal: when the texts differ,
 * both sides are compared in the parser's canonical form (src/parse/normalize.ts), so a parsed schema
 * (the user's spelling) and an inspected database (PostgreSQL's spelling) compare as PostgreSQL would.
 * Identical texts never reach the parser: inspected-vs-inspected diffs stay as fast as string compares.
 */
import { qualifiedKey } from '../model/names.js';
import type { CatalogObject, Column, Constraint, Expr, ForeignColumn, Func, Index, Model, Policy, Sequence, Trigger, View } from '../model/types.js';
import {
  canonicalBoundText, canonicalConstraintText, canonicalExprText, canonicalQueryText, canonicalStatementText, isNormalized, type NormalizeContext,
} from '../parse/normalize.js';

const exprCanon = (e: Expr) => (isNormalized(e.canonical) ? e.canonical : canonicalExprText(e.text));

/** Two optional expressions mean the same. */
export function sameExpr(a: Expr | undefined, b: Expr | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.canonical === b.canonical || a.text === b.text || exprCanon(a) === exprCanon(b);
}

/**
 * Identity columns: generation and sequence options. The sequence's type is not compared: it follows the
 * column's type and cannot be set (`CREATE TABLE … (LIKE …)` alone leaves a bigint sequence behind).
 */
export function sameIdentity(a: Column['identity'], b: Column['identity']): boolean {
  if (!a || !b) return !a && !b;
  const k = (i: NonNullable<Column['identity']>) => JSON.stringify([i.generation, i.sequence.start, i.sequence.increment, i.sequence.min, i.sequence.max, i.sequence.cache, i.sequence.cycle]);
  return k(a) === k(b);
}

/** Domain CHECKs are stored as `CHECK (…)` by the inspector and as the bare expression by the parser. */
export function sameCheck(a: Expr, b: Expr): boolean {
  const bare = (e: Expr): Expr => (isNormalized(e.canonical) ? e : { canonical: e.text.replace(/^CHECK\s*/i, '').replace(/\s+NOT VALID$/i, ''), text: e.text.replace(/^CHECK\s*/i, '').replace(/\s+NOT VALID$/i, '') });
  return a.canonical === b.canonical || sameExpr(bare(a), bare(b));
}

export function sameBound(a: Expr | undefined, b: Expr | undefined): boolean {
  if (!a || !b) return !a && !b;
  const c = (e: Expr) => (isNormalized(e.canonical) ? e.canonical : canonicalBoundText(e.text));
  return a.canonical === b.canonical || c(a) === c(b);
}

export function sameConstraint(a: Constraint, b: Constraint): boolean {
  if (a.kind !== b.kind || a.deferrable !== b.deferrable || a.initiallyDeferred !== b.initiallyDeferred) return false;
  const da = 'definition' in a ? a.definition : undefined;
  const db = 'definition' in b ? b.definition : undefined;
  if (da !== undefined && db !== undefined) return da === db || canonicalConstraintText(da) === canonicalConstraintText(db);
  return JSON.stringify({ ...a, comment: undefined, loc: undefined }) === JSON.stringify({ ...b, comment: undefined, loc: undefined });
}

export function sameIndex(a: Index, b: Index): boolean {
  if (a.definition !== undefined && b.definition !== undefined) return a.definition === b.definition || canonicalStatementText(a.definition) === canonicalStatementText(b.definition);
  return JSON.stringify(a.keys) === JSON.stringify(b.keys);
}

export function sameTrigger(a: Trigger, b: Trigger): boolean {
  if (a.definition === b.definition) return true;
  if (a.definition === undefined || b.definition === undefined) return false;
  return canonicalStatementText(a.definition) === canonicalStatementText(b.definition);
}

export function sameFunction(a: Func, b: Func): boolean {
  if (a.kind !== b.kind || a.body !== b.body || (a.returns ?? '') !== (b.returns ?? '') || a.language !== b.language) return false;
  if (a.definition === b.definition) return true;
  if (a.kind === 'aggregate') return a.definition.replace(/\s+/g, ' ') === b.definition.replace(/\s+/g, ' ');
  return canonicalStatementText(a.definition) === canonicalStatementText(b.definition);
}

export function samePolicy(a: Policy, b: Policy): boolean {
  return a.permissive === b.permissive && a.command === b.command && a.roles.join(',') === b.roles.join(',') && sameExpr(a.using, b.using) && sameExpr(a.withCheck, b.withCheck);
}

/** Resolution context over one or two Models (qualified relation names → columns), for view queries. */
export function modelContext(...models: Model[]): NormalizeContext {
  return {
    relation: (names) => {
      if (names.length < 2) return undefined;
      const key = qualifiedKey(names[names.length - 2]!, names[names.length - 1]!);
      for (const m of models) {
        const t = m.tables[key];
        if (t) return { key, columns: t.columns.map((c) => c.name) };
        const v = m.views[key];
        if (v) return { key, columns: v.columns };
        if (m.sequences[key]) return { key };
        const f = m.objects?.[`foreign_table ${key}`];
        if (f?.kind === 'foreign_table') return { key, columns: f.columns.map((c) => c.name) };
      }
      return undefined;
    },
    type: (names) => (names.length === 2 && names[0] !== 'pg_catalog' ? qualifiedKey(names[0]!, names[1]!) : undefined),
  };
}

export function sameViewQuery(a: View, b: View, ctx: NormalizeContext): boolean {
  if (a.query.canonical === b.query.canonical || a.query.text.trim() === b.query.text.trim()) return true;
  const c = (v: View) => (isNormalized(v.query.canonical) ? v.query.canonical : canonicalQueryText(v.query.text, ctx));
  return c(a) === c(b);
}

/** Two sequences' options (type, bounds, start, increment, cache, cycle) are the same; persistence is not compared here. */
export function sameSequenceOptions(a: Sequence, b: Sequence): boolean {
  return a.type === b.type && a.start === b.start && a.increment === b.increment && a.min === b.min && a.max === b.max && a.cache === b.cache && a.cycle === b.cycle;
}

/** A column's attribute options, storage and compression (`ALTER COLUMN … SET (…)`, `SET STORAGE`, `SET COMPRESSION`). */
export function sameAttributeOptions(a: Column, b: Column): boolean {
  return (a.options ?? []).join(',') === (b.options ?? []).join(',') && (a.storage ?? '') === (b.storage ?? '') && (a.compression ?? '') === (b.compression ?? '');
}

/**
 * Two versions of one object of the Model's `objects` are the same (comments aside: they are changed on their own).
 *
 * @example
 * sameObject(inspectedRule, parsedRule) // true when both define the same rule, however spelled
 */
export function sameObject(a: CatalogObject, b: CatalogObject): boolean {
  const opts = (x: readonly string[], y: readonly string[]) => x.join('\u0000') === y.join('\u0000');
  switch (a.kind) {
    case 'rule': {
      const d = (b as typeof a).definition;
      return a.definition === d || canonicalStatementText(a.definition) === canonicalStatementText(d);
    }
    case 'foreign_data_wrapper': {
      const o = b as typeof a;
      return (a.handler ?? '') === (o.handler ?? '') && (a.validator ?? '') === (o.validator ?? '') && opts(a.options, o.options);
    }
    case 'server': {
      const o = b as typeof a;
      return a.wrapper === o.wrapper && (a.type ?? '') === (o.type ?? '') && (a.version ?? '') === (o.version ?? '') && opts(a.options, o.options);
    }
    case 'user_mapping': return opts(a.options, (b as typeof a).options);
    case 'event_trigger': {
      const o = b as typeof a;
      return a.event === o.event && opts(a.tags, o.tags) && a.function === o.function && a.enabled === o.enabled;
    }
    case 'operator': {
      const o = b as typeof a;
      return a.function === o.function && (a.commutator ?? '') === (o.commutator ?? '') && (a.negator ?? '') === (o.negator ?? '')
        && (a.restrict ?? '') === (o.restrict ?? '') && (a.join ?? '') === (o.join ?? '') && a.hashes === o.hashes && a.merges === o.merges
        // carried: its comment goes with its CREATE (src/plan/kinds/operator.ts), so a changed comment recreates it
        && (a.comment ?? '') === (o.comment ?? '');
    }
    case 'cast': {
      const o = b as typeof a;
      return a.method === o.method && (a.function ?? '') === (o.function ?? '') && a.context === o.context;
    }
    case 'collation': {
      const o = b as typeof a;
      return a.provider === o.provider && (a.locale ?? '') === (o.locale ?? '') && (a.lcCollate ?? '') === (o.lcCollate ?? '') && (a.lcCtype ?? '') === (o.lcCtype ?? '')
        && a.deterministic === o.deterministic && (a.rules ?? '') === (o.rules ?? '');
    }
    case 'statistics': {
      const o = b as typeof a;
      return a.table === o.table && opts(a.kinds, o.kinds) && opts(a.columns, o.columns) && a.expressions.length === o.expressions.length
        && a.expressions.every((e, i) => sameExpr(e, o.expressions[i])) && (a.target ?? -1) === (o.target ?? -1);
    }
    case 'publication': {
      const o = b as typeof a;
      const tables = (x: typeof a) => x.tables.map((t) => `${t.table}(${(t.columns ?? []).join(',')})`);
      return a.allTables === o.allTables && opts(tables(a), tables(o)) && opts(a.schemas, o.schemas) && opts(a.publish, o.publish) && a.viaRoot === o.viaRoot;
    }
    case 'foreign_table': {
      const o = b as typeof a;
      const col = (x: ForeignColumn, y: ForeignColumn) => x.name === y.name && x.type === y.type && x.notNull === y.notNull && sameExpr(x.default, y.default) && (x.collation ?? '') === (y.collation ?? '') && opts(x.options, y.options);
      return a.server === o.server && opts(a.options, o.options) && a.columns.length === o.columns.length && a.columns.every((c, i) => col(c, o.columns[i]!));
    }
  }
}
