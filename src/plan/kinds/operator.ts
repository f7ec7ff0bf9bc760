/**
 * DDL of user-defined operators, a *carried* kind: created as a whole after the functions and types it names,
 * dropped before them (edges: ../edges.ts); recreated when anything differs — its
 * comment included, which is written with it. PostgreSQL's ALTER OPERATOR changes little: its RESTRICT and JOIN
 * estimators (and its comment) are changed in place (`alterOperator`, diff/in-place.ts), keeping what uses it; any
 * other change is a drop and a create, reported like any other.
 */
import { quoteIdent, quoteLiteral } from '../../model/names.js';
import type { Operator } from '../../model/types.js';
import type { KindStatement } from './statement.js';
import { alterableInPlace } from '../../diff/in-place.js';

/**
 * How DROP/COMMENT name an operator.
 *
 * @example
 * operatorSignature({ schema: 'app', name: '===', left: 'integer', right: 'integer', … }) // 'app.=== (integer, integer)'
 */
export function operatorSignature(o: Operator): string {
  return `${quoteIdent(o.schema)}.${o.name} (${o.left ?? 'NONE'}, ${o.right})`;
}

/**
 * @example
 * createOperator(op)[0].sql // 'CREATE OPERATOR app.=== (FUNCTION = app.int_eq, LEFTARG = integer, RIGHTARG = integer)'
 */
export function createOperator(o: Operator): KindStatement[] {
  const parts = [
    `FUNCTION = ${o.function}`,
    ...(o.left ? [`LEFTARG = ${o.left}`] : []),
    `RIGHTARG = ${o.right}`,
    ...(o.commutator ? [`COMMUTATOR = OPERATOR(${o.commutator})`] : []),
    ...(o.negator ? [`NEGATOR = OPERATOR(${o.negator})`] : []),
    ...(o.restrict ? [`RESTRICT = ${o.restrict}`] : []),
    ...(o.join ? [`JOIN = ${o.join}`] : []),
    ...(o.hashes ? ['HASHES'] : []),
    ...(o.merges ? ['MERGES'] : []),
  ];
  const comment = `create operator ${o.schema}.${o.name}`;
  return [
    { kind: 'create-operator' as const, comment, sql: `CREATE OPERATOR ${quoteIdent(o.schema)}.${o.name} (${parts.join(', ')})` },
    ...(o.comment !== undefined ? [{ kind: 'create-operator' as const, comment, sql: `COMMENT ON OPERATOR ${operatorSignature(o)} IS ${quoteLiteral(o.comment)}` }] : []),
  ];
}

export function dropOperator(o: Operator): KindStatement[] {
  return [{ kind: 'drop-operator' as const, comment: `drop operator ${o.schema}.${o.name}`, sql: `DROP OPERATOR ${operatorSignature(o)}` }];
}

/**
 * `ALTER OPERATOR … SET (RESTRICT = …, JOIN = …)` and its comment, when only those differ (diff/in-place.ts); else
 * undefined (recreated).
 *
 * @example
 * alterOperator(op, { ...op, restrict: 'eqsel' })[0].sql // 'ALTER OPERATOR app.=== (integer, integer) SET (RESTRICT = eqsel)'
 */
export function alterOperator(from: Operator, to: Operator): KindStatement[] | undefined {
  if (!alterableInPlace(from, to)) return undefined;
  const sets = [
    ...((from.restrict ?? '') !== (to.restrict ?? '') ? [`RESTRICT = ${to.restrict ?? 'NONE'}`] : []),
    ...((from.join ?? '') !== (to.join ?? '') ? [`JOIN = ${to.join ?? 'NONE'}`] : []),
  ];
  const comment = `modify operator ${to.schema}.${to.name}`;
  return [
    ...(sets.length ? [{ kind: 'alter-operator' as const, comment, sql: `ALTER OPERATOR ${operatorSignature(to)} SET (${sets.join(', ')})` }] : []),
    ...((from.comment ?? '') !== (to.comment ?? '') ? [{ kind: 'alter-operator' as const, comment, sql: `COMMENT ON OPERATOR ${operatorSignature(to)} IS ${to.comment !== undefined ? quoteLiteral(to.comment) : 'NULL'}` }] : []),
  ];
}
