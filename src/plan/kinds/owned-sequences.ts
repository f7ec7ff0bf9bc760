/**
 * Sequences owned by a column (`ALTER SEQUENCE … OWNED BY t.c`, serial columns) go with their table or column:
 * `DROP TABLE` and `DROP COLUMN` drop them. When the table or the column is dropped (or dropped and created again)
 * but the desired Model keeps the sequence,
 * the sequence is released first (`OWNED BY NONE`, before the table's drop) and, when it is owned again, given
 * its owner after the table exists (the planner's ordinary `sequence_owned_by`). Its position is kept.
 */
import { droppedTableKeys, type Change } from '../../diff/changes.js';
import { qualifiedKey } from '../../model/names.js';
import type { Model } from '../../model/types.js';

/**
 * Adds the releases and re-owns described above to `all` (and moves a release the differ planned to before the drop).
 *
 * @example
 * keepOwnedSequences(all, current, desired) // all gains { kind: 'sequence_owned_by', sequence: { …s, ownedBy: undefined }, beforeDrops: true }
 */
export function keepOwnedSequences(all: Change[], current: Model, desired: Model): void {
  const dropped = droppedTableKeys(all);
  const columns = new Set(all.flatMap((c) => (c.kind === 'drop_column' ? [`${qualifiedKey(c.table.schema, c.table.name)}\u0000${c.column.name}`] : [])));
  if (!dropped.size && !columns.size) return;
  for (const [k, s] of Object.entries(current.sequences)) {
    const want = desired.sequences[k];
    if (!s.ownedBy || !want || !(dropped.has(s.ownedBy.table) || columns.has(`${s.ownedBy.table}\u0000${s.ownedBy.column}`))) continue;
    const mine = (c: Change) => c.kind === 'sequence_owned_by' && qualifiedKey(c.sequence.schema, c.sequence.name) === k;
    for (let j = all.length - 1; j >= 0; j--) if (mine(all[j]!)) all.splice(j, 1);
    const { ownedBy: _owner, ...released } = s;
    void _owner;
    all.push({ kind: 'sequence_owned_by', sequence: released, beforeDrops: true });
    if (want.ownedBy) all.push({ kind: 'sequence_owned_by', sequence: want });
  }
}
