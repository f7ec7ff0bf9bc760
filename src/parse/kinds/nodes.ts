/**
 * Small readers of parse-tree nodes shared by the kinds' fold modules (constants, options, walking).
 */
import type { Node, Payload } from '../ast.js';

export const sv = (n: Node | undefined): string => n?.String?.sval ?? '';

/** Storage parameters as `name=value`, sorted (the inspector's `reloptions` form). */
export function relOptions(list: Node[] | undefined): string[] {
  return (list ?? [])
    .map((o) => o.DefElem)
    .filter((d): d is Payload<'DefElem'> => !!d && d.defname !== 'oids')
    .map((d) => `${d.defnamespace ? `${d.defnamespace}.` : ''}${d.defname}=${d.arg === undefined ? 'true' : constText(d.arg).toLowerCase() === 'on' ? 'true' : constText(d.arg)}`)
    .sort();
}

export function mergeOptions(cur: readonly string[], add: readonly string[]): string[] {
  const m = new Map(cur.map((o) => [o.split('=')[0]!, o]));
  for (const o of add) m.set(o.split('=')[0]!, o);
  return [...m.values()].sort();
}

export function constText(a: Node): string {
  if (a.A_Const) {
    const c = a.A_Const;
    if (c.ival !== undefined) return String(c.ival.ival ?? 0);
    if (c.fval !== undefined) return String(c.fval.fval);
    if (c.sval !== undefined) return c.sval.sval ?? '';
    if (c.boolval !== undefined) return c.boolval.boolval ? 'true' : 'false';
  }
  if (a.String) return a.String.sval!;
  if (a.Integer) return String(a.Integer.ival ?? 0);
  if (a.Float) return String(a.Float.fval);
  if (a.Boolean) return a.Boolean.boolval ? 'true' : 'false';
  if (a.TypeName) return (a.TypeName.names ?? []).map(sv).join('.');
  return '';
}
