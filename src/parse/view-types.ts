/**
 * The column types of views, for the queries that read them: `date_trunc('month', d)` over a view's `date` column is
 * stored by PostgreSQL with the implicit cast it chose (`date_trunc('month'::text, (v.d)::timestamp with time zone)`),
 * which the normaliser (./normalize.ts, ./coercion.ts) adds only when it knows the column's type. A table's columns
 * carry their types; a view's are computed from its query, the way the normaliser types a CTE's body (the output
 * columns of a plain SELECT; a set operation's common type is not modelled, so such a view stays untyped).
 *
 * Both sides type a view the same way, from its query: the fold from the file's statement, the inspector from
 * `pg_get_viewdef` (not from the catalog's column types, which would know more than the fold and make the two
 * sides' forms differ where the fold cannot type a column).
 *
 * In:  a resolution context and each view's query by key. Out: the context with views' column types.
 * Never: reads a database.
 */
import type { Node } from './ast.js';
import { Normalizer, type NormalizeContext } from './normalize.js';

/**
 * `ctx` whose `relation` gives a view's column types as well, computed from its query (`queryOf(key)`, undefined when
 * not a view); a view typed once per context, a view reading itself (a cycle) left untyped.
 *
 * @example
 * const c = withViewTypes(ctx, (key) => key === 'public.v' ? parseOne('SELECT d FROM t').node : undefined)
 * c.relation!(['public', 'v'])!.types // ['date'] when t.d is a date
 */
export function withViewTypes(ctx: NormalizeContext, queryOf: (key: string) => Node | undefined): NormalizeContext {
  const known = new Map<string, readonly (string | undefined)[] | undefined>();
  const typesOf = (key: string, columns: number): readonly (string | undefined)[] | undefined => {
    if (known.has(key)) return known.get(key);
    known.set(key, undefined); // a cycle reads it untyped
    const q = queryOf(key);
    const sel = q?.SelectStmt;
    let types: readonly (string | undefined)[] | undefined;
    if (sel && (!sel.op || sel.op === 'SETOP_NONE') && !sel.valuesLists) {
      try {
        const n = new Normalizer(out);
        n.viewQuery(q);
        types = n.outputTypes;
      } catch (e) {
        if (!(e instanceof RangeError)) throw e; // nested past the stack: untyped
      }
    }
    const ok = types && types.length === columns && types.some((t) => t !== undefined) ? types : undefined;
    known.set(key, ok);
    return ok;
  };
  const out: NormalizeContext = {
    ...ctx,
    relation: (names) => {
      const r = ctx.relation?.(names);
      if (!r || r.types || !r.columns) return r;
      const types = typesOf(r.key, r.columns.length);
      return types ? { ...r, types } : r;
    },
  };
  return out;
}
