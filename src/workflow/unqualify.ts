/**
 * Schema-bound (unqualified) SQL, as Atlas writes it for a dev database bound to one schema: the names of
 * that schema lose their qualifier (`"public"."users"` → `users`, `'public.t_id_seq'::regclass` →
 * `'t_id_seq'::regclass`), so one migration directory applies to every tenant schema through a URL with
 * `search_path`.
 *
 * In:  a planned statement and the schema. Out: the statement rewritten on its parse tree (libpg-query) and
 * printed back by the deparser, or undefined when the rewrite cannot be proved: the printed statement is
 * parsed again and must give exactly the rewritten tree. Names of other schemas stay qualified.
 */
import { deparseSync, loadLibpg, parseSync } from '../parse/libpg.js';

type Node = unknown;

function isStringList(a: unknown[]): a is Array<{ String: { sval: string } }> {
  return a.every((x) => !!x && typeof x === 'object' && 'String' in x);
}

function unqualifyName(text: string, schema: string): string {
  const quoted = `"${schema.replace(/"/g, '""')}".`;
  if (text.startsWith(quoted)) return text.slice(quoted.length);
  if (/^[a-z_][a-z0-9_$]*$/.test(schema) && text.startsWith(`${schema}.`)) return text.slice(schema.length + 1);
  return text;
}

function strip(n: Node, schema: string): Node {
  if (Array.isArray(n)) {
    const arr = n.map((x) => strip(x, schema));
    // Qualified names are lists of String nodes: [schema, name] (types, functions, sequences, drop targets).
    if (arr.length >= 2 && isStringList(arr) && arr[0]!.String.sval === schema) return arr.slice(1);
    return arr;
  }
  if (n && typeof n === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) {
      if (k === 'schemaname' && v === schema) continue;
      o[k] = strip(v, schema);
    }
    // 'schema.name'::regclass (a sequence in a default): the literal names the schema too.
    const cast = o.TypeCast as { arg?: { A_Const?: { sval?: { sval?: string } } }; typeName?: { names?: Array<{ String?: { sval?: string } }> } } | undefined;
    const sval = cast?.arg?.A_Const?.sval;
    if (sval?.sval !== undefined && cast?.typeName?.names?.at(-1)?.String?.sval === 'regclass') sval.sval = unqualifyName(sval.sval, schema);
    return o;
  }
  return n;
}

function withoutLocations(n: Node): Node {
  if (Array.isArray(n)) return n.map(withoutLocations);
  if (n && typeof n === 'object') return Object.fromEntries(Object.entries(n).filter(([k]) => k !== 'location' && k !== 'stmt_location' && k !== 'stmt_len').map(([k, v]) => [k, withoutLocations(v)]));
  return n;
}

/**
 * @example
 * await unqualifyStatement('CREATE INDEX "i" ON "public"."posts" ("user_id")', 'public') // 'CREATE INDEX i ON posts (user_id)'
 */
export async function unqualifyStatement(sql: string, schema: string): Promise<string | undefined> {
  await loadLibpg();
  const tree = parseSync(sql) as { stmts: Array<{ stmt: Node }> };
  if (tree.stmts.length !== 1) return undefined;
  const stmt = strip(tree.stmts[0]!.stmt, schema);
  let out: string;
  try {
    out = deparseSync(stmt as never, { pretty: false } as never);
  } catch {
    return undefined;
  }
  try {
    const again = parseSync(out) as { stmts: Array<{ stmt: Node }> };
    if (again.stmts.length !== 1 || JSON.stringify(withoutLocations(again.stmts[0]!.stmt)) !== JSON.stringify(withoutLocations(stmt))) return undefined;
  } catch {
    return undefined;
  }
  return out;
}
