/**
 * Which schema objects a migration statement writes, read from PostgreSQL's parse tree: used by
 * `migrate rebase` to tell when two branches changed the same object.
 *
 * In:  statement text and the search_path unqualified names resolve through. Out: touched objects.
 * Never: touches a database. A statement it does not understand touches nothing it can name (the
 * merged directory's replay still catches what breaks).
 */
import { stringValue, tagOf, type Payload, type Tree } from '../parse/ast.js';
import { parseSync } from '../parse/libpg.js';

/** A schema object a statement writes: a whole relation, or one part of it. */
export type Touched =
  | { readonly kind: 'relation'; readonly rel: string }
  | { readonly kind: 'column'; readonly rel: string; readonly name: string }
  | { readonly kind: 'constraint'; readonly rel: string; readonly name: string }
  | { readonly kind: 'index'; readonly rel: string | undefined; readonly name: string }
  | { readonly kind: 'type' | 'function' | 'schema'; readonly name: string };

const names = (list: readonly Tree[] | undefined): string[] => (list ?? []).map(stringValue).filter((x) => !!x);

/**
 * The objects a statement writes (CREATE/ALTER/DROP/RENAME of tables, columns, constraints, indexes,
 * views, types, functions, schemas).
 *
 * @example
 * touchedBy('ALTER TABLE users ADD COLUMN phone text;', ['public']) // [{ kind: 'column', rel: 'public.users', name: 'phone' }]
 */
export function touchedBy(sql: string, searchPath: readonly string[] = ['public']): Touched[] {
  let stmts: { stmt: Tree }[];
  try {
    stmts = (parseSync(sql) as { stmts?: { stmt: Tree }[] }).stmts ?? [];
  } catch {
    return [];
  }
  const dflt = searchPath[0] ?? 'public';
  const rel = (v: Payload<'RangeVar'> | undefined) => (v?.relname ? `${v.schemaname ?? dflt}.${v.relname}` : undefined);
  const qualified = (parts: string[]) => (parts.length > 1 ? parts.join('.') : `${dflt}.${parts[0]}`);
  const relation = (r: string | undefined) => void (r && out.push({ kind: 'relation', rel: r }));
  const out: Touched[] = [];
  for (const { stmt } of stmts) {
    const [type, body] = tagOf(stmt);
    switch (type) {
      case 'CreateStmt': relation(rel(body.relation)); break;
      case 'CreateTableAsStmt': relation(rel(body.into?.rel)); break;
      case 'ViewStmt': relation(rel(body.view)); break;
      case 'CreateSeqStmt': case 'AlterSeqStmt': relation(rel(body.sequence)); break;
      case 'AlterTableStmt': {
        const r = rel(body.relation);
        if (!r) break;
        for (const c of body.cmds ?? []) {
          const cmd = c.AlterTableCmd;
          if (!cmd) continue;
          const sub = String(cmd.subtype);
          const def = cmd.def;
          if (sub === 'AT_AddColumn' && def?.ColumnDef?.colname) out.push({ kind: 'column', rel: r, name: def.ColumnDef.colname });
          else if (sub === 'AT_AddConstraint') out.push(def?.Constraint?.conname ? { kind: 'constraint', rel: r, name: def.Constraint.conname } : { kind: 'relation', rel: r });
          else if (sub === 'AT_DropConstraint' || sub === 'AT_ValidateConstraint') out.push({ kind: 'constraint', rel: r, name: String(cmd.name) });
          else if (typeof cmd.name === 'string' && /Column|NotNull|Default|Identity|Statistics|Storage|Compression/.test(sub)) out.push({ kind: 'column', rel: r, name: cmd.name });
          else out.push({ kind: 'relation', rel: r });
        }
        break;
      }
      case 'RenameStmt': {
        const r = rel(body.relation);
        const kind = String(body.renameType);
        if (r && kind === 'OBJECT_COLUMN') {
          out.push({ kind: 'column', rel: r, name: String(body.subname) }, { kind: 'column', rel: r, name: String(body.newname) });
        } else if (r && kind === 'OBJECT_TABCONSTRAINT') {
          out.push({ kind: 'constraint', rel: r, name: String(body.subname) }, { kind: 'constraint', rel: r, name: String(body.newname) });
        } else if (r) {
          const schema = r.slice(0, r.indexOf('.'));
          out.push({ kind: 'relation', rel: r }, { kind: 'relation', rel: `${schema}.${String(body.newname)}` });
        }
        break;
      }
      case 'IndexStmt': {
        const r = rel(body.relation);
        const schema = r ? r.slice(0, r.indexOf('.')) : dflt;
        out.push({ kind: 'index', rel: r, name: `${schema}.${String(body.idxname ?? '')}` });
        break;
      }
      case 'DropStmt': {
        const what = String(body.removeType);
        for (const o of body.objects ?? []) {
          const parts = names(o.List?.items ?? [o]);
          const typeName = o.TypeName?.names ? names(o.TypeName.names) : undefined;
          if (what === 'OBJECT_INDEX' && parts.length) out.push({ kind: 'index', rel: undefined, name: qualified(parts) });
          else if ((what === 'OBJECT_TYPE' || what === 'OBJECT_DOMAIN') && (typeName ?? parts).length) out.push({ kind: 'type', name: qualified(typeName ?? parts) });
          else if (what === 'OBJECT_SCHEMA' && parts.length) out.push({ kind: 'schema', name: parts[0]! });
          else if (what === 'OBJECT_FUNCTION' || what === 'OBJECT_PROCEDURE') {
            const fn = names(o.ObjectWithArgs?.objname);
            if (fn.length) out.push({ kind: 'function', name: qualified(fn) });
          } else if (parts.length) out.push({ kind: 'relation', rel: qualified(parts) });
        }
        break;
      }
      case 'CreateEnumStmt': case 'AlterEnumStmt': {
        const n = names(body.typeName);
        if (n.length) out.push({ kind: 'type', name: qualified(n) });
        break;
      }
      case 'CreateDomainStmt': {
        const n = names(body.domainname);
        if (n.length) out.push({ kind: 'type', name: qualified(n) });
        break;
      }
      case 'CompositeTypeStmt': {
        const r = rel(body.typevar);
        if (r) out.push({ kind: 'type', name: r });
        break;
      }
      case 'CreateFunctionStmt': {
        const n = names(body.funcname);
        if (n.length) out.push({ kind: 'function', name: qualified(n) });
        break;
      }
      case 'CreateSchemaStmt':
        if (typeof body.schemaname === 'string') out.push({ kind: 'schema', name: body.schemaname });
        break;
      default:
        break;
    }
  }
  return out;
}

/** The relation a touched object belongs to, when it belongs to one. */
function relationOf(t: Touched): string | undefined {
  return t.kind === 'relation' || t.kind === 'column' || t.kind === 'constraint' ? t.rel : t.kind === 'index' ? t.rel : undefined;
}

/**
 * Whether two touched objects are the same object, or one is a whole relation the other is part of
 * (dropping a table conflicts with adding a column to it; adding two different columns does not).
 *
 * @example
 * overlaps({ kind: 'column', rel: 'public.users', name: 'email' }, { kind: 'relation', rel: 'public.users' }) // true
 */
export function overlaps(a: Touched, b: Touched): boolean {
  if (a.kind === 'relation' || b.kind === 'relation') {
    const [whole, other] = a.kind === 'relation' ? [a, b] : [b as Extract<Touched, { kind: 'relation' }>, a];
    return relationOf(other) === whole.rel;
  }
  if (a.kind !== b.kind) return false;
  if (a.kind === 'column' || a.kind === 'constraint') return a.rel === (b as typeof a).rel && a.name === (b as typeof a).name;
  return a.name === (b as { name: string }).name;
}

/**
 * A touched object for a message.
 *
 * @example
 * describeTouched({ kind: 'column', rel: 'public.users', name: 'email' }) // 'column "public"."users"."email"'
 */
export function describeTouched(t: Touched): string {
  const q = (key: string) => key.split('.').map((p) => `"${p}"`).join('.');
  switch (t.kind) {
    case 'relation': return `table ${q(t.rel)}`;
    case 'column': return `column ${q(t.rel)}."${t.name}"`;
    case 'constraint': return `constraint "${t.name}" on ${q(t.rel)}`;
    case 'index': return `index ${q(t.name)}`;
    default: return `${t.kind} ${q(t.name)}`;
  }
}
