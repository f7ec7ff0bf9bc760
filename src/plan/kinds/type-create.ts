/**
 * The `CREATE TYPE` / `CREATE DOMAIN` statement of one type (enum, domain, composite, range), shared by the
 * planner's create_type change and the enum rebuild, which recreates the types built on an enum.
 */
import { quoteIdentAlways as qi, quoteLiteral } from '../../model/names.js';
import type { TypeDef } from '../../model/types.js';
import { qn } from '../table-sql.js';

/**
 * `CREATE TYPE` / `CREATE DOMAIN` of a type as the desired Model defines it.
 *
 * @example
 * createTypeSql({ kind: 'enum', schema: 'app', name: 'st', labels: ['a'] }) // 'CREATE TYPE "app"."st" AS ENUM (\'a\')'
 */
export function createTypeSql(t: TypeDef): string {
  const name = qn(t.schema, t.name);
  switch (t.kind) {
    case 'enum': return `CREATE TYPE ${name} AS ENUM (${t.labels.map(quoteLiteral).join(', ')})`;
    case 'domain':
      return `CREATE DOMAIN ${name} AS ${t.baseType}${t.collation ? ` COLLATE ${t.collation}` : ''}${t.default ? ` DEFAULT ${t.default.text}` : ''}${t.notNull ? ' NOT NULL' : ''}${t.checks.filter((k) => !k.notValid).map((k) => ` CONSTRAINT ${qi(k.name)} ${k.expr.text.startsWith('CHECK') ? k.expr.text : `CHECK (${k.expr.text})`}`).join('')}`;
    case 'composite': return `CREATE TYPE ${name} AS (${t.attributes.map((a) => `${qi(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`).join(', ')})`;
    case 'range': {
      const opts = [`SUBTYPE = ${t.subtype}`];
      if (t.subtypeOpclass) opts.push(`SUBTYPE_OPCLASS = ${t.subtypeOpclass}`);
      if (t.collation) opts.push(`COLLATION = ${t.collation}`);
      if (t.canonical) opts.push(`CANONICAL = ${t.canonical}`);
      if (t.subtypeDiff) opts.push(`SUBTYPE_DIFF = ${t.subtypeDiff}`);
      // PostgreSQL's default multirange name: "range" replaced by "multirange", else "_multirange" appended.
      const dflt = t.name.includes('range') ? t.name.replace('range', 'multirange') : `${t.name}_multirange`;
      if (t.multirange && t.multirange !== dflt) opts.push(`MULTIRANGE_TYPE_NAME = ${qn(t.schema, t.multirange)}`);
      return `CREATE TYPE ${name} AS RANGE (${opts.join(', ')})`;
    }
  }
}
