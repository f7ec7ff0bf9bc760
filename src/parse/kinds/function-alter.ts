/**
 * `ALTER FUNCTION | PROCEDURE` in a schema file: attributes (`IMMUTABLE`, `STRICT`, `SECURITY DEFINER`, `LEAKPROOF`,
 * `PARALLEL`, `COST`, `ROWS`, `SET` / `RESET`), `RENAME TO` and `SET SCHEMA`. One mechanism: the function's stored
 * definition (a `CREATE OR REPLACE FUNCTION` with every name qualified) is parsed, changed, and folded again as the
 * function it now describes; its comment and privileges follow it to its new key.
 *
 * What PostgreSQL carries by OID and the Model holds by name (a trigger's, an event trigger's, an operator's or a
 * cast's function; calls in defaults, checks, indexes, policies, views and other functions' bodies) is not
 * rewritten: renaming or moving a function something else names is refused, located (E_NATIVE, as renaming a
 * table a view reads), so the dev database replays it.
 *
 * In: the statement. Out: the Model changed. Never: I/O.
 */
import { qualifiedKey } from '../../model/names.js';
import type { Func } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import { parseOne } from '../pg.js';
import { aggregateDefinition } from '../../model/aggregate-sql.js';
import { createFunction, functionByArgs } from './function.js';
import { Problem, type FoldScope, type Mut } from './scope.js';
import { sv } from './nodes.js';
import { renameRelationInTree, type RelationMove } from './relation-refs.js';

type CreateFn = Payload<'CreateFunctionStmt'>;

/** The key a function is stored under (`schema.name(identity args)`). */
const keyOf = (f: Func) => `${qualifiedKey(f.schema, f.name)}(${f.identityArgs})`;

/**
 * Folds `f` again from its definition changed by `change`: the old entry goes, the new one keeps the comment and
 * the privileges (moved to the new schema / name). `rekey`: the name or schema changes (duplicates refused).
 */
function refold(sc: FoldScope, f: Mut<Func>, change: (n: CreateFn) => CreateFn, rekey: boolean): void {
  if (f.kind === 'aggregate') throw new Problem('E_UNSUPPORTED', `ALTER AGGREGATE is not supported in a schema file; write the aggregate as it should be (CREATE AGGREGATE), or move the change to a migration (\`meridian migrate new\`)`);
  const p = parseOne(f.definition);
  if (p?.type !== 'CreateFunctionStmt') throw new Problem('E_NATIVE', `function ${keyOf(f)}: its definition could not be read back; the dev database replays it`);
  const oldKey = keyOf(f);
  const next = change(p.node);
  delete sc.model.functions[oldKey];
  sc.functionsChanged();
  try {
    createFunction(sc, { ...next, replace: !rekey });
  } catch (e) {
    sc.model.functions[oldKey] = f;
    sc.functionsChanged();
    throw e;
  }
  const names = next.funcname!.map(sv);
  const moved = sc.functionsNamed(qualifiedKey(names[0]!, names[1]!)).find((g) => g.identityArgs === f.identityArgs)!;
  moved.loc = f.loc;
  if (f.comment !== undefined) moved.comment = f.comment;
  else delete moved.comment;
  if (rekey) movePrivileges(sc, f, moved);
}

/**
 * The functions whose SQL-standard body (`BEGIN ATOMIC … END`, `RETURN …`) reads relation `m.schema.m.name` follow
 * its rename or move, as PostgreSQL's do (the body is stored as a parse tree, by OID): each is folded again from its
 * definition with the relation's new name (./relation-refs.ts `renameRelationInTree`). Refused (E_NATIVE) where the
 * body cannot be followed for sure.
 *
 * @example
 * followInBodies(scope, { schema: 'public', name: 't', toSchema: 'public', toName: 'u' }, 'table public.t')
 */
export function followInBodies(sc: FoldScope, m: RelationMove, what: string): void {
  const key = qualifiedKey(m.schema, m.name);
  for (const f of Object.values(sc.model.functions)) {
    if (!f.reads?.includes(key)) continue;
    const refuse = (why: string): never => {
      throw new Problem('E_NATIVE', `renaming ${what} read by the SQL-standard body of function ${keyOf(f)} (${why}) is not folded natively (PostgreSQL rewrites the body); the dev database replays it`);
    };
    refold(sc, f as Mut<Func>, (n) => renameRelationInTree(n as unknown as Node, m, refuse) as unknown as CreateFn, false);
  }
}

/** `ALTER FUNCTION f(args) action …`: each action replaces the option of its name (SET / RESET edit the settings). */
export function alterFunction(sc: FoldScope, n: Payload<'AlterFunctionStmt'>): void {
  const f = functionByArgs(sc, n.func!);
  refold(sc, f, (c) => {
    let options = [...(c.options ?? [])];
    const named = (d: Node) => d.DefElem!.defname!;
    for (const a of n.actions ?? []) {
      const d = a.DefElem!;
      if (d.defname !== 'set') {
        options = [...options.filter((o) => named(o) !== d.defname), a];
        continue;
      }
      const v = d.arg!.VariableSetStmt!;
      const setting = (o: Node) => named(o) === 'set' ? o.DefElem!.arg!.VariableSetStmt!.name : undefined;
      if (v.kind === 'VAR_RESET_ALL') options = options.filter((o) => named(o) !== 'set');
      else if (v.kind === 'VAR_RESET' || v.kind === 'VAR_SET_DEFAULT') options = options.filter((o) => setting(o) !== v.name);
      else options = [...options.filter((o) => setting(o) !== v.name), a];
    }
    return { ...c, options };
  }, false);
}

/** `ALTER FUNCTION | PROCEDURE | AGGREGATE f(args) RENAME TO g`. */
export function renameFunction(sc: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const f = functionByArgs(sc, n.object!.ObjectWithArgs!);
  refuseIfNamed(sc, f, 'renaming');
  if (f.kind === 'aggregate') return rekeyAggregate(sc, f, { name: newname });
  refold(sc, f, (c) => ({ ...c, funcname: [{ String: { sval: f.schema } }, { String: { sval: newname } }] }), true);
}

/** `ALTER FUNCTION | PROCEDURE | AGGREGATE f(args) SET SCHEMA s`. */
export function setFunctionSchema(sc: FoldScope, n: Payload<'AlterObjectSchemaStmt'>, to: string): void {
  const f = functionByArgs(sc, n.object!.ObjectWithArgs!);
  if (f.schema === to) return;
  refuseIfNamed(sc, f, 'moving');
  if (f.kind === 'aggregate') return rekeyAggregate(sc, f, { schema: to });
  refold(sc, f, (c) => ({ ...c, funcname: [{ String: { sval: to } }, { String: { sval: f.name } }] }), true);
}

/**
 * An aggregate renamed or moved (`ALTER AGGREGATE agg(args) RENAME TO | SET SCHEMA`): the same aggregate under its
 * new key, its definition rendered with the new name (its support functions are PostgreSQL's references by OID, and
 * stay), its comment and privileges following it; a taken name is E_DUPLICATE, as PostgreSQL's "already exists".
 *
 * @example
 * rekeyAggregate(scope, mysum, { name: 'total' }) // functions['public.mysum(integer)'] → 'public.total(integer)'
 */
function rekeyAggregate(sc: FoldScope, f: Mut<Func>, patch: { readonly name?: string; readonly schema?: string }): void {
  const moved: Mut<Func> = { ...f, ...patch };
  moved.definition = aggregateDefinition(qualifiedKey(moved.schema, moved.name), moved.identityArgs, f.aggregate!);
  const oldKey = keyOf(f);
  const newKey = keyOf(moved);
  if (sc.model.functions[newKey]) throw new Problem('E_DUPLICATE', `function ${moved.name}(${moved.identityArgs}) already exists in schema "${moved.schema}"`);
  delete sc.model.functions[oldKey];
  sc.model.functions[newKey] = moved;
  sc.functionsChanged();
  movePrivileges(sc, f, moved);
}

/** The privileges on function `f` (`GRANT EXECUTE ON FUNCTION …`, kept under its key) follow it to `moved`'s. */
function movePrivileges(sc: FoldScope, f: Func, moved: Func): void {
  for (const [k, o] of Object.entries(sc.objects)) {
    if (o.kind !== 'privileges' || (o.on !== 'FUNCTION' && o.on !== 'PROCEDURE') || o.schema !== f.schema || o.name !== f.name || o.args !== f.identityArgs) continue;
    delete sc.objects[k];
    const p2 = { ...o, schema: moved.schema, name: moved.name };
    sc.objects[`privileges ${o.on} ${qualifiedKey(p2.schema, p2.name)}(${p2.args ?? ''})`] = p2;
  }
}

/**
 * E_NATIVE when something in the Model names `f` (by its name: every overload, and any schema, counts): a
 * `function` field (triggers, event triggers, operators, casts), a call in a canonical form or a kept parse tree
 * (defaults, checks, indexes, policies, views, SQL-standard bodies), an aggregate's support function.
 */
function refuseIfNamed(sc: FoldScope, f: Func, doing: string): void {
  const own = keyOf(f);
  const hit = (v: unknown, key: string): boolean => {
    if (typeof v === 'string') {
      if (key === 'function') return v === qualifiedKey(f.schema, f.name) || v.startsWith(`${qualifiedKey(f.schema, f.name)}(`);
      if (key === 'canonical' && v.startsWith('{') || key === 'canonical' && v.startsWith('[')) {
        try {
          return hit(JSON.parse(v), '');
        } catch {
          return false;
        }
      }
      return false;
    }
    if (Array.isArray(v)) return v.some((x) => hit(x, key));
    if (!v || typeof v !== 'object') return false;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.Fn) && o.Fn[0] === f.name) return true;
    const call = o.FuncCall as { funcname?: Node[] } | undefined;
    if (call?.funcname && sv(call.funcname[call.funcname.length - 1]) === f.name) return true;
    return Object.entries(o).some(([k, x]) => hit(x, k));
  };
  const readers: string[] = [];
  const scan = (kind: string, entries: Record<string, unknown>) => {
    for (const [k, o] of Object.entries(entries)) if (!(kind === 'function' && k === own) && (o as { kind?: string }).kind !== 'privileges' && hit(o, '')) readers.push(`${kind} ${k}`.replace(/^object /, ''));
  };
  scan('table', sc.model.tables);
  scan('view', sc.model.views);
  scan('type', sc.model.types);
  scan('function', sc.model.functions);
  scan('object', sc.objects);
  for (const g of Object.values(sc.model.functions)) {
    if (g.kind !== 'aggregate' || keyOf(g) === own) continue;
    const p = parseOne(g.definition);
    if (p && JSON.stringify(p.node).includes(JSON.stringify({ String: { sval: f.name } }))) readers.push(`aggregate ${keyOf(g)}`);
  }
  if (readers.length) throw new Problem('E_NATIVE', `${doing} function ${own} named by ${[...new Set(readers)].join(', ')} is not folded natively (PostgreSQL follows it by OID; the Model holds it by name); write the function under its final name, or let the dev database replay it`);
}
