/**
 * Semantic checks on a parsed Model, beyond what folding already rejects (unknown and duplicate objects):
 * foreign keys that PostgreSQL would refuse (no unique key on the referenced columns, column count or
 * type-family mismatch).
 *
 * In:  a Model built by the parser (objects carry `loc`). Out: located problems. No I/O.
 */
import type { Model, Table } from '../model/types.js';
import type { FoldProblem } from './fold.js';

const family = (t: string): string => {
  const base = t.replace(/\(.*\)/, '').replace(/\[\]$/, '');
  if (['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'].includes(base)) return 'number';
  if (['text', 'character varying', 'character', 'bpchar', 'name', 'citext'].includes(base) || base.endsWith('.citext')) return 'text';
  if (base.startsWith('timestamp') || base === 'date') return 'time';
  return base;
};

/**
 * @example
 * validateModel(model) // [{ code: 'E_FK', message: 'foreign key orders_user_id_fkey: …', location: … }]
 */
export function validateModel(model: Model): FoldProblem[] {
  const out: FoldProblem[] = [];
  const hasUnique = (t: Table, cols: readonly string[]): boolean => {
    const want = [...cols].sort().join(',');
    // A partition has a copy of each key and unique index of the tables above it (PostgreSQL clones them when it is
    // attached or created; a key of its own attached to the parent's is folded into the parent's: Model keeps one).
    const parent = t.partitionOf && model.tables[t.partitionOf.parent];
    if (parent && hasUnique(parent, cols)) return true;
    for (const c of Object.values(t.constraints)) if ((c.kind === 'primary_key' || c.kind === 'unique') && [...c.columns].sort().join(',') === want) return true;
    // A unique index serves as well: plain (non-partial), every key a column; PostgreSQL matches the set of
    // columns, so the key order, ASC/DESC and NULLS placement do not matter.
    for (const i of Object.values(t.indexes)) {
      if (!i.unique || i.where || i.keys.some((k) => k.column === undefined)) continue;
      if (i.keys.map((k) => k.column!).sort().join(',') === want) return true;
    }
    return false;
  };
  for (const t of Object.values(model.tables)) {
    for (const c of Object.values(t.constraints)) {
      if (!c.loc) continue;
      if (c.kind === 'foreign_key') {
        const ref = model.tables[c.refTable];
        if (!ref) continue;
        if (c.columns.length !== c.refColumns.length) {
          out.push({ code: 'E_FK', location: c.loc, message: `foreign key ${c.name} on ${t.name}: number of referencing and referenced columns differs (${c.columns.length} vs ${c.refColumns.length})` });
          continue;
        }
        if (!hasUnique(ref, c.refColumns)) out.push({ code: 'E_FK', location: c.loc, message: `foreign key ${c.name} on ${t.name}: there is no unique constraint matching the referenced columns ${ref.name}(${c.refColumns.join(', ')})` });
        c.columns.forEach((col, i) => {
          const a = t.columns.find((x) => x.name === col);
          const b = ref.columns.find((x) => x.name === c.refColumns[i]);
          if (a && b && family(a.type) !== family(b.type)) {
            out.push({ code: 'E_FK', location: c.loc!, message: `foreign key ${c.name}: column ${t.name}.${col} (${a.type}) and referenced ${ref.name}.${b.name} (${b.type}) are of incompatible types` });
          }
        });
      }
    }
  }
  return out;
}
