/**
 * Equality of Model objects for the differ. Both Models are canonical (src/parse/canonical.ts: the parser
 * and the inspector write the same forms), so two spellings of one thing compare equal by their `canonical`
 * fields and structured keys: no parser here, only string and structure compares.
 */
import type { AggregateOptions, CatalogObject, CanonicalDefinition, Column, Constraint, Expr, ForeignCheck, ForeignColumn, Func, Index, IndexKey, Policy, PublicationTable, Sequence, Trigger, View } from '../model/types.js';
import { constantOutput } from '../model/constants.js';
import { sameColumnSettings } from '../model/view-columns.js';

/**
 * Two columns are generated the same way: the same expression (or neither generated), both STORED or both VIRTUAL.
 * PostgreSQL turns neither STORED into VIRTUAL nor back in place, and a VIRTUAL column has no values DROP EXPRESSION
 * could keep: such a column is dropped and added again (../plan/regenerated.ts).
 *
 * @example sameGeneration({ generated: a+1 }, { generated: a+1, virtual: true }) // false
 */
export const sameGeneration = (a: Column, b: Column): boolean => sameExpr(a.generated, b.generated) && sameGeneratedKind(a, b);

/**
 * Both columns VIRTUAL, or neither (STORED or not generated).
 *
 * @example sameGeneratedKind({ virtual: true }, {}) // false
 */
export const sameGeneratedKind = (a: Pick<Column, 'virtual'>, b: Pick<Column, 'virtual'>): boolean => !a.virtual === !b.virtual;

/** Two optional expressions mean the same. */
export function sameExpr(a: Expr | undefined, b: Expr | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.canonical === b.canonical;
}

/**
 * Two defaults of a column (or domain) of `type` mean the same: equal expressions, or two bare constants that
 * PostgreSQL prints the same for that type (`DEFAULT 'yes'` on a boolean is stored `true`; src/model/constants.ts).
 *
 * @example
 * sameDefault(exprFromText("'2024-1-5'"), exprFromText("'2024-01-05'::date"), 'date') // true
 */
export function sameDefault(a: Expr | undefined, b: Expr | undefined, type: string): boolean {
  if (sameExpr(a, b)) return true;
  const [x, y] = [a && constantOf(a), b && constantOf(b)];
  if (x === undefined || y === undefined) return false;
  return (constantOutput(x, type) ?? x) === (constantOutput(y, type) ?? y);
}

/** The text of an expression that is a bare constant (canonical `{"K": …}`), else undefined. */
function constantOf(e: Expr): string | undefined {
  if (!e.canonical.startsWith('{"K":')) return undefined;
  try {
    const v = JSON.parse(e.canonical) as Record<string, unknown>;
    return Object.keys(v).length === 1 && typeof v.K === 'string' ? v.K : undefined;
  } catch {
    return undefined;
  }
}

/** Two definitions kept as text mean the same: their canonical forms (their texts, for objects built by hand). */
function sameDefinition(a: CanonicalDefinition & { readonly definition?: string }, b: CanonicalDefinition & { readonly definition?: string }): boolean {
  if (a.definition === b.definition) return true;
  if (a.canonical !== undefined && b.canonical !== undefined) return a.canonical === b.canonical;
  return false;
}

/**
 * Identity columns: generation, sequence options and the sequence's persistence against its table's. The sequence's type is not compared: it follows the
 * column's type and cannot be set (`CREATE TABLE … (LIKE …)` alone leaves a bigint sequence behind).
 */
export function sameIdentity(a: Column['identity'], b: Column['identity']): boolean {
  if (!a || !b) return !a && !b;
  const k = (i: NonNullable<Column['identity']>) => JSON.stringify([i.generation, i.sequence.start, i.sequence.increment, i.sequence.min, i.sequence.max, i.sequence.cache, i.sequence.cycle]);
  return k(a) === k(b) && a.unlogged === b.unlogged && (!a.sequenceName || !b.sequenceName || a.sequenceName === b.sequenceName);
}

/** Domain CHECKs: the canonical form is the bare expression's, whichever edge wrote the text. */
export const sameCheck = (a: Expr, b: Expr): boolean => sameExpr(a, b);

export const sameBound = sameExpr;

/**
 * Two lists of storage parameters or attribute options (`fillfactor=70`) hold the same settings: the Models keep
 * them in the order PostgreSQL stores them (pg_dump prints that order), which no statement can change.
 *
 * @example sameOptions(['a=1', 'b=2'], ['b=2', 'a=1']) // true
 */
export function sameOptions(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const [x, y] = [a ?? [], b ?? []];
  return x.length === y.length && (x.length < 2 ? x[0] === y[0] : [...x].sort().join(',') === [...y].sort().join(','));
}

/** The storage parameters of two constraints' indexes (`WITH (fillfactor=70)`) are the same (none for other kinds). */
export const sameIndexOptions = (a: Constraint, b: Constraint): boolean =>
  sameOptions(('options' in a && a.options) || [], ('options' in b && b.options) || []);

export function sameConstraint(a: Constraint, b: Constraint): boolean {
  if (a.kind !== b.kind || a.deferrable !== b.deferrable || a.initiallyDeferred !== b.initiallyDeferred) return false;
  // Validity is part of the schema pg_dump writes (a NOT VALID constraint is dumped as a separate ALTER TABLE).
  if ((a.kind === 'check' || a.kind === 'foreign_key') && (b.kind === 'check' || b.kind === 'foreign_key') && !!a.notValid !== !!b.notValid) return false;
  if (!sameIndexOptions(a, b)) return false;
  const da = 'definition' in a ? a.definition : undefined;
  const db = 'definition' in b ? b.definition : undefined;
  if (da !== undefined && db !== undefined) return sameDefinition(a, b);
  // (Where a partition's key index is attached, Constraint.attachedTo, and the names of partitions' copies of a key,
  // PrimaryKey.copies, are compared by the differ: diff/attached-keys.ts.)
  const shape = (c: Constraint) => JSON.stringify({ ...c, comment: undefined, indexComment: undefined, attachedTo: undefined, copies: undefined, loc: undefined, canonical: undefined });
  return shape(a) === shape(b);
}

const sameKey = (a: IndexKey, b: IndexKey): boolean =>
  (a.column ?? '') === (b.column ?? '') && sameExpr(a.expr, b.expr) && (a.opclass ?? '') === (b.opclass ?? '') && (a.opclassOptions ?? []).join(',') === (b.opclassOptions ?? []).join(',')
  && (a.collation ?? '') === (b.collation ?? '') && a.descending === b.descending && a.nullsFirst === b.nullsFirst;

/** Two indexes of one table are the same: method, uniqueness, keys, INCLUDE, predicate, NULLS NOT DISTINCT and storage parameters. */
/** Two indexes' column statistics targets are the same (`ALTER INDEX … ALTER COLUMN n SET STATISTICS`). */
export const sameIndexStatistics = (a: Index, b: Index): boolean => (a.statistics ?? []).join(',') === (b.statistics ?? []).join(',');

/** Two indexes are the same index (its statistics targets aside: those change in place, `sameIndexStatistics`). */
export function sameIndex(a: Index, b: Index): boolean {
  return a.unique === b.unique && a.method === b.method && a.nullsNotDistinct === b.nullsNotDistinct && !!a.only === !!b.only && sameOptions(a.options, b.options)
    && a.include.join(',') === b.include.join(',') && sameExpr(a.where, b.where)
    && a.keys.length === b.keys.length && a.keys.every((k, i) => sameKey(k, b.keys[i]!));
}

export const sameTrigger = (a: Trigger, b: Trigger): boolean => sameDefinition(a, b);

export function sameFunction(a: Func, b: Func): boolean {
  if (a.kind !== b.kind || a.body !== b.body || (a.returns ?? '') !== (b.returns ?? '') || a.language !== b.language) return false;
  if (a.aggregate && b.aggregate) return sameAggregateOptions(a.aggregate, b.aggregate);
  return sameDefinition(a, b);
}

/**
 * Two aggregates' options are the same, option by option (both edges read them into `Func.aggregate`).
 *
 * @example
 * sameAggregateOptions({ sfunc: 'int4pl', stype: 'integer' }, { sfunc: 'int4pl', stype: 'integer', initcond: '0' }) // false
 */
export function sameAggregateOptions(a: AggregateOptions, b: AggregateOptions): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof AggregateOptions)[]);
  return [...keys].every((k) => a[k] === b[k]);
}

export function samePolicy(a: Policy, b: Policy): boolean {
  return a.permissive === b.permissive && a.command === b.command && a.roles.join(',') === b.roles.join(',') && sameExpr(a.using, b.using) && sameExpr(a.withCheck, b.withCheck);
}

export function sameViewQuery(a: View, b: View): boolean {
  return a.query.canonical === b.query.canonical || a.query.text.trim() === b.query.text.trim();
}

/** Two sequences' options (type, bounds, start, increment, cache, cycle) are the same; persistence is not compared here. */
export function sameSequenceOptions(a: Sequence, b: Sequence): boolean {
  return a.type === b.type && a.start === b.start && a.increment === b.increment && a.min === b.min && a.max === b.max && a.cache === b.cache && a.cycle === b.cycle;
}

/** A column's attribute options, storage and compression (`ALTER COLUMN … SET (…)`, `SET STORAGE`, `SET COMPRESSION`). */
export function sameAttributeOptions(a: Column, b: Column): boolean {
  return sameOptions(a.options, b.options) && (a.storage ?? '') === (b.storage ?? '') && (a.compression ?? '') === (b.compression ?? '');
}

/** One table entry of a publication: the table, its column list and its row filter. */
export function samePublicationTable(a: PublicationTable, b: PublicationTable): boolean {
  return a.table === b.table && (a.columns ?? []).join(',') === (b.columns ?? []).join(',') && sameExpr(a.where, b.where);
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
    case 'rule': return sameDefinition(a, b as typeof a) && (a.enabled ?? 'O') === ((b as typeof a).enabled ?? 'O');
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
    case 'operator_family': case 'operator_class': {
      // carried: members, type, storage, family and comment (written with its CREATE) all recreate it
      const o = b as typeof a;
      const extra = (x: typeof a) => (x.kind === 'operator_class' ? `${x.type}\u0000${x.default}\u0000${x.family}\u0000${x.storage ?? ''}` : '');
      return opts(a.members, o.members) && extra(a) === extra(o) && (a.comment ?? '') === (o.comment ?? '');
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
    case 'privileges': case 'default_privileges': {
      const g = (x: { grants: typeof a.grants }) => x.grants.map((y) => `${y.grantee}\u0000${y.privilege}\u0000${y.grantable}`);
      return opts(g(a), g(b as { grants: typeof a.grants }));
    }
    case 'ts_dictionary': {
      const o = b as typeof a;
      return a.template === o.template && opts(a.options, o.options);
    }
    case 'ts_configuration': {
      const o = b as typeof a;
      const maps = (x: typeof a) => x.mappings.map((m) => `${m.token}=${m.dictionaries.join(',')}`);
      return a.parser === o.parser && opts(maps(a), maps(o));
    }
    case 'statistics': {
      const o = b as typeof a;
      return a.table === o.table && opts(a.kinds, o.kinds) && opts(a.columns, o.columns) && a.expressions.length === o.expressions.length
        && a.expressions.every((e, i) => sameExpr(e, o.expressions[i])) && (a.target ?? -1) === (o.target ?? -1);
    }
    case 'publication': {
      const o = b as typeof a;
      return a.allTables === o.allTables && a.tables.length === o.tables.length && a.tables.every((t, i) => samePublicationTable(t, o.tables[i]!)) && opts(a.schemas, o.schemas) && opts(a.publish, o.publish) && a.viaRoot === o.viaRoot && a.generatedColumns === o.generatedColumns;
    }
    case 'foreign_table': {
      const o = b as typeof a;
      const col = (x: ForeignColumn, y: ForeignColumn) => x.name === y.name && x.type === y.type && x.notNull === y.notNull && sameExpr(x.default, y.default) && (x.collation ?? '') === (y.collation ?? '') && opts(x.options, y.options)
        && sameColumnSettings({ c: x.settings ?? {} }, { c: y.settings ?? {} });
      return a.server === o.server && opts(a.options, o.options) && a.columns.length === o.columns.length && a.columns.every((c, i) => col(c, o.columns[i]!)) && sameForeignChecks(a.checks, o.checks);
    }
  }
}

/** A foreign table's CHECKs: the same names, expressions and flags (comments are diffed apart). */
export function sameForeignChecks(a: readonly ForeignCheck[] | undefined, b: readonly ForeignCheck[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((c, i) => sameForeignCheck(c, y[i]!));
}

export function sameForeignCheck(c: ForeignCheck, d: ForeignCheck): boolean {
  return c.name === d.name && sameExpr(c.expr, d.expr) && !!c.noInherit === !!d.noInherit && !!c.notValid === !!d.notValid;
}

/** Whether ALTER FOREIGN TABLE keeps `from` as `to` (unchanged, or only validated): else it is dropped and added. */
export function keptForeignCheck(from: ForeignCheck, to: ForeignCheck): boolean {
  return from.name === to.name && sameExpr(from.expr, to.expr) && !!from.noInherit === !!to.noInherit && (!!from.notValid || !to.notValid);
}
