/**
 * DDL of user-defined operator families and classes, *carried* kinds: created as a whole after the operators and
 * functions they name (layout places 'create-operator-family' with their loose members, then
 * 'create-operator-class') and before the indexes and constraints that use them; dropped after those and before
 * their operators ('drop-operator-class', then 'drop-operator-family'); recreated when anything differs, their comment included (written with them). A class names its family
 * explicitly, so the family is always created first.
 */
import { quoteIdent, quoteLiteral, splitKey } from '../../model/names.js';
import type { OperatorClass, OperatorFamily } from '../../model/types.js';
import type { KindStatement } from './statement.js';

const target = (o: OperatorClass | OperatorFamily) => `${quoteIdent(o.schema)}.${quoteIdent(o.name)} USING ${quoteIdent(o.method)}`;
const qualified = (key: string) => `${quoteIdent(splitKey(key).schema)}.${quoteIdent(splitKey(key).name)}`;

/**
 * @example
 * createOperatorFamily({ kind: 'operator_family', schema: 'app', name: 'f', method: 'btree', members: [] })[0].sql
 * // 'CREATE OPERATOR FAMILY app.f USING btree'
 */
export function createOperatorFamily(o: OperatorFamily): KindStatement[] {
  const comment = `create operator family ${o.schema}.${o.name}`;
  return [
    { kind: 'create-operator-family' as const, comment, sql: `CREATE OPERATOR FAMILY ${target(o)}` },
    ...(o.members.length ? [{ kind: 'create-operator-family' as const, comment, sql: `ALTER OPERATOR FAMILY ${target(o)} ADD ${o.members.join(', ')}` }] : []),
    ...(o.comment !== undefined ? [{ kind: 'create-operator-family' as const, comment, sql: `COMMENT ON OPERATOR FAMILY ${target(o)} IS ${quoteLiteral(o.comment)}` }] : []),
  ];
}

export function dropOperatorFamily(o: OperatorFamily): KindStatement[] {
  return [{ kind: 'drop-operator-family' as const, comment: `drop operator family ${o.schema}.${o.name}`, sql: `DROP OPERATOR FAMILY ${target(o)}` }];
}

/**
 * @example
 * createOperatorClass(cls)[0].sql
 * // 'CREATE OPERATOR CLASS app.c FOR TYPE integer USING btree FAMILY app.c AS OPERATOR 1 <(integer,integer), …'
 */
export function createOperatorClass(o: OperatorClass): KindStatement[] {
  const comment = `create operator class ${o.schema}.${o.name}`;
  // A class without members (its family holds them, or none) still needs one item: pg_dump writes `STORAGE` of its type.
  const items = [...o.members, ...(o.storage ? [`STORAGE ${o.storage}`] : [])];
  if (!items.length) items.push(`STORAGE ${o.type}`);
  return [
    { kind: 'create-operator-class' as const, comment, sql: `CREATE OPERATOR CLASS ${quoteIdent(o.schema)}.${quoteIdent(o.name)}${o.default ? ' DEFAULT' : ''} FOR TYPE ${o.type} USING ${quoteIdent(o.method)} FAMILY ${qualified(o.family)} AS ${items.join(', ')}` },
    ...(o.comment !== undefined ? [{ kind: 'create-operator-class' as const, comment, sql: `COMMENT ON OPERATOR CLASS ${target(o)} IS ${quoteLiteral(o.comment)}` }] : []),
  ];
}

export function dropOperatorClass(o: OperatorClass): KindStatement[] {
  return [{ kind: 'drop-operator-class' as const, comment: `drop operator class ${o.schema}.${o.name}`, sql: `DROP OPERATOR CLASS ${target(o)}` }];
}
