/**
 * Partition bounds (`FOR VALUES …`, `DEFAULT`) folded as PostgreSQL stores them. PostgreSQL coerces each bound
 * value to the type of its partition key column and prints it back with that type's output function
 * (`FROM ('2026-01-01')` on a `timestamp` key is stored `FROM ('2026-01-01 00:00:00')`, `IN ('yes')` on a
 * boolean key `IN (true)`). The inspector reads that print, so the fold compares the same print: each value whose
 * output src/model/constants.ts decides is written as ruleutils prints a partition bound's constant, and the
 * bound is canonicalised from that text, as the inspector canonicalises pg_get_expr's.
 */
import type { Expr } from '../../model/types.js';
import { constantOutput } from '../../model/constants.js';
import { quoteLiteral } from '../../model/names.js';
import { boundOf, canonicalBoundText } from '../normalize-statements.js';
import { deparseExpression, parseOne } from '../pg.js';
import type { Node, Payload } from '../ast.js';
import type { FoldScope, MTable } from './scope.js';
import { sv } from './nodes.js';
import { scalarConst } from '../normalize-parts.js';

/**
 * A partition bound of a partition of `parent`: canonical form (as the inspector's) and text (as written).
 *
 * @example
 * // parent: CREATE TABLE ev (at timestamp) PARTITION BY RANGE (at)
 * bound(sc, spec, ev).canonical === canonicalBoundText("FOR VALUES FROM ('2026-01-01 00:00:00') TO (MAXVALUE)")
 */
export function bound(sc: FoldScope, b: Payload<'PartitionBoundSpec'>, parent: MTable | undefined): Expr {
  const bare = (d: Node): string | undefined => {
    const f = d?.ColumnRef?.fields?.map(sv);
    return f?.length === 1 && (f[0] === 'minvalue' || f[0] === 'maxvalue') ? f[0].toUpperCase() : undefined;
  };
  const datum = (d: Node): string => bare(d) ?? deparseExpression(sc.qualify(d));
  const types = keyTypes(parent);
  let printedAny = false;
  /** The i-th value as ruleutils prints it once stored, when its type's output is decided here. */
  const stored = (d: Node, i: number): string => {
    const type = types[i];
    const value = type && !bare(d) ? constantText(d) : undefined;
    const out = value !== undefined ? constantOutput(value, type!) : undefined;
    if (out === undefined) return datum(d);
    printedAny = true;
    return printConstant(out, type!);
  };
  const values = (ds: readonly Node[] | undefined, f: (d: Node, i: number) => string) => (ds ?? []).map((d, i) => f(d, i)).join(', ');
  const render = (f: (d: Node, i: number) => string): string => {
    if (b.is_default) return 'DEFAULT';
    if (b.strategy === 'h') return `FOR VALUES WITH (modulus ${b.modulus}, remainder ${b.remainder ?? 0})`;
    // A LIST bound's values are all of the (single) key column.
    if (b.strategy === 'l') return `FOR VALUES IN (${values(b.listdatums, (d) => f(d, 0))})`;
    return `FOR VALUES FROM (${values(b.lowerdatums, f)}) TO (${values(b.upperdatums, f)})`;
  };
  const text = render(datum);
  const printed = render(stored);
  return { canonical: printedAny ? canonicalBoundText(printed) : boundOf(b), text };
}

/** The types of the key columns of a partitioned table, by key position (undefined for an expression key). */
function keyTypes(parent: MTable | undefined): (string | undefined)[] {
  const key = parent?.partitionBy?.key.text;
  if (!parent || !key) return [];
  const p = parseOne(`CREATE TABLE x () PARTITION BY RANGE ${key}`);
  const params = (p?.type === 'CreateStmt' ? p.node : undefined)?.partspec?.partParams ?? [];
  return params.map((x) => {
    const name = x.PartitionElem?.name;
    return name === undefined ? undefined : parent.columns.find((c) => c.name === name)?.type;
  });
}

/** The value of a constant (`'2026-01-01'`, `1`, `true`, or one cast: `'x'::date`), else undefined. */
function constantText(d: Node): string | undefined {
  const c = d?.A_Const ?? d?.TypeCast?.arg?.A_Const;
  return !c || c.isnull ? undefined : scalarConst(c);
}

/** A constant's output as ruleutils' get_const_expr prints it in a partition bound (no cast shown). */
function printConstant(out: string, type: string): string {
  if (type === 'boolean') return out;
  if ((type === 'smallint' || type === 'integer' || type === 'bigint') && !out.startsWith('-')) return out;
  return quoteLiteral(out);
}
