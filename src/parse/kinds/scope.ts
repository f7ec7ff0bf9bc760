/**
 * What a per-kind fold module (./rule.ts, ./foreign.ts, …) may use of the Folder (../fold.ts): name resolution,
 * the relation namespace, the Model's `objects`, and a way to fail the statement with a located problem.
 * Kind modules never see the Folder's internals; adding a kind is a new file here plus a line in its dispatch.
 */
import type { SourceLocation } from '../../errors.js';
import type { CatalogObject, Expr } from '../../model/types.js';
import type { Node } from '../pg.js';

export interface FoldScope {
  /** The Model's `objects`, keyed by `objectKey` (src/model/objects.ts); mutable while folding. */
  readonly objects: Record<string, CatalogObject>;
  /** Where the current statement is. */
  readonly loc: SourceLocation;
  /** Names of a RangeVar (`[schema, ]name`). */
  rangeNames(rv: Node): string[];
  /** The schema a new object named `names` goes to (it must exist), its name and key. */
  creating(names: readonly string[]): { schema: string; name: string; key: string };
  /** A table or view named `names` through the search_path: its key and column names. */
  relation(names: readonly string[]): { key: string; schema: string; name: string; columns: readonly string[] } | undefined;
  /** A schema of that name exists. */
  schemaExists(name: string): boolean;
  /** The relation of that key is a table (not a view). */
  isTable(key: string): boolean;
  /** A statement subtree with every relation, function and type name schema-qualified. */
  qualify(n: Node): Node;
  /** The schema of the function an unqualified name resolves to through the search_path (pg_catalog last). */
  functionSchema(name: string): string | undefined;
  /** Canonical type name of a TypeName node. */
  type(tn: Node): string;
  /** A column DEFAULT expression (undefined for `DEFAULT NULL`). */
  defaultExpr(n: Node): Expr | undefined;
  /** The relation namespace of a schema (tables, views, sequences, indexes, foreign tables, types). */
  taken(schema: string, name: string): boolean;
  claim(schema: string, name: string): void;
  release(schema: string, name: string): void;
  /** Ends the statement with a located problem (`E_UNKNOWN`, `E_DUPLICATE`, `E_UNSUPPORTED` …). */
  fail(code: string, message: string, at?: number): never;
}

/** A DefElem list (`OPTIONS (host 'x')`, `OPTIONS (ADD a 'b', DROP c)`) applied to `name=value` options, order kept. */
export function applyGenericOptions(current: readonly string[], items: readonly Node[] | undefined, fail: FoldScope['fail']): string[] {
  const out = new Map(current.map((o) => [o.slice(0, o.indexOf('=')), o] as const));
  for (const d of (items ?? []).map((x) => x.DefElem)) {
    const value = d.arg?.String?.sval ?? (d.arg?.Integer ? String(d.arg.Integer.ival ?? 0) : d.arg?.Float?.fval ?? '');
    switch (d.defaction) {
      case 'DEFELEM_DROP':
        if (!out.delete(d.defname)) fail('E_UNKNOWN', `option "${d.defname}" not found`);
        break;
      case 'DEFELEM_SET':
        if (!out.has(d.defname)) fail('E_UNKNOWN', `option "${d.defname}" not found`);
        out.set(d.defname, `${d.defname}=${value}`);
        break;
      default:
        if (out.has(d.defname)) fail('E_DUPLICATE', `option "${d.defname}" provided more than once`);
        out.set(d.defname, `${d.defname}=${value}`);
    }
  }
  return [...out.values()];
}
