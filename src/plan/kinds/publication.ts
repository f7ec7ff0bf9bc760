/**
 * DDL of publications: created after the tables and schemas they list, dropped before them (edges: ../edges.ts). Membership
 * and options are altered in place — tables and schemas that leave are dropped from it first (before their
 * table may be dropped), new ones added last (a table whose column list or row filter changes leaves and comes
 * back); `FOR ALL TABLES` turned on or off recreates it.
 */
import { quoteIdentAlways as qi, quoteLiteral, splitKey } from '../../model/names.js';
import { samePublicationTable } from '../../diff/equal.js';
import type { Publication, PublicationTable } from '../../model/types.js';
import type { KindStatement } from './statement.js';
import { alterableInPlace } from '../../diff/in-place.js';

const ALL = 'insert, update, delete, truncate';
const table = (t: PublicationTable) => {
  const k = splitKey(t.table);
  return `${qi(k.schema)}.${qi(k.name)}${t.columns ? ` (${t.columns.map(qi).join(', ')})` : ''}${t.where ? ` WHERE (${t.where.text})` : ''}`;
};

/**
 * The WITH / SET options: those that differ from the defaults, or (`always`, an ALTER … SET) every one — but
 * `publish_generated_columns` only where a side has it, as PostgreSQL before 18 does not know it.
 */
function withClause(p: Publication, always: boolean, generated = !!p.generatedColumns): string {
  const opts: string[] = [];
  if (always || p.publish.join(', ') !== ALL) opts.push(`publish = ${quoteLiteral(p.publish.join(', '))}`);
  if (always || p.viaRoot) opts.push(`publish_via_partition_root = ${p.viaRoot}`);
  if (generated) opts.push(`publish_generated_columns = ${p.generatedColumns ?? 'none'}`);
  return opts.join(', ');
}

/**
 * @example
 * createPublication({ kind: 'publication', name: 'p', allTables: false, tables: [{ table: 'public.t' }], schemas: [], publish: ['insert'], viaRoot: false })[0].sql
 * // CREATE PUBLICATION "p" FOR TABLE "public"."t" WITH (publish = 'insert')
 */
export function createPublication(p: Publication): KindStatement[] {
  const objects = [...(p.tables.length ? [`TABLE ${p.tables.map(table).join(', ')}`] : []), ...(p.schemas.length ? [`TABLES IN SCHEMA ${p.schemas.map(qi).join(', ')}`] : [])];
  const what = p.allTables ? ' FOR ALL TABLES' : objects.length ? ` FOR ${objects.join(', ')}` : '';
  const w = withClause(p, false);
  return [{ kind: 'create-publication', comment: `create publication "${p.name}"`, sql: `CREATE PUBLICATION ${qi(p.name)}${what}${w ? ` WITH (${w})` : ''}` }];
}

export function dropPublication(p: Publication): KindStatement[] {
  return [{ kind: 'drop-publication', comment: `drop publication "${p.name}"`, sql: `DROP PUBLICATION ${qi(p.name)}` }];
}

export function alterPublication(from: Publication, to: Publication): KindStatement[] | undefined {
  if (!alterableInPlace(from, to)) return undefined;
  const out: KindStatement[] = [];
  const cm = `modify publication "${to.name}"`;
  const pre = `ALTER PUBLICATION ${qi(to.name)}`;
  // A table whose column list or row filter changes leaves and comes back.
  const leaving = from.tables.filter((t) => !to.tables.some((x) => samePublicationTable(t, x)));
  const coming = to.tables.filter((t) => !from.tables.some((x) => samePublicationTable(t, x)));
  const schemasLeaving = from.schemas.filter((s) => !to.schemas.includes(s));
  const schemasComing = to.schemas.filter((s) => !from.schemas.includes(s));
  if (leaving.length) out.push({ kind: 'remove-from-publication', comment: cm, sql: `${pre} DROP TABLE ${leaving.map((t) => table({ table: t.table })).join(', ')}` });
  if (schemasLeaving.length) out.push({ kind: 'remove-from-publication', comment: cm, sql: `${pre} DROP TABLES IN SCHEMA ${schemasLeaving.map(qi).join(', ')}` });
  if (coming.length) out.push({ kind: 'alter-publication', comment: cm, sql: `${pre} ADD TABLE ${coming.map(table).join(', ')}` });
  if (schemasComing.length) out.push({ kind: 'alter-publication', comment: cm, sql: `${pre} ADD TABLES IN SCHEMA ${schemasComing.map(qi).join(', ')}` });
  const generated = from.generatedColumns !== to.generatedColumns;
  if (from.publish.join() !== to.publish.join() || from.viaRoot !== to.viaRoot || generated) out.push({ kind: 'alter-publication', comment: cm, sql: `${pre} SET (${withClause(to, true, generated)})` });
  return out;
}
