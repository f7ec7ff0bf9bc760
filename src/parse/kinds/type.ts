/**
 * User types, folded: enums, domains, composites and ranges (`CREATE TYPE`, `CREATE DOMAIN`, `ALTER TYPE … ADD VALUE`,
 * rename, SET SCHEMA, DROP).
 */
import type { Column, DomainType, Expr, TypeDef } from '../../model/types.js';
import { nodeAs, type Node, type Payload } from '../ast.js';
import { Problem, notFound, type FoldScope, type MTable, type Mut } from './scope.js';
import { qualifiedKey, quoteIdent } from '../../model/names.js';
import { chooseName } from '../../model/naming.js';
import * as collations from './collation.js';
import { sv } from './nodes.js';
import * as privileges from './privileges.js';
import { alterSubcommand } from '../statement-kind.js';
import { extensionCatalog } from '../ext-catalog.js';
import { DEFAULT_OPCLASSES } from '../catalog/extensions.js';

export function newType(sc: FoldScope, names: readonly string[]): { schema: string; name: string; key: string } {
  const t = sc.creating(names);
  if (sc.model.types[t.key]) throw new Problem('E_DUPLICATE', `type "${t.schema}.${t.name}" already exists`);
  sc.claim(t.schema, t.name);
  return t;
}

export function createEnum(sc: FoldScope, n: Payload<'CreateEnumStmt'>): void {
  const t = newType(sc, n.typeName!.map(sv));
  sc.model.types[t.key] = { kind: 'enum', schema: t.schema, name: t.name, labels: (n.vals ?? []).map(sv), loc: sc.loc };
}

export function createDomain(sc: FoldScope, n: Payload<'CreateDomainStmt'>): void {
  const t = newType(sc, n.domainname!.map(sv));
  let notNull = false;
  let def: Expr | undefined;
  const checks: { name: string; expr: Expr }[] = [];
  for (const c of (n.constraints ?? []).map((x) => x.Constraint!)) {
    if (c.contype === 'CONSTR_NOTNULL') notNull = true;
    else if (c.contype === 'CONSTR_DEFAULT') def = sc.defaultExpr(c.raw_expr, sc.type(n.typeName));
    else if (c.contype === 'CONSTR_CHECK') {
      const name = c.conname ?? chooseName(t.name, undefined, 'check', (x) => checks.some((k) => k.name === x));
      checks.push({ name, expr: sc.expr(c.raw_expr, [{ name: 'value', type: sc.type(n.typeName) }]) });
    }
  }
  const collation = n.collClause ? collations.collationSpelling(sc.model, n.collClause.collname!.map(sv), sc.searchPath) : undefined;
  sc.model.types[t.key] = {
    kind: 'domain', schema: t.schema, name: t.name, baseType: sc.type(n.typeName), notNull, ...(def ? { default: def } : {}),
    ...(collation ? { collation } : {}), checks: checks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), loc: sc.loc,
  };
}

/**
 * `ALTER DOMAIN`: SET/DROP DEFAULT, SET/DROP NOT NULL, ADD CONSTRAINT (CHECK, `NOT VALID` kept), DROP CONSTRAINT,
 * VALIDATE CONSTRAINT — pg_dump writes a NOT VALID domain check this way.
 *
 * @example alterDomain(sc, stmt) // ALTER DOMAIN d ADD CONSTRAINT pos CHECK (VALUE > 0) NOT VALID → checks [{ name: 'pos', …, notValid: true }]
 */
export function alterDomain(sc: FoldScope, n: Payload<'AlterDomainStmt'>): void {
  const names = (n.typeName ?? []).map(sv);
  const t = sc.lookup(sc.model.types, names);
  if (t?.obj.kind !== 'domain') throw new Problem('E_UNKNOWN', `domain "${names.join('.')}" does not exist`);
  const m = t.obj as Mut<DomainType>;
  const checks = [...m.checks];
  switch (n.subtype) {
    case 'T': if (n.def) m.default = sc.defaultExpr(n.def, m.baseType); else delete m.default; break;
    case 'N': m.notNull = false; break;
    case 'O': m.notNull = true; break;
    case 'C': {
      const c = nodeAs(n.def, 'Constraint');
      if (c?.contype === 'CONSTR_NOTNULL') m.notNull = true;
      else if (c?.contype === 'CONSTR_CHECK') {
        const name = c.conname ?? chooseName(m.name, undefined, 'check', (x) => checks.some((k) => k.name === x));
        if (checks.some((k) => k.name === name)) throw new Problem('E_DUPLICATE', `constraint "${name}" for domain "${m.name}" already exists`);
        checks.push({ name, expr: sc.expr(c.raw_expr, [{ name: 'value', type: m.baseType }]), ...(c.skip_validation ? { notValid: true } : {}) });
      } else throw new Problem('E_UNSUPPORTED', `ALTER DOMAIN … ADD ${c?.contype ?? 'constraint'} is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`);
      break;
    }
    case 'X': {
      const i = checks.findIndex((k) => k.name === n.name);
      if (i >= 0) checks.splice(i, 1);
      else if (!n.missing_ok) throw new Problem('E_UNKNOWN', `constraint "${n.name}" of domain "${m.name}" does not exist`);
      break;
    }
    case 'V': {
      const i = checks.findIndex((k) => k.name === n.name);
      if (i < 0) throw new Problem('E_UNKNOWN', `constraint "${n.name}" of domain "${m.name}" does not exist`);
      checks[i] = { name: checks[i]!.name, expr: checks[i]!.expr };
      break;
    }
    default: throw new Problem('E_UNSUPPORTED', `this ALTER DOMAIN is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`);
  }
  m.checks = checks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A composite attribute's `COLLATE` clause, as the Model spells collations (`{}` without one). */
function attributeCollation(sc: FoldScope, d: Payload<'ColumnDef'>): { collation?: string } {
  return d.collClause ? { collation: collations.collationSpelling(sc.model, d.collClause.collname!.map(sv), sc.searchPath) } : {};
}

export function createComposite(sc: FoldScope, n: Payload<'CompositeTypeStmt'>): void {
  const t = newType(sc, sc.rangeNames(n.typevar));
  sc.model.types[t.key] = {
    kind: 'composite', schema: t.schema, name: t.name, loc: sc.loc,
    attributes: (n.coldeflist ?? []).map((c) => {
      const d = c.ColumnDef!;
      return { name: d.colname!, type: sc.type(d.typeName), ...attributeCollation(sc, d) };
    }),
  };
}

/**
 * `ALTER TYPE t ADD | DROP | ALTER ATTRIBUTE …` on a composite type (libpg_query parses it as an AlterTableStmt
 * on OBJECT_TYPE). With typed tables of the type, PostgreSQL requires CASCADE, and the change reaches each of them:
 * ADD ATTRIBUTE adds a plain column, DROP ATTRIBUTE drops the column (`dropColumn`: ALTER TABLE … DROP COLUMN's fold,
 * with what goes with the column), ALTER ATTRIBUTE … TYPE retypes it.
 *
 * @example
 * // ALTER TYPE app.spec ALTER ATTRIBUTE n TYPE smallint, ADD ATTRIBUTE note text
 * alterComposite(sc, n, dropColumn) // app.spec's attributes: n smallint, …, note text
 */
export function alterComposite(sc: FoldScope, n: Payload<'AlterTableStmt'>, dropColumn: (table: MTable, column: string) => void): void {
  const names = sc.rangeNames(n.relation);
  const found = sc.lookup(sc.model.types, names);
  if (!found) {
    if (n.missing_ok) return;
    throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist`, n.relation?.location);
  }
  if (found.obj.kind !== 'composite') throw new Problem('E_UNKNOWN', `type "${names.join('.')}" is not a composite type`, n.relation?.location);
  const t = found.obj as Mut<TypeDef & { kind: 'composite' }>;
  const attributes = [...t.attributes];
  // Typed tables of the type (`CREATE TABLE x OF t`): PostgreSQL alters them with CASCADE only.
  const typed = Object.values(sc.model.tables).filter((x) => x.ofType === found.key);
  for (const cmd of (n.cmds ?? []).map((c) => c.AlterTableCmd!)) {
    const at = attributes.findIndex((a) => a.name === cmd.name);
    const missing = () => new Problem('E_UNKNOWN', `column "${cmd.name}" of relation "${t.name}" does not exist`);
    if (typed.length && cmd.behavior !== 'DROP_CASCADE') throw new Problem('E_DEPENDS', `cannot alter type "${t.name}" because it is the type of a typed table (${typed.map((x) => x.name).join(', ')}); use ALTER TYPE … CASCADE`, n.relation?.location);
    switch (cmd.subtype) {
      case 'AT_AddColumn': {
        const d = cmd.def!.ColumnDef!;
        if (attributes.some((a) => a.name === d.colname)) throw new Problem('E_DUPLICATE', `column "${d.colname}" of relation "${t.name}" already exists`);
        const a = { name: d.colname!, type: sc.type(d.typeName), ...attributeCollation(sc, d) };
        attributes.push(a);
        // CASCADE: each typed table gets the column (a plain one: no default, nullable).
        for (const x of typed) {
          if (x.columns.some((c) => c.name === a.name)) throw new Problem('E_DUPLICATE', `column "${a.name}" of relation "${x.name}" already exists`);
          x.columns.push({ name: a.name, type: a.type, notNull: false, ...(a.collation ? { collation: a.collation } : {}) });
        }
        break;
      }
      case 'AT_DropColumn':
        if (at < 0) {
          if (cmd.missing_ok) break;
          throw missing();
        }
        attributes.splice(at, 1);
        // Its comment goes with it.
        setAttributeComment(t, cmd.name!, undefined);
        // CASCADE: each typed table loses the column, and what goes with it.
        for (const x of typed) dropColumn(x, cmd.name!);
        break;
      case 'AT_AlterColumnType': {
        if (at < 0) throw missing();
        // ALTER ATTRIBUTE … TYPE without COLLATE takes the new type's default collation, as PostgreSQL does.
        const d = cmd.def!.ColumnDef!;
        const a = { name: attributes[at]!.name, type: sc.type(d.typeName), ...attributeCollation(sc, d) };
        attributes[at] = a;
        // CASCADE: each typed table's column is converted to it (its default, key and indexes kept).
        for (const x of typed) {
          const c = x.columns.find((col) => col.name === a.name) as Mut<Column> | undefined;
          if (!c) continue;
          c.type = a.type;
          if (a.collation) c.collation = a.collation;
          else delete c.collation;
        }
        break;
      }
      default:
        throw new Problem('E_UNSUPPORTED', `ALTER TYPE ${t.name} … ${alterSubcommand(cmd.subtype)} is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`);
    }
  }
  t.attributes = attributes;
}

/**
 * Sets the comment of a composite type's attribute `name` to `text` (undefined: removes it); the type keeps no
 * `attributeComments` when none is left (as the inspector reads it).
 *
 * @example setAttributeComment(t, 'a', undefined) // t.attributeComments: { a: 'x' } → absent
 */
export function setAttributeComment(t: Mut<TypeDef & { kind: 'composite' }>, name: string, text: string | undefined): void {
  const next = { ...(t.attributeComments ?? {}) };
  if (text === undefined) delete next[name];
  else next[name] = text;
  if (Object.keys(next).length) t.attributeComments = next;
  else delete t.attributeComments;
}

const nameList = (a: Node): string[] => (a?.TypeName?.names ?? a?.List?.items ?? [a]).map(sv);
const bare = (names: string[]) => (names[0] === 'pg_catalog' && names.length === 2 ? names.slice(1) : names);

/**
 * A range's SUBTYPE_DIFF / CANONICAL function as regproc prints it (the inspector's reading): pg_catalog's bare, a
 * file's function qualified with the schema the search_path finds it in.
 */
function rangeFunction(sc: FoldScope, a: Node): string {
  const names = bare(nameList(a));
  const f = names.length === 1 ? sc.findFunction(names[0]!) : undefined;
  return f ? qualifiedKey(f.schema, names[0]!) : names.map(quoteIdent).join('.');
}

/** pg_catalog's default btree operator classes (`inet_ops`, `text_ops`, …): a range names one for nothing. */
const BUILTIN_BTREE_DEFAULTS = new Set((DEFAULT_OPCLASSES.btree ?? '').split(' ').filter(Boolean).map((e) => e.replace(/@\d+$/, '').split('=')[1]!));

/**
 * A range's SUBTYPE_OPCLASS as the inspector reads it (opcdefault: none; pg_catalog's bare; another schema's
 * qualified), found as PostgreSQL finds a btree operator class: a qualified name in its schema, an unqualified one
 * along the search_path (pg_catalog first unless the path places it), among pg_catalog's, the file's own and those
 * of the extensions the file creates (their schemas: ../ext-catalog.ts). A class found nowhere is kept as written.
 *
 * @example
 * rangeOpclass(sc, inet_ops)   // undefined: pg_catalog's default class for inet
 * rangeOpclass(sc, citext_ops) // undefined, citext created in ext and ext on the search_path (its default class)
 */
function rangeOpclass(sc: FoldScope, a: Node): string | undefined {
  const names = bare(nameList(a));
  const name = names.at(-1)!;
  const path = names.length > 1 ? [names[0]!] : sc.searchPath.includes('pg_catalog') ? sc.searchPath : ['pg_catalog', ...sc.searchPath];
  const ext = extensionCatalog(sc.model.extensions).opclasses(name).filter((o) => o.method === 'btree');
  for (const schema of path) {
    if (schema === 'pg_catalog' && BUILTIN_BTREE_DEFAULTS.has(name)) return undefined;
    const own = sc.objects[`operator_class ${qualifiedKey(schema, name)} USING btree`];
    if (own) return [schema, name].map(quoteIdent).join('.');
    const e = ext.find((o) => o.schema === schema);
    if (e) return e.default ? undefined : [schema, name].map(quoteIdent).join('.');
  }
  return names.map(quoteIdent).join('.');
}

export function createRange(sc: FoldScope, n: Payload<'CreateRangeStmt'>): void {
  const t = newType(sc, n.typeName!.map(sv));
  const p: Record<string, Node> = {};
  for (const d of (n.params ?? []).map((x) => x.DefElem!)) p[d.defname!.toLowerCase()] = d.arg!;
  if (!p.subtype) throw new Problem('E_UNSUPPORTED', `range type "${t.name}" needs a SUBTYPE`);
  const tn = p.subtype.TypeName ?? p.subtype;
  const multirange = p.multirange_type_name ? (p.multirange_type_name.TypeName?.names ?? p.multirange_type_name.List?.items ?? []).map(sv).pop() : t.name.includes('range') ? t.name.replace('range', 'multirange') : `${t.name}_multirange`;
  if (multirange) sc.claim(t.schema, multirange);
  sc.model.types[t.key] = {
    kind: 'range', schema: t.schema, name: t.name, subtype: sc.type(tn), loc: sc.loc,
    ...(p.subtype_diff ? { subtypeDiff: rangeFunction(sc, p.subtype_diff) } : {}), ...(p.canonical ? { canonical: rangeFunction(sc, p.canonical) } : {}),
    ...((opclass) => (opclass ? { subtypeOpclass: opclass } : {}))(p.subtype_opclass ? rangeOpclass(sc, p.subtype_opclass) : undefined), ...(p.collation ? { collation: (p.collation?.TypeName?.names ?? p.collation?.List?.items ?? []).map(sv).filter((x: string) => x !== 'pg_catalog').map(quoteIdent).join('.') } : {}),
    ...(multirange ? { multirange } : {}),
  };
}

export function alterEnum(sc: FoldScope, n: Payload<'AlterEnumStmt'>): void {
  const names = n.typeName!.map(sv);
  const t = sc.lookup(sc.model.types, names);
  if (!t || t.obj.kind !== 'enum') throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist or is not an enum`);
  const e = t.obj as Mut<TypeDef & { kind: 'enum' }>;
  const labels = [...e.labels];
  if (n.oldVal) {
    const i = labels.indexOf(n.oldVal);
    if (i < 0) throw new Problem('E_UNKNOWN', `"${n.oldVal}" is not an existing enum label`);
    labels[i] = n.newVal!;
  } else {
    if (labels.includes(n.newVal!)) {
      if (n.skipIfNewValExists) return;
      throw new Problem('E_DUPLICATE', `enum label "${n.newVal}" already exists`);
    }
    if (n.newValNeighbor) {
      const i = labels.indexOf(n.newValNeighbor);
      if (i < 0) throw new Problem('E_UNKNOWN', `"${n.newValNeighbor}" is not an existing enum label`);
      labels.splice(n.newValIsAfter ? i + 1 : i, 0, n.newVal!);
    } else labels.push(n.newVal!);
  }
  e.labels = labels;
}

/** DROP TYPE / DOMAIN: CASCADE drops the columns of that type. */
export function dropType(sc: FoldScope, names: readonly string[], cascade: boolean, missingOk: boolean): void {
  const t = sc.lookup(sc.model.types, names);
  if (!t) return notFound('type', names, missingOk);
  const users = Object.values(sc.model.tables).filter((x) => x.columns.some((c) => c.type.replace(/\[\]$/, '') === t.key));
  if (users.length && !cascade) throw new Problem('E_DEPENDS', `cannot drop type ${t.key} because other objects depend on it (${users.map((u) => u.name).join(', ')}); use DROP … CASCADE`);
  for (const u of users) u.columns = u.columns.filter((c) => c.type.replace(/\[\]$/, '') !== t.key);
  delete sc.model.types[t.key];
  sc.release(t.obj.schema, t.obj.name);
}

/** ALTER TYPE / DOMAIN … RENAME TO: columns of that type follow. */
export function renameType(sc: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const names = (n.object?.List?.items ?? []).map(sv);
  const t = sc.lookup(sc.model.types, names);
  if (!t) throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist`);
  delete sc.model.types[t.key];
  privileges.renamePrivileges(sc.model.objects, ['TYPE'], t.obj.schema, t.obj.name, { name: newname });
  t.obj.name = newname;
  const key = qualifiedKey(t.obj.schema, newname);
  sc.model.types[key] = t.obj;
  for (const tab of Object.values(sc.model.tables)) for (const c of tab.columns) if (c.type.replace(/\[\]$/, '') === t.key) c.type = c.type.replace(t.key, key);
}

/** ALTER TYPE / DOMAIN … SET SCHEMA: columns of that type follow. */
export function setTypeSchema(sc: FoldScope, n: Payload<'AlterObjectSchemaStmt'>, to: string): void {
  const names = (n.object?.List?.items ?? n.object?.TypeName?.names ?? []).map(sv);
  const ty = sc.lookup(sc.model.types, names);
  if (!ty) throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist`);
  delete sc.model.types[ty.key];
  sc.release(ty.obj.schema, ty.obj.name);
  sc.claim(to, ty.obj.name);
  privileges.renamePrivileges(sc.model.objects, ['TYPE'], ty.obj.schema, ty.obj.name, { schema: to });
  ty.obj.schema = to;
  const nk = qualifiedKey(to, ty.obj.name);
  sc.model.types[nk] = ty.obj;
  for (const tab of Object.values(sc.model.tables)) for (const c of tab.columns) if (c.type.replace(/\[\]$/, '') === ty.key) c.type = c.type.replace(ty.key, nk);
}
