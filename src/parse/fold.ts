/**
 * Folding: parsed DDL statements → the Model, in order, the way PostgreSQL would execute them.
 *
 * In:  ParsedStatement[] (./pg.ts), a starting search_path. Out: a mutable Model plus located warnings
 *      (data statements, ignored settings) and errors (unsupported DDL, references to unknown objects).
 * Never: does I/O. Implicit things are made explicit exactly like PostgreSQL does: serial columns expand
 * to sequence + default + OWNED BY, primary keys make columns NOT NULL, unnamed constraints and indexes
 * get PostgreSQL's names, unqualified names resolve through the current search_path.
 */
import type { SourceLocation } from '../errors.js';
import { deferralSql, foreignKeySql, keySql } from '../model/constraint-sql.js';
import { qualifiedKey, quoteIdent, quoteLiteral, splitKey, splitQualified } from '../model/names.js';
import type {
  CatalogObject, Column, Constraint, ObjectPrivileges, Expr, FkAction, Func, FunctionArg, Grant, Index, Model, Policy, SchemaDef, Sequence, SequenceOptions, Table, Trigger, TypeDef, View,
} from '../model/types.js';
import { foldColumnDefOptions, setColumnOptions, setCompression, setStorage } from './kinds/column-options.js';
import * as eventTrigger from './kinds/event-trigger.js';
import * as publication from './kinds/publication.js';
import * as statistics from './kinds/statistics.js';
import * as collations from './kinds/collation.js';
import * as casts from './kinds/cast.js';
import * as operators from './kinds/operator.js';
import * as foreign from './kinds/foreign.js';
import * as rule from './kinds/rule.js';
import * as textSearch from './kinds/text-search.js';
import * as privileges from './kinds/privileges.js';
import { retargetSequenceDefaults } from './kinds/sequence-refs.js';
import * as defaultPrivileges from './kinds/default-privileges.js';
import { attachedTargetExists } from '../model/objects.js';
import type { FoldScope } from './kinds/scope.js';
import { chooseName, nameAddition, truncateIdent } from './naming.js';
import { canonicalizeDefinitions, indexShape } from './canonical.js';
import { boundOf, figureColname, normalizeExpr, normalizeQuery, type NormalizeContext } from './normalize.js';
import { deparseExpression, deparseStatement, type Node, type ParsedStatement } from './pg.js';
import { canonicalType, serialType } from './typename.js';

export interface FoldProblem {
  readonly location: SourceLocation;
  /** Byte offset (in the file) of the node the problem is about; refines `location`. */
  readonly at?: number;
  readonly message: string;
  /**
   * Stable code: `W_DATA`, `W_IGNORED`, `E_UNSUPPORTED`, `E_UNKNOWN`, `E_DUPLICATE`, …; `E_NATIVE` marks valid
   * SQL the native folder cannot follow (the dev database can).
   */
  readonly code: string;
}

export interface FoldOptions {
  /** The search_path the files start with (the URL's, else `public`). */
  readonly searchPath?: readonly string[];
  /** Keep statements the Model cannot represent as opaque statements instead of failing. */
  readonly allowOpaque?: boolean;
  /** Schemas that exist before the files run (a schema-bound URL's schema, which Atlas never creates). */
  readonly existingSchemas?: readonly string[];
}

type Mut<T> = { -readonly [K in keyof T]: T[K] };
type MTable = Omit<Mut<Table>, 'columns' | 'constraints' | 'indexes' | 'triggers' | 'policies' | 'grants'> & { columns: Mut<Column>[]; constraints: Record<string, Constraint>; indexes: Record<string, Index>; triggers: Record<string, Trigger>; policies: Record<string, Policy>; grants?: Grant[] };
type MView = Omit<Mut<View>, 'indexes' | 'triggers' | 'grants' | 'columnComments'> & { indexes: Record<string, Index>; triggers?: Record<string, Trigger>; grants?: Grant[]; columnComments?: Record<string, string> };
type MModel = { -readonly [K in keyof Model]: K extends 'opaque' | 'unmanaged' ? Model[K] extends readonly (infer E)[] ? E[] : never : Record<string, unknown> } & {
  schemas: Record<string, Mut<SchemaDef>>; extensions: Record<string, Mut<Model['extensions'][string]>>; types: Record<string, Mut<TypeDef>>;
  sequences: Record<string, Mut<Sequence>>; tables: Record<string, MTable>; views: Record<string, MView>; functions: Record<string, Mut<Func>>;
  objects: Record<string, CatalogObject>;
};

const sv = (n: Node): string => n?.String?.sval ?? '';
const FK: Record<string, FkAction> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const INT_LIMITS: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'], integer: ['-2147483648', '2147483647'], bigint: ['-9223372036854775808', '9223372036854775807'],
};
const TABLE_PRIVILEGES = ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'];
/** GRANT targets other than tables and views (./kinds/privileges.ts). */
const OBJECT_PRIVILEGES: Record<string, ObjectPrivileges['on']> = {
  OBJECT_SCHEMA: 'SCHEMA', OBJECT_SEQUENCE: 'SEQUENCE', OBJECT_FUNCTION: 'FUNCTION', OBJECT_PROCEDURE: 'FUNCTION', OBJECT_ROUTINE: 'FUNCTION', OBJECT_TYPE: 'TYPE', OBJECT_DOMAIN: 'TYPE',
};

/** Thrown inside a statement handler: becomes a located problem for that statement. */
class Problem extends Error {
  /** `at`: the parser's byte offset of the offending node in the file, when known. */
  constructor(readonly code: string, message: string, readonly at?: number) {
    super(message);
  }
}

export class Folder {
  readonly model: MModel = { schemas: {}, extensions: {}, types: {}, sequences: {}, tables: {}, views: {}, functions: {}, objects: {}, opaque: [], unmanaged: [] };
  readonly problems: FoldProblem[] = [];
  private searchPath: string[];
  private readonly initialSearchPath: string[];
  /** Relation-namespace names (pg_class + pg_type) per schema, and constraint names per schema. */
  private readonly relnames = new Map<string, Set<string>>();
  private readonly connames = new Map<string, Set<string>>();
  /** Index statements kept to re-render definitions after renames. */
  private readonly indexNodes = new Map<Index, Node>();
  /** Indexes on partitions attached to a parent's index (not the user's objects, like the inspector). */
  private readonly attachedIndexes = new Set<string>();
  private stmt!: ParsedStatement;
  /** Schemas taken as existing (FoldOptions.existingSchemas) that no file has created yet. */
  private readonly assumedSchemas = new Set<string>();

  constructor(private readonly opts: FoldOptions = {}) {
    this.initialSearchPath = [...(opts.searchPath?.length ? opts.searchPath : ['public'])];
    this.searchPath = [...this.initialSearchPath];
    // A new database's public schema, as PostgreSQL 15+ creates it.
    this.model.schemas.public = { kind: 'schema', name: 'public', comment: 'standard public schema' };
    for (const s of opts.existingSchemas ?? []) if (!this.model.schemas[s]) (this.model.schemas[s] = { kind: 'schema', name: s }), this.assumedSchemas.add(s);
  }

  fold(st: ParsedStatement): void {
    this.stmt = st;
    try {
      // Objects created under default privileges get them (./kinds/default-privileges.ts).
      const before = defaultPrivileges.snapshotKeys(this.model as unknown as Parameters<typeof defaultPrivileges.snapshotKeys>[0]);
      this.dispatch(st.type, st.node);
      if (before) defaultPrivileges.grantNewObjects(this.model as unknown as Parameters<typeof defaultPrivileges.grantNewObjects>[0], before);
    } catch (e) {
      if (e instanceof Problem) this.report(e.code, e.message, e.at);
      else if (e instanceof RangeError) this.report('E_TOO_DEEP', 'statement nested too deeply to analyse (maximum call stack size exceeded)');
      else throw e;
    }
  }

  private report(code: string, message: string, at?: number): void {
    this.problems.push({ location: this.stmt.loc, message, code, ...(at !== undefined && at >= 0 ? { at: at + this.stmt.base } : {}) });
  }

  private unsupported(what: string): void {
    if (this.opts.allowOpaque) {
      this.model.opaque.push({ kind: 'opaque', sql: this.stmt.text, loc: this.stmt.loc });
      this.report('W_OPAQUE', `${what} is kept as an opaque statement (not compared or diffed)`);
    } else {
      this.report('E_UNSUPPORTED', `${what} is not supported in a schema file; move it to a migration (\`meridian migrate new\`) or allow opaque statements`);
    }
  }

  // ---------------------------------------------------------------- name resolution

  private schemaOf(names: readonly string[]): string {
    if (names.length >= 2) return names[names.length - 2]!;
    const s = this.searchPath.find((x) => x !== 'pg_catalog' && x !== '$user' && this.model.schemas[x]);
    if (!s) throw new Problem('E_UNKNOWN', `no schema has been selected to create in (search_path is ${this.searchPath.join(', ') || 'empty'})`);
    return s;
  }

  /** Where a new object named `names` goes (its schema must exist). */
  private creating(names: readonly string[]): { schema: string; name: string; key: string } {
    const schema = this.schemaOf(names);
    if (!this.model.schemas[schema]) throw new Problem('E_UNKNOWN', `schema "${schema}" does not exist`);
    const name = truncateIdent(names[names.length - 1]!);
    return { schema, name, key: qualifiedKey(schema, name) };
  }

  /** Finds an existing object in `map` by (possibly unqualified) name through the search_path. */
  private lookup<T>(map: Record<string, T>, names: readonly string[]): { key: string; obj: T } | undefined {
    const name = truncateIdent(names[names.length - 1]!);
    if (names.length >= 2) {
      const key = qualifiedKey(names[names.length - 2]!, name);
      return map[key] ? { key, obj: map[key]! } : undefined;
    }
    for (const s of this.searchPath) {
      const key = qualifiedKey(s, name);
      if (map[key]) return { key, obj: map[key]! };
    }
    return undefined;
  }

  private rangeNames(rv: Node): string[] {
    return [rv.schemaname, rv.relname].filter((x) => x !== undefined && x !== '') as string[];
  }

  /** The object a RangeVar names in `map`; E_UNKNOWN (located at the name) unless `missingOk`. */
  private named<T>(map: Record<string, T>, rv: Node, what: string, missingOk = false): { key: string; obj: T } | undefined {
    const found = this.lookup(map, this.rangeNames(rv));
    if (!found && !missingOk) throw new Problem('E_UNKNOWN', `${what} "${this.rangeNames(rv).join('.')}" does not exist`, rv.location);
    return found;
  }

  private table(rv: Node, missingOk = false): { key: string; obj: MTable } | undefined {
    return this.named(this.model.tables, rv, 'relation', missingOk);
  }

  private typeKey(names: readonly string[]): string | undefined {
    if (names.length === 2 && names[0] === 'pg_catalog') return undefined;
    return this.lookup(this.model.types, names)?.key ?? this.lookup(this.model.tables, names)?.key ?? this.lookup(this.model.views, names)?.key;
  }

  private type(tn: Node): string {
    return canonicalType(tn, (names) => this.typeKey(names) ?? this.extensionType(names));
  }

  /** Types of extensions are not known here: qualified with the first schema on the path that holds an extension. */
  private extensionType(names: readonly string[]): string | undefined {
    if (names.length !== 1 || Object.keys(this.model.extensions).length === 0) return undefined;
    const schemas = new Set(Object.values(this.model.extensions).map((e) => e.schema));
    const s = this.searchPath.find((x) => schemas.has(x));
    return s ? qualifiedKey(s, names[0]!) : undefined;
  }

  /** Resolution context for canonical forms (relations with their columns, user types). */
  readonly ctx: NormalizeContext = {
    relation: (names) => {
      const t = this.lookup(this.model.tables, names);
      if (t) return { key: t.key, columns: t.obj.columns.map((c) => c.name) };
      const v = this.lookup(this.model.views, names);
      if (v) return { key: v.key, columns: v.obj.columns };
      const s = this.lookup(this.model.sequences, names);
      if (s) return { key: s.key };
      const f = foreign.foreignTableNamed(this.model.objects, names, this.searchPath);
      if (f) return { key: qualifiedKey(f.schema, f.name), columns: f.columns.map((c) => c.name) };
      return undefined;
    },
    type: (names) => this.typeKey(names),
  };

  private taken(schema: string, name: string): boolean {
    return this.relnames.get(schema)?.has(name) ?? false;
  }
  private claim(schema: string, name: string): void {
    let s = this.relnames.get(schema);
    if (!s) this.relnames.set(schema, (s = new Set()));
    if (s.has(name)) throw new Problem('E_DUPLICATE', `relation "${schema}.${name}" already exists`);
    s.add(name);
  }
  private release(schema: string, name: string): void {
    this.relnames.get(schema)?.delete(name);
  }
  private conTaken(schema: string, name: string): boolean {
    return this.connames.get(schema)?.has(name) ?? false;
  }
  private claimCon(schema: string, name: string): void {
    let s = this.connames.get(schema);
    if (!s) this.connames.set(schema, (s = new Set()));
    s.add(name);
  }

  // ---------------------------------------------------------------- expressions

  /**
   * Qualifies the names an expression refers to (relations in nextval, user functions and types) so the
   * rendered text means the same under any search_path, like PostgreSQL's own deparsed text.
   */
  private qualify(n: Node, ctes: Set<string> = new Set()): Node {
    if (n === null || typeof n !== 'object') return n;
    // Copy on write: a subtree with nothing to qualify is returned as it is (most of a statement).
    if (Array.isArray(n)) {
      let copy: Node[] | undefined;
      for (let i = 0; i < n.length; i++) {
        const q = this.qualify(n[i], ctes);
        if (q !== n[i]) (copy ??= n.slice())[i] = q;
      }
      return copy ?? n;
    }
    let r = n;
    for (const k in n) {
      const v = n[k];
      if (v === null || typeof v !== 'object') continue;
      const q = this.qualify(v, ctes);
      if (q !== v) {
        if (r === n) r = { ...n };
        r[k] = q;
      }
    }
    // (No closure here: this runs once per node of every expression, a million times for a 10 MB statement.)
    if (r.CommonTableExpr) ctes.add(r.CommonTableExpr.ctename);
    if (r.WithClause) for (const c of r.WithClause.ctes ?? []) ctes.add(c.CommonTableExpr?.ctename);
    if (r.RangeVar && !r.RangeVar.schemaname && !ctes.has(r.RangeVar.relname)) {
      const rel = this.ctx.relation!([r.RangeVar.relname]);
      if (rel) (r === n ? (r = { ...n }) : r).RangeVar = { ...r.RangeVar, schemaname: splitKey(rel.key).schema };
    }
    if (r.FuncCall) {
      const names: string[] = r.FuncCall.funcname.map(sv);
      if (names.length === 1) {
        const f = this.findFunction(names[0]!);
        if (f) (r === n ? (r = { ...n }) : r).FuncCall = { ...r.FuncCall, funcname: [{ String: { sval: f.schema } }, { String: { sval: names[0] } }] };
      }
      const last = names[names.length - 1];
      const a0 = r.FuncCall.args?.[0];
      const lit = a0?.A_Const?.sval?.sval ?? a0?.TypeCast?.arg?.A_Const?.sval?.sval;
      if ((last === 'nextval' || last === 'currval' || last === 'setval') && lit !== undefined) {
        const rel = this.ctx.relation!(splitQualified(lit, true));
        if (rel) (r === n ? (r = { ...n }) : r).FuncCall = { ...r.FuncCall, args: [{ TypeCast: { arg: { A_Const: { sval: { sval: rel.key } } }, typeName: { names: [{ String: { sval: 'regclass' } }], typemod: -1 } } }, ...r.FuncCall.args.slice(1)] };
      }
    }
    if (r.TypeName && !r.TypeName.pct_type) {
      const names: string[] = (r.TypeName.names ?? []).map(sv);
      if (names.length === 1) {
        const key = this.typeKey(names);
        if (key) (r === n ? (r = { ...n }) : r).TypeName = { ...r.TypeName, names: [{ String: { sval: splitKey(key).schema } }, { String: { sval: splitKey(key).name } }] };
      }
    }
    for (const k of ['typeName', 'returnType', 'argType']) {
      if (r[k] && !Array.isArray(r[k]) && r[k].names) {
        const q = (this.qualify({ TypeName: r[k] }, ctes) as Node).TypeName;
        if (q !== r[k]) (r === n ? (r = { ...n }) : r)[k] = q;
      }
    }
    return r;
  }

  /** Functions by `schema.name` key (overloads together), rebuilt after functions change: lookups are O(1). */
  private fnIndex: Map<string, Mut<Func>[]> | undefined;
  private functionsNamed(key: string): Mut<Func>[] {
    if (!this.fnIndex) {
      this.fnIndex = new Map();
      for (const f of Object.values(this.model.functions)) {
        const k = qualifiedKey(f.schema, f.name);
        const list = this.fnIndex.get(k);
        if (list) list.push(f);
        else this.fnIndex.set(k, [f]);
      }
    }
    return this.fnIndex.get(key) ?? [];
  }

  private findFunction(name: string): Mut<Func> | undefined {
    for (const s of this.searchPath) {
      const f = this.functionsNamed(qualifiedKey(s, name))[0];
      if (f) return f;
    }
    return undefined;
  }

  private expr(node: Node): Expr {
    const q = this.qualify(node);
    return { canonical: normalizeExpr(q, this.ctx), text: deparseExpression(q) };
  }

  // ---------------------------------------------------------------- dispatch

  private dispatch(type: string, n: Node): void {
    switch (type) {
      case 'CreateSchemaStmt': return this.createSchema(n);
      case 'CreateExtensionStmt': return this.createExtension(n);
      case 'CreateEnumStmt': return this.createEnum(n);
      case 'CreateDomainStmt': return this.createDomain(n);
      case 'CompositeTypeStmt': return this.createComposite(n);
      case 'CreateRangeStmt': return this.createRange(n);
      case 'CreateSeqStmt': return this.createSequence(n);
      case 'AlterSeqStmt': return this.alterSequence(n);
      case 'CreateStmt': return this.createTable(n);
      case 'AlterTableStmt': return this.alterTable(n);
      case 'IndexStmt': return this.createIndex(n);
      case 'AlterEnumStmt': return this.alterEnum(n);
      case 'CommentStmt': return this.comment(n);
      case 'ViewStmt': return this.createView(n);
      case 'CreateTableAsStmt': return this.createMatView(n);
      case 'RefreshMatViewStmt': return this.refresh(n);
      case 'CreateFunctionStmt': return this.createFunction(n);
      case 'DefineStmt': return this.define(n);
      case 'CreateTrigStmt': return this.createTrigger(n);
      case 'CreatePolicyStmt': return this.createPolicy(n);
      case 'GrantStmt': return this.grant(n);
      case 'DropStmt': return this.drop(n);
      case 'RenameStmt': return this.rename(n);
      case 'AlterObjectSchemaStmt': return this.setSchema(n);
      case 'VariableSetStmt': return this.set(n);
      case 'SelectStmt': return this.select(n);
      case 'TransactionStmt': return;
      case 'AlterOwnerStmt': return;
      case 'AlterDefaultPrivilegesStmt': return defaultPrivileges.alterDefaultPrivileges(this.scope(), n);
      case 'CreateRoleStmt': case 'AlterRoleStmt': case 'GrantRoleStmt': case 'CreatedbStmt':
        return this.report('W_IGNORED', `${type.replace(/Stmt$/, '')} is not a schema object: ignored`);
      case 'InsertStmt': case 'UpdateStmt': case 'DeleteStmt': case 'CopyStmt': case 'MergeStmt': case 'TruncateStmt':
        return this.report('W_DATA', `data statement (${type.replace(/Stmt$/, '').toUpperCase()}) is not part of the desired state and is not applied by a schema diff; ship data changes in a hand-written migration (\`meridian migrate new <name>\`)`);
      case 'VacuumStmt': case 'ClusterStmt': case 'ReindexStmt': case 'CheckPointStmt': case 'NotifyStmt': case 'ListenStmt': case 'LockStmt': case 'DiscardStmt':
        return this.report('W_IGNORED', `${type.replace(/Stmt$/, '').toUpperCase()} is not part of the desired state: ignored`);
      // Kinds folded in their own module (./kinds/): each gets the Folder's FoldScope.
      case 'RuleStmt': return rule.foldRule(this.scope(), n);
      case 'CreateFdwStmt': return foreign.createWrapper(this.scope(), n);
      case 'AlterFdwStmt': return foreign.alterWrapper(this.scope(), n);
      case 'CreateForeignServerStmt': return foreign.createServer(this.scope(), n);
      case 'AlterForeignServerStmt': return foreign.alterServer(this.scope(), n);
      case 'CreateUserMappingStmt': return foreign.createUserMapping(this.scope(), n);
      case 'AlterUserMappingStmt': return foreign.alterUserMapping(this.scope(), n);
      case 'DropUserMappingStmt': return foreign.dropUserMapping(this.scope(), n);
      case 'CreateForeignTableStmt': return foreign.createForeignTable(this.scope(), n);
      case 'CreateEventTrigStmt': return eventTrigger.createEventTrigger(this.scope(), n);
      case 'AlterEventTrigStmt': return eventTrigger.alterEventTrigger(this.scope(), n);
      case 'CreatePublicationStmt': return publication.createPublication(this.scope(), n, (e) => this.expr(e));
      case 'AlterPublicationStmt': return publication.alterPublication(this.scope(), n, (e) => this.expr(e));
      case 'CreateCastStmt': return casts.createCast(this.scope(), n);
      case 'CreateStatsStmt': return statistics.createStatistics(this.scope(), n, (e) => this.expr(e));
      case 'AlterStatsStmt': return statistics.alterStatistics(this.scope(), n, this.searchPath);
      case 'AlterTSDictionaryStmt': return textSearch.alterDictionary(this.scope(), n, this.searchPath);
      case 'AlterTSConfigurationStmt': return textSearch.alterConfiguration(this.scope(), n, this.searchPath, (sc) => Object.values(this.model.extensions).some((e) => e.schema === sc));
      default:
        return this.unsupported(describeStatement(type, n));
    }
  }

  /** What a per-kind fold module may use (./kinds/scope.ts), for the current statement. */
  private scope(): FoldScope {
    const relation = (names: readonly string[]) => {
      const t = this.lookup(this.model.tables, names);
      if (t) return { key: t.key, schema: t.obj.schema, name: t.obj.name, columns: t.obj.columns.map((c) => c.name) };
      const v = this.lookup(this.model.views, names);
      return v ? { key: v.key, schema: v.obj.schema, name: v.obj.name, columns: v.obj.columns } : undefined;
    };
    return {
      objects: this.model.objects,
      loc: this.stmt.loc,
      rangeNames: (rv) => this.rangeNames(rv),
      creating: (names) => this.creating(names),
      relation,
      schemaExists: (name) => !!this.model.schemas[name],
      isTable: (key) => !!this.model.tables[key],
      qualify: (n) => this.qualify(n),
      type: (tn) => this.type(tn),
      functionSchema: (name) => this.findFunction(name)?.schema,
      defaultExpr: (n) => this.defaultExpr(n),
      taken: (s, name) => this.taken(s, name),
      claim: (s, name) => this.claim(s, name),
      release: (s, name) => this.release(s, name),
      fail: (code, message, at) => { throw new Problem(code, message, at); },
    };
  }

  // ---------------------------------------------------------------- schemas, extensions, types

  private createSchema(n: Node): void {
    const name = n.schemaname ?? n.authrole?.rolename;
    if (this.model.schemas[name]) {
      // `public`, and the schema a schema-bound URL names, exist before the files: creating them is a no-op.
      if (n.if_not_exists || name === 'public' || this.assumedSchemas.delete(name)) return;
      throw new Problem('E_DUPLICATE', `schema "${name}" already exists`);
    }
    this.model.schemas[name] = { kind: 'schema', name, loc: this.stmt.loc };
    if (n.schemaElts?.length) {
      const saved = this.searchPath;
      this.searchPath = [name, ...saved];
      for (const e of n.schemaElts) {
        const t = Object.keys(e)[0]!;
        this.dispatch(t, e[t]);
      }
      this.searchPath = saved;
    }
  }

  private createExtension(n: Node): void {
    if (this.model.extensions[n.extname]) {
      if (n.if_not_exists) return;
      throw new Problem('E_DUPLICATE', `extension "${n.extname}" already exists`);
    }
    if (n.extname === 'plpgsql') return;
    const opt = (name: string) => (n.options ?? []).map((o: Node) => o.DefElem).find((d: Node) => d.defname === name);
    const schema = opt('schema') ? sv(opt('schema').arg) : this.schemaOf([n.extname]);
    const version = opt('new_version') ? sv(opt('new_version').arg) : undefined;
    this.model.extensions[n.extname] = { kind: 'extension', name: n.extname, schema, ...(version ? { version } : {}), loc: this.stmt.loc };
  }

  private newType(names: readonly string[]): { schema: string; name: string; key: string } {
    const t = this.creating(names);
    if (this.model.types[t.key]) throw new Problem('E_DUPLICATE', `type "${t.schema}.${t.name}" already exists`);
    this.claim(t.schema, t.name);
    return t;
  }

  private createEnum(n: Node): void {
    const t = this.newType(n.typeName.map(sv));
    this.model.types[t.key] = { kind: 'enum', schema: t.schema, name: t.name, labels: (n.vals ?? []).map(sv), loc: this.stmt.loc };
  }

  private createDomain(n: Node): void {
    const t = this.newType(n.domainname.map(sv));
    let notNull = false;
    let def: Expr | undefined;
    const checks: { name: string; expr: Expr }[] = [];
    for (const c of (n.constraints ?? []).map((x: Node) => x.Constraint)) {
      if (c.contype === 'CONSTR_NOTNULL') notNull = true;
      else if (c.contype === 'CONSTR_DEFAULT') def = this.defaultExpr(c.raw_expr);
      else if (c.contype === 'CONSTR_CHECK') {
        const name = c.conname ?? chooseName(t.name, undefined, 'check', (x) => checks.some((k) => k.name === x));
        checks.push({ name, expr: this.expr(c.raw_expr) });
      }
    }
    const collation = n.collClause ? collations.collationSpelling(this.model, n.collClause.collname.map(sv), this.searchPath) : undefined;
    this.model.types[t.key] = {
      kind: 'domain', schema: t.schema, name: t.name, baseType: this.type(n.typeName), notNull, ...(def ? { default: def } : {}),
      ...(collation ? { collation } : {}), checks: checks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), loc: this.stmt.loc,
    };
  }

  private createComposite(n: Node): void {
    const t = this.newType(this.rangeNames(n.typevar));
    this.model.types[t.key] = {
      kind: 'composite', schema: t.schema, name: t.name, loc: this.stmt.loc,
      attributes: (n.coldeflist ?? []).map((c: Node) => ({ name: c.ColumnDef.colname, type: this.type(c.ColumnDef.typeName) })),
    };
  }

  private createRange(n: Node): void {
    const t = this.newType(n.typeName.map(sv));
    const p: Record<string, Node> = {};
    for (const d of (n.params ?? []).map((x: Node) => x.DefElem)) p[d.defname.toLowerCase()] = d.arg;
    if (!p.subtype) throw new Problem('E_UNSUPPORTED', `range type "${t.name}" needs a SUBTYPE`);
    const tn = p.subtype.TypeName ?? p.subtype;
    const multirange = p.multirange_type_name ? (p.multirange_type_name.TypeName?.names ?? p.multirange_type_name.List?.items ?? []).map(sv).pop() : t.name.includes('range') ? t.name.replace('range', 'multirange') : `${t.name}_multirange`;
    if (multirange) this.claim(t.schema, multirange);
    const fn = (a: Node) => (a?.TypeName?.names ?? a?.List?.items ?? []).map(sv).join('.');
    this.model.types[t.key] = {
      kind: 'range', schema: t.schema, name: t.name, subtype: this.type(tn), loc: this.stmt.loc,
      ...(p.subtype_diff ? { subtypeDiff: fn(p.subtype_diff) } : {}), ...(p.canonical ? { canonical: fn(p.canonical) } : {}),
      ...(p.subtype_opclass ? { subtypeOpclass: fn(p.subtype_opclass) } : {}), ...(p.collation ? { collation: (p.collation?.TypeName?.names ?? p.collation?.List?.items ?? []).map(sv).filter((x: string) => x !== 'pg_catalog').map(quoteIdent).join('.') } : {}),
      ...(multirange ? { multirange } : {}),
    };
  }

  private alterEnum(n: Node): void {
    const names = n.typeName.map(sv);
    const t = this.lookup(this.model.types, names);
    if (!t || t.obj.kind !== 'enum') throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist or is not an enum`);
    const e = t.obj as Mut<TypeDef & { kind: 'enum' }>;
    const labels = [...e.labels];
    if (n.oldVal) {
      const i = labels.indexOf(n.oldVal);
      if (i < 0) throw new Problem('E_UNKNOWN', `"${n.oldVal}" is not an existing enum label`);
      labels[i] = n.newVal;
    } else {
      if (labels.includes(n.newVal)) {
        if (n.skipIfNewValExists) return;
        throw new Problem('E_DUPLICATE', `enum label "${n.newVal}" already exists`);
      }
      if (n.newValNeighbor) {
        const i = labels.indexOf(n.newValNeighbor);
        if (i < 0) throw new Problem('E_UNKNOWN', `"${n.newValNeighbor}" is not an existing enum label`);
        labels.splice(n.newValIsAfter ? i + 1 : i, 0, n.newVal);
      } else labels.push(n.newVal);
    }
    e.labels = labels;
  }

  // ---------------------------------------------------------------- sequences

  private seqOptions(options: Node[] | undefined, base?: SequenceOptions, forType?: string): { opts: SequenceOptions; ownedBy?: string[] | null; name?: string[] } {
    const d: Record<string, Node> = {};
    for (const o of (options ?? []).map((x: Node) => x.DefElem)) d[o.defname] = o;
    const num = (x: Node | undefined): string | undefined => {
      if (!x || x.arg === undefined) return undefined;
      const a = x.arg;
      if (a.Integer) return String(a.Integer.ival ?? 0);
      if (a.Float) return String(a.Float.fval);
      if (a.String) return a.String.sval;
      return undefined;
    };
    const type = d.as ? this.type(d.as.arg.TypeName ?? d.as.arg) : base?.type ?? forType ?? 'bigint';
    const limits = INT_LIMITS[type] ?? INT_LIMITS.bigint!;
    const increment = num(d.increment) ?? base?.increment ?? '1';
    const asc = !increment.startsWith('-');
    const typeChanged = !!d.as && base?.type !== type;
    const min = d.minvalue ? num(d.minvalue) ?? (asc ? '1' : limits[0]) : !typeChanged && base ? base.min : asc ? '1' : limits[0];
    const max = d.maxvalue ? num(d.maxvalue) ?? (asc ? limits[1] : '-1') : !typeChanged && base ? base.max : asc ? limits[1] : '-1';
    const start = num(d.start) ?? base?.start ?? (asc ? min : max);
    const cache = num(d.cache) ?? base?.cache ?? '1';
    const cycle = d.cycle ? (d.cycle.arg?.Boolean ? !!d.cycle.arg.Boolean.boolval : true) : base?.cycle ?? false;
    const owned = d.owned_by ? (d.owned_by.arg?.List?.items ?? d.owned_by.arg ?? []).map(sv) : undefined;
    const seqName = d.sequence_name ? (d.sequence_name.arg?.List?.items ?? d.sequence_name.arg ?? []).map(sv) : undefined;
    return { opts: { type, start, increment, min, max, cache, cycle }, ...(owned ? { ownedBy: owned.length === 1 && owned[0] === 'none' ? null : owned } : {}), ...(seqName ? { name: seqName } : {}) };
  }

  private createSequence(n: Node): void {
    const names = this.rangeNames(n.sequence);
    if (this.lookup(this.model.sequences, names) && n.if_not_exists) return;
    const s = this.creating(names);
    this.claim(s.schema, s.name);
    const { opts, ownedBy } = this.seqOptions(n.options);
    const seq: Mut<Sequence> = { kind: 'sequence', schema: s.schema, name: s.name, ...opts, ...(n.sequence.relpersistence === 'u' ? { unlogged: true } : {}), loc: this.stmt.loc };
    this.model.sequences[s.key] = seq;
    if (ownedBy) this.ownSequence(seq, ownedBy);
  }

  private ownSequence(seq: Mut<Sequence>, owned: string[]): void {
    const t = this.lookup(this.model.tables, owned.slice(0, -1));
    const col = owned[owned.length - 1]!;
    if (!t || !t.obj.columns.some((c) => c.name === col)) throw new Problem('E_UNKNOWN', `OWNED BY ${owned.join('.')}: no such table column`);
    seq.ownedBy = { table: t.key, column: col };
  }

  private alterSequence(n: Node): void {
    const s = this.named(this.model.sequences, n.sequence, 'sequence', n.missing_ok);
    if (!s) return;
    const { opts, ownedBy } = this.seqOptions(n.options, s.obj);
    Object.assign(s.obj, opts);
    if (ownedBy === null) delete s.obj.ownedBy;
    else if (ownedBy) this.ownSequence(s.obj, ownedBy);
  }

  // ---------------------------------------------------------------- tables

  private createTable(n: Node): void {
    const names = this.rangeNames(n.relation);
    if (n.if_not_exists && this.lookup(this.model.tables, names)) return;
    if (this.lookup(this.model.tables, names) || this.lookup(this.model.views, names)) throw new Problem('E_DUPLICATE', `relation "${names.join('.')}" already exists`, n.relation.location);
    const r = this.creating(names);
    if (n.relation.relpersistence === 't') throw new Problem('E_UNSUPPORTED', `temporary table "${r.name}" is not part of a schema`);
    this.claim(r.schema, r.name);
    const t: MTable = {
      kind: 'table', schema: r.schema, name: r.name, columns: [], constraints: {}, indexes: {}, triggers: {}, policies: {},
      rowLevelSecurity: false, forceRowLevelSecurity: false, unlogged: n.relation.relpersistence === 'u', inherits: [], options: relOptions(n.options), loc: this.stmt.loc,
    };
    // Parents first: a partition or child starts with its parent's columns.
    const parents = (n.inhRelations ?? []).map((p: Node) => this.table(p.RangeVar)!);
    if (n.partbound) {
      const parent = parents[0]!;
      if (!parent.obj.partitionBy) throw new Problem('E_UNKNOWN', `"${parent.obj.name}" is not partitioned`);
      t.partitionOf = { parent: parent.key, bound: this.bound(n.partbound) };
      if (parent.obj.unlogged !== t.unlogged && n.relation.relpersistence !== 'u') t.unlogged = parent.obj.unlogged;
    } else t.inherits = parents.map((p: { key: string }) => p.key);
    for (const p of parents) {
      for (const c of p.obj.columns) {
        if (t.columns.some((x) => x.name === c.name)) continue;
        t.columns.push({ name: c.name, type: c.type, notNull: c.notNull, ...(c.default ? { default: c.default } : {}), ...(c.generated ? { generated: c.generated } : {}), ...(c.collation ? { collation: c.collation } : {}), inherited: true });
      }
    }
    this.model.tables[r.key] = t;
    const later: (() => void)[] = [];
    const deferred: Node[] = [];
    for (const e of n.tableElts ?? []) {
      if (e.ColumnDef) this.column(t, e.ColumnDef, later, deferred);
      else if (e.Constraint) deferred.push({ ...e.Constraint, __table: true });
      else if (e.TableLikeClause) this.like(t, e.TableLikeClause, deferred);
    }
    if (n.partspec) {
      const ps = n.partspec;
      const strategy = ({ PARTITION_STRATEGY_RANGE: 'RANGE', PARTITION_STRATEGY_LIST: 'LIST', PARTITION_STRATEGY_HASH: 'HASH', r: 'RANGE', l: 'LIST', h: 'HASH' } as Record<string, 'RANGE' | 'LIST' | 'HASH'>)[ps.strategy] ?? 'RANGE';
      const parts = (ps.partParams ?? []).map((p: Node) => p.PartitionElem);
      const items = parts.map((p: Node) => (p.name ? { ColumnRef: { fields: [{ String: { sval: p.name } }] } } : p.expr));
      const keyNode = items.length === 1 ? items[0] : { RowExpr: { args: items, row_format: 'COERCE_IMPLICIT_CAST' } };
      const text = `(${parts.map((p: Node) => (p.name ? quoteIdent(p.name) : deparseExpression(this.qualify(p.expr)))).join(', ')})`;
      t.partitionBy = { strategy, key: { canonical: normalizeExpr(keyNode, this.ctx), text } };
    }
    // Constraints inherited from a partitioned parent or a parent table.
    for (const p of parents) this.inheritConstraints(p.obj, t);
    for (const c of deferred) this.constraint(t, c, c.__column);
    for (const f of later) f();
    for (const { table, node } of this.pendingLikeIndexes.splice(0)) {
      this.createIndex({ ...node, idxname: undefined, relation: { schemaname: table.schema, relname: table.name, inh: true } });
    }
  }

  /**
   * `LIKE source [INCLUDING …]`: columns with their NOT NULL, and as asked defaults, generated
   * expressions, identity, comments, CHECK constraints (names kept) and indexes / key constraints (named
   * after the new table, like PostgreSQL does).
   */
  private like(t: MTable, l: Node, deferred: Node[]): void {
    const src = this.table(l.relation)!.obj;
    const o = l.options ?? 0;
    const has = (bit: number) => (o & bit) !== 0;
    const [COMMENTS, CONSTRAINTS, DEFAULTS, GENERATED, IDENTITY, INDEXES] = [1, 4, 8, 16, 32, 64];
    for (const c of src.columns) {
      if (t.columns.some((x) => x.name === c.name)) throw new Problem('E_DUPLICATE', `column "${c.name}" specified more than once`);
      const col: Mut<Column> = { name: c.name, type: c.type, notNull: c.notNull, ...(c.collation ? { collation: c.collation } : {}) };
      if (has(DEFAULTS) && c.default) col.default = c.default;
      if (has(GENERATED) && c.generated) col.generated = c.generated;
      if (has(IDENTITY) && c.identity) {
        // PostgreSQL copies the options but not the sequence's AS type: the copy's sequence is a bigint one.
        col.identity = { ...c.identity, sequence: { ...c.identity.sequence, type: 'bigint' } };
        this.claim(t.schema, chooseName(t.name, c.name, 'seq', (x) => this.taken(t.schema, x)));
      }
      if (has(COMMENTS) && c.comment) col.comment = c.comment;
      t.columns.push(col);
    }
    if (has(COMMENTS) && src.comment) t.comment = src.comment;
    for (const c of Object.values(src.constraints)) {
      if (c.kind === 'check' && has(CONSTRAINTS)) {
        this.claimCon(t.schema, c.name);
        t.constraints[c.name] = { ...c, loc: this.stmt.loc };
      }
      if ((c.kind === 'primary_key' || c.kind === 'unique') && has(INDEXES)) {
        deferred.push({ contype: c.kind === 'primary_key' ? 'CONSTR_PRIMARY' : 'CONSTR_UNIQUE', keys: c.columns.map((x) => ({ String: { sval: x } })), including: c.include.map((x) => ({ String: { sval: x } })), nulls_not_distinct: c.kind === 'unique' && c.nullsNotDistinct, deferrable: c.deferrable, initdeferred: c.initiallyDeferred });
      }
    }
    if (has(INDEXES)) {
      for (const ix of Object.values(src.indexes)) {
        const node = this.indexNodes.get(ix);
        if (node) this.pendingLikeIndexes.push({ table: t, node });
      }
    }
  }

  private pendingLikeIndexes: { table: MTable; node: Node }[] = [];

  /** CHECK constraints are inherited by children (not NO INHERIT); a partition also gets its parent's FKs and indexes. */
  private inheritConstraints(parent: MTable, child: MTable): void {
    void parent;
    void child;
    // Inherited constraints and partition clones are not listed by the inspector (conislocal = false,
    // indexes attached to a parent's index): nothing to add to the Model.
  }

  private bound(b: Node): Expr {
    const datum = (d: Node): string => {
      const f = d?.ColumnRef?.fields?.map(sv);
      if (f?.length === 1 && (f[0] === 'minvalue' || f[0] === 'maxvalue')) return f[0].toUpperCase();
      return deparseExpression(this.qualify(d));
    };
    let text: string;
    if (b.is_default) text = 'DEFAULT';
    else if (b.strategy === 'h') text = `FOR VALUES WITH (modulus ${b.modulus}, remainder ${b.remainder ?? 0})`;
    else if (b.strategy === 'l') text = `FOR VALUES IN (${(b.listdatums ?? []).map(datum).join(', ')})`;
    else text = `FOR VALUES FROM (${(b.lowerdatums ?? []).map(datum).join(', ')}) TO (${(b.upperdatums ?? []).map(datum).join(', ')})`;
    return { canonical: canonicalBound(b), text };
  }

  private defaultExpr(node: Node): Expr | undefined {
    // DEFAULT NULL (with or without a cast) stores no default, as in PostgreSQL.
    let x = node;
    while (x?.TypeCast) x = x.TypeCast.arg;
    if (x?.A_Const?.isnull) return undefined;
    return this.expr(node);
  }

  private column(t: MTable, c: Node, later: (() => void)[], deferred: Node[]): void {
    const existing = t.columns.find((x) => x.name === c.colname);
    if (existing && !existing.inherited) throw new Problem('E_DUPLICATE', `column "${c.colname}" specified more than once`);
    const serial = serialType(c.typeName);
    const col: Mut<Column> = existing ?? { name: truncateIdent(c.colname), type: '', notNull: false };
    col.type = serial ?? this.type(c.typeName);
    if (existing) delete col.inherited;
    col.loc = this.stmt.loc;
    if (c.collClause) col.collation = collations.collationSpelling(this.model, c.collClause.collname.map(sv), this.searchPath);
    if (!existing) t.columns.push(col);
    foldColumnDefOptions(col, c, this.model as unknown as Model);
    if (c.raw_default) {
      const d = this.defaultExpr(c.raw_default);
      if (d) col.default = d;
    }
    const cons: Node[] = [];
    for (const k of (c.constraints ?? []).map((x: Node) => x.Constraint)) {
      if (k.contype.startsWith('CONSTR_ATTR_')) {
        const last = cons[cons.length - 1];
        if (last) applyAttr(last, k.contype);
        continue;
      }
      cons.push({ ...k });
    }
    for (const k of cons) {
      switch (k.contype) {
        case 'CONSTR_NOTNULL': col.notNull = true; break;
        case 'CONSTR_NULL': col.notNull = false; break;
        case 'CONSTR_DEFAULT': {
          const d = this.defaultExpr(k.raw_expr);
          if (d) col.default = d;
          else delete col.default;
          break;
        }
        case 'CONSTR_IDENTITY': {
          const { opts, name } = this.seqOptions(k.options, undefined, col.type);
          col.identity = { generation: k.generated_when === 'a' ? 'ALWAYS' : 'BY DEFAULT', sequence: opts };
          col.notNull = true;
          const seqName = name ? name[name.length - 1]! : chooseName(t.name, col.name, 'seq', (x) => this.taken(t.schema, x));
          this.claim(t.schema, seqName);
          break;
        }
        case 'CONSTR_GENERATED':
          col.generated = this.expr(k.raw_expr);
          break;
        default:
          deferred.push({ ...k, __column: col.name });
      }
    }
    if (serial) {
      const seqName = chooseName(t.name, col.name, 'seq', (x) => this.taken(t.schema, x));
      this.claim(t.schema, seqName);
      const [, max] = INT_LIMITS[serial]!;
      const key = qualifiedKey(t.schema, seqName);
      this.model.sequences[key] = { kind: 'sequence', schema: t.schema, name: seqName, type: serial, start: '1', increment: '1', min: '1', max, cache: '1', cycle: false, ownedBy: { table: qualifiedKey(t.schema, t.name), column: col.name }, ...(t.unlogged ? { unlogged: true } : {}), loc: this.stmt.loc };
      col.notNull = true;
      const lit = quoteLiteral(key);
      col.default = { canonical: normalizeExpr({ FuncCall: { funcname: [{ String: { sval: 'nextval' } }], args: [{ A_Const: { sval: { sval: key } } }] } }, this.ctx), text: `nextval(${lit}::regclass)` };
    }
    void later;
  }

  /** Adds a table or column constraint (named as PostgreSQL would when unnamed). */
  private constraint(t: MTable, k: Node, column?: string): void {
    const cols = (list: Node[] | undefined) => (list ?? []).map(sv);
    const deferrable = !!k.deferrable;
    const initiallyDeferred = !!k.initdeferred;
    const base = { deferrable, initiallyDeferred, loc: this.stmt.loc };
    const taken = (x: string) => this.conTaken(t.schema, x) || !!t.constraints[x];
    switch (k.contype) {
      case 'CONSTR_PRIMARY': case 'CONSTR_UNIQUE': {
        const columns = column ? [column] : cols(k.keys);
        if (k.indexname) throw new Problem('E_UNSUPPORTED', 'ADD CONSTRAINT … USING INDEX is not supported in a schema file');
        for (const c of columns) if (!t.columns.some((x) => x.name === c)) throw new Problem('E_UNKNOWN', `column "${c}" named in key does not exist in table "${t.name}"`);
        const primary = k.contype === 'CONSTR_PRIMARY';
        if (primary && Object.values(t.constraints).some((c) => c.kind === 'primary_key')) throw new Problem('E_DUPLICATE', `multiple primary keys for table "${t.name}" are not allowed`);
        const name = k.conname ? truncateIdent(k.conname) : primary
          ? chooseName(t.name, undefined, 'pkey', (x) => this.taken(t.schema, x) || taken(x))
          : chooseName(t.name, nameAddition(columns), 'key', (x) => this.taken(t.schema, x) || taken(x));
        this.claim(t.schema, name);
        this.claimCon(t.schema, name);
        const include = cols(k.including);
        const opts = relOptions(k.options);
        const nnd = !!k.nulls_not_distinct;
        const definition = keySql({ kind: primary ? 'primary_key' : 'unique', columns, include, nullsNotDistinct: nnd, deferrable, initiallyDeferred }, opts);
        if (primary) for (const c of t.columns) if (columns.includes(c.name)) c.notNull = true;
        t.constraints[name] = primary
          ? { kind: 'primary_key', name, ...base, columns, include, definition }
          : { kind: 'unique', name, ...base, columns, include, nullsNotDistinct: nnd, definition };
        return;
      }
      case 'CONSTR_FOREIGN': {
        const columns = column ? [column] : cols(k.fk_attrs);
        const ref = this.table(k.pktable)!;
        let refColumns = cols(k.pk_attrs);
        if (!refColumns.length) {
          const pk = Object.values(ref.obj.constraints).find((c) => c.kind === 'primary_key') as { columns: string[] } | undefined;
          if (!pk) throw new Problem('E_UNKNOWN', `there is no primary key for referenced table "${ref.obj.name}"`);
          refColumns = [...pk.columns];
        }
        for (const c of columns) if (!t.columns.some((x) => x.name === c)) throw new Problem('E_UNKNOWN', `column "${c}" referenced in foreign key constraint does not exist`);
        for (const c of refColumns) if (!ref.obj.columns.some((x) => x.name === c)) throw new Problem('E_UNKNOWN', `column "${c}" referenced in foreign key constraint does not exist in "${ref.obj.name}"`);
        const name = k.conname ? truncateIdent(k.conname) : chooseName(t.name, nameAddition(columns), 'fkey', taken);
        this.claimCon(t.schema, name);
        const onUpdate = FK[k.fk_upd_action ?? 'a'] ?? 'NO ACTION';
        const onDelete = FK[k.fk_del_action ?? 'a'] ?? 'NO ACTION';
        const match = k.fk_matchtype === 'f' ? 'FULL' : k.fk_matchtype === 'p' ? 'PARTIAL' : 'SIMPLE';
        const notValid = !!k.skip_validation;
        // `ON DELETE SET NULL (col, …)` (PostgreSQL 15) has no field of its own: it lives in the definition text,
        // spelled as pg_get_constraintdef spells it, which the planner then keeps.
        const setCols = cols(k.fk_del_set_cols);
        const definition = foreignKeySql({ columns, refColumns, match, onUpdate, onDelete, deferrable, initiallyDeferred, notValid }, ref.key)
          .replace(/ ON DELETE SET (NULL|DEFAULT)/, (m) => (setCols.length ? `${m} (${setCols.map(quoteIdent).join(', ')})` : m));
        t.constraints[name] = { kind: 'foreign_key', name, ...base, columns, refTable: ref.key, refColumns, onDelete, onUpdate, match, ...(notValid ? { notValid } : {}), definition };
        return;
      }
      case 'CONSTR_CHECK': {
        const e = this.expr(k.raw_expr);
        const first = column ?? firstColumn(k.raw_expr, t);
        const name = k.conname ? truncateIdent(k.conname) : chooseName(t.name, first, 'check', taken);
        this.claimCon(t.schema, name);
        const notValid = !!k.skip_validation;
        t.constraints[name] = { kind: 'check', name, ...base, expr: e, noInherit: !!k.is_no_inherit, ...(notValid ? { notValid } : {}), definition: `CHECK (${e.text})${k.is_no_inherit ? ' NO INHERIT' : ''}${notValid ? ' NOT VALID' : ''}` };
        return;
      }
      case 'CONSTR_EXCLUSION': {
        const elems = (k.exclusions ?? []).map((x: Node) => x.List?.items ?? x);
        const colNames = elems.map((e: Node[]) => e[0]?.IndexElem?.name ?? (e[0]?.IndexElem?.expr ? figureColname(e[0].IndexElem.expr) : 'expr'));
        const name = k.conname ? truncateIdent(k.conname) : chooseName(t.name, nameAddition(colNames), 'excl', (x) => this.taken(t.schema, x) || taken(x));
        this.claim(t.schema, name);
        this.claimCon(t.schema, name);
        const parts = elems.map((e: Node[]) => {
          const ie = e[0].IndexElem;
          const op = (e[1]?.List?.items ?? e[1] ?? []).map(sv).join('.');
          const target = ie.name ? quoteIdent(ie.name) : `(${deparseExpression(this.qualify(ie.expr))})`;
          const opclass = ie.opclass?.length ? ` ${ie.opclass.map(sv).join('.')}` : '';
          return `${target}${opclass} WITH ${op}`;
        });
        const where = k.where_clause ? ` WHERE (${deparseExpression(this.qualify(k.where_clause))})` : '';
        t.constraints[name] = { kind: 'exclusion', name, ...base, definition: `EXCLUDE USING ${k.access_method ?? 'gist'} (${parts.join(', ')})${where}${deferralSql(base)}` };
        return;
      }
      case 'CONSTR_NOTNULL': {
        const c = t.columns.find((x) => x.name === column);
        if (c) c.notNull = true;
        return;
      }
      default:
        throw new Problem('E_UNSUPPORTED', `constraint ${String(k.contype).replace('CONSTR_', '')} is not supported`);
    }
  }

  private alterTable(n: Node): void {
    if (n.objtype === 'OBJECT_INDEX') return this.alterIndex(n);
    if (n.objtype === 'OBJECT_SEQUENCE') return this.alterTableOnSequence(n);
    if (n.objtype === 'OBJECT_VIEW' || n.objtype === 'OBJECT_MATVIEW') return this.alterView(n);
    if (n.objtype === 'OBJECT_FOREIGN_TABLE') {
      const ft = foreign.foreignTableNamed(this.model.objects, this.rangeNames(n.relation), this.searchPath);
      if (!ft) {
        if (n.missing_ok) return;
        throw new Problem('E_UNKNOWN', `foreign table "${this.rangeNames(n.relation).join('.')}" does not exist`, n.relation.location);
      }
      return foreign.alterForeignTable(this.scope(), ft, n.cmds ?? []);
    }
    const names = this.rangeNames(n.relation);
    if (!this.lookup(this.model.tables, names)) {
      // ALTER TABLE also reaches views and sequences (pg_dump writes `ALTER TABLE seq OWNER TO …`).
      if (this.lookup(this.model.views, names)) return this.alterView(n);
      if (this.lookup(this.model.sequences, names)) return this.alterTableOnSequence(n);
    }
    const found = this.table(n.relation, !!n.missing_ok);
    if (!found) return;
    const t = found.obj;
    const col = (name: string) => {
      const c = t.columns.find((x) => x.name === name);
      if (!c) throw new Problem('E_UNKNOWN', `column "${name}" of relation "${t.name}" does not exist`);
      return c;
    };
    for (const cmd of (n.cmds ?? []).map((x: Node) => x.AlterTableCmd)) {
      switch (cmd.subtype) {
        case 'AT_AddColumn': {
          if (cmd.missing_ok && t.columns.some((c) => c.name === cmd.def.ColumnDef.colname)) break;
          const deferred: Node[] = [];
          this.column(t, cmd.def.ColumnDef, [], deferred);
          for (const c of deferred) this.constraint(t, c, c.__column);
          break;
        }
        case 'AT_DropColumn': {
          const i = t.columns.findIndex((c) => c.name === cmd.name);
          if (i < 0) {
            if (cmd.missing_ok) break;
            throw new Problem('E_UNKNOWN', `column "${cmd.name}" of relation "${t.name}" does not exist`);
          }
          t.columns.splice(i, 1);
          for (const [name, c] of Object.entries(t.constraints)) if ('columns' in c && c.columns.includes(cmd.name)) delete t.constraints[name];
          for (const [name, c] of Object.entries(t.constraints)) if (c.kind === 'check' && columnsOf(c.expr.canonical).includes(cmd.name)) delete t.constraints[name];
          for (const [name, ix] of Object.entries(t.indexes)) if (indexColumns(this.indexNodes.get(ix)).includes(cmd.name)) { delete t.indexes[name]; this.release(t.schema, name); }
          for (const [k, s] of Object.entries(this.model.sequences)) if (s.ownedBy?.table === found.key && s.ownedBy.column === cmd.name) delete this.model.sequences[k];
          statistics.forgetStatistics(this.model, found.key, cmd.name);
          break;
        }
        case 'AT_ColumnDefault': {
          const c = col(cmd.name);
          const d = cmd.def ? this.defaultExpr(cmd.def) : undefined;
          if (d) c.default = d;
          else delete c.default;
          break;
        }
        case 'AT_SetNotNull': col(cmd.name).notNull = true; break;
        case 'AT_DropNotNull': col(cmd.name).notNull = false; break;
        case 'AT_AlterColumnType': {
          const c = col(cmd.name);
          c.type = this.type(cmd.def.ColumnDef.typeName);
          if (cmd.def.ColumnDef.collClause) c.collation = collations.collationSpelling(this.model, cmd.def.ColumnDef.collClause.collname.map(sv), this.searchPath);
          break;
        }
        case 'AT_AddConstraint': {
          const k = cmd.def.Constraint;
          if (k.contype === 'CONSTR_PRIMARY' || k.contype === 'CONSTR_UNIQUE') {
            if (k.indexname) {
              this.constraintUsingIndex(t, k);
              break;
            }
          }
          this.constraint(t, k);
          break;
        }
        case 'AT_DropConstraint': {
          if (!t.constraints[cmd.name]) {
            if (cmd.missing_ok) break;
            throw new Problem('E_UNKNOWN', `constraint "${cmd.name}" of relation "${t.name}" does not exist`);
          }
          const c = t.constraints[cmd.name]!;
          if (c.kind === 'primary_key' || c.kind === 'unique' || c.kind === 'exclusion') this.release(t.schema, cmd.name);
          this.connames.get(t.schema)?.delete(cmd.name);
          delete t.constraints[cmd.name];
          break;
        }
        case 'AT_ValidateConstraint': {
          const c = t.constraints[cmd.name] as Mut<Constraint> | undefined;
          if (!c) throw new Problem('E_UNKNOWN', `constraint "${cmd.name}" of relation "${t.name}" does not exist`);
          if ('notValid' in c) {
            delete (c as { notValid?: boolean }).notValid;
            if ('definition' in c && c.definition) (c as { definition?: string }).definition = c.definition.replace(/ NOT VALID$/, '');
          }
          break;
        }
        case 'AT_EnableRowSecurity': t.rowLevelSecurity = true; break;
        case 'AT_DisableRowSecurity': t.rowLevelSecurity = false; break;
        case 'AT_ForceRowSecurity': t.forceRowLevelSecurity = true; break;
        case 'AT_NoForceRowSecurity': t.forceRowLevelSecurity = false; break;
        // PostgreSQL 15+: the table's owned sequences follow it.
        case 'AT_SetLogged': t.unlogged = false; this.ownedSequencesPersistence(t, false); break;
        case 'AT_SetUnLogged': t.unlogged = true; this.ownedSequencesPersistence(t, true); break;
        case 'AT_SetRelOptions': t.options = mergeOptions(t.options, relOptions(cmd.def?.List?.items ?? cmd.def)); break;
        case 'AT_ResetRelOptions': {
          const drop = new Set((cmd.def?.List?.items ?? cmd.def ?? []).map((d: Node) => d.DefElem.defname));
          t.options = t.options.filter((o) => !drop.has(o.split('=')[0]!));
          break;
        }
        case 'AT_SetStatistics': {
          const c = col(cmd.name);
          const v = cmd.def?.Integer?.ival ?? cmd.def?.A_Const?.ival?.ival ?? 0;
          if (v < 0) delete c.statistics;
          else c.statistics = v;
          break;
        }
        case 'AT_AddIdentity': {
          const c = col(cmd.name);
          const k = cmd.def.Constraint;
          const { opts, name } = this.seqOptions(k.options, undefined, c.type);
          c.identity = { generation: k.generated_when === 'a' ? 'ALWAYS' : 'BY DEFAULT', sequence: opts };
          c.notNull = true;
          const seqName = name ? name[name.length - 1]! : chooseName(t.name, c.name, 'seq', (x) => this.taken(t.schema, x));
          this.claim(t.schema, seqName);
          break;
        }
        case 'AT_SetIdentity': {
          const c = col(cmd.name);
          if (!c.identity) throw new Problem('E_UNKNOWN', `column "${c.name}" of relation "${t.name}" is not an identity column`);
          const items = (cmd.def?.List?.items ?? cmd.def ?? []).map((d: Node) => d.DefElem);
          const gen = items.find((d: Node) => d.defname === 'generated');
          const { opts } = this.seqOptions(items.filter((d: Node) => d.defname !== 'generated' && d.defname !== 'restart').map((d: Node) => ({ DefElem: d })), c.identity.sequence);
          c.identity = { generation: gen ? (gen.arg?.Integer?.ival === 97 ? 'ALWAYS' : 'BY DEFAULT') : c.identity.generation, sequence: opts };
          break;
        }
        case 'AT_DropIdentity': {
          const c = col(cmd.name);
          delete c.identity;
          break;
        }
        case 'AT_DropExpression': delete col(cmd.name).generated; break;
        case 'AT_AttachPartition': {
          const part = this.table(cmd.def.PartitionCmd.name)!;
          part.obj.partitionOf = { parent: found.key, bound: this.bound(cmd.def.PartitionCmd.bound) };
          for (const c of part.obj.columns) if (t.columns.some((p) => p.name === c.name)) c.inherited = true;
          break;
        }
        case 'AT_DetachPartition': {
          const part = this.table(cmd.def.PartitionCmd.name)!;
          delete part.obj.partitionOf;
          for (const c of part.obj.columns) delete c.inherited;
          break;
        }
        case 'AT_AddInherit': {
          const p = this.table(cmd.def.RangeVar ?? cmd.def)!;
          t.inherits = [...t.inherits, p.key];
          break;
        }
        case 'AT_DropInherit': {
          const p = this.table(cmd.def.RangeVar ?? cmd.def)!;
          t.inherits = t.inherits.filter((x) => x !== p.key);
          break;
        }
        case 'AT_SetStorage': setStorage(col(cmd.name), sv(cmd.def), this.model as unknown as Model); break;
        case 'AT_SetCompression': setCompression(col(cmd.name), sv(cmd.def)); break;
        case 'AT_SetOptions': case 'AT_ResetOptions': setColumnOptions(col(cmd.name), cmd.def?.List?.items ?? cmd.def ?? [], cmd.subtype === 'AT_ResetOptions'); break;
        case 'AT_ChangeOwner': case 'AT_ClusterOn': case 'AT_DropCluster': case 'AT_ReplicaIdentity':
          break;
        case 'AT_EnableTrig': case 'AT_DisableTrig': case 'AT_EnableAlwaysTrig': case 'AT_EnableReplicaTrig': {
          const tr = t.triggers[cmd.name] as Mut<Trigger> | undefined;
          if (tr) tr.enabled = ({ AT_EnableTrig: 'O', AT_DisableTrig: 'D', AT_EnableAlwaysTrig: 'A', AT_EnableReplicaTrig: 'R' } as Record<string, Trigger['enabled']>)[cmd.subtype];
          break;
        }
        default:
          throw new Problem('E_UNSUPPORTED', `ALTER TABLE ${String(cmd.subtype).replace(/^AT_/, '')} is not supported in a schema file`);
      }
    }
  }

  /** `ADD CONSTRAINT … PRIMARY KEY USING INDEX idx`: the index becomes the constraint (and takes its name). */
  private constraintUsingIndex(t: MTable, k: Node): void {
    const ix = t.indexes[k.indexname];
    if (!ix) throw new Problem('E_UNKNOWN', `index "${k.indexname}" does not exist on "${t.name}"`);
    const node = this.indexNodes.get(ix);
    const columns = indexColumns(node);
    delete t.indexes[k.indexname];
    this.release(t.schema, k.indexname);
    const name = k.conname ?? k.indexname;
    this.constraint(t, { ...k, indexname: undefined, conname: name, keys: columns.map((c) => ({ String: { sval: c } })) });
  }

  private ownedSequencesPersistence(t: MTable, unlogged: boolean): void {
    const key = qualifiedKey(t.schema, t.name);
    for (const s of Object.values(this.model.sequences)) {
      if (s.ownedBy?.table !== key) continue;
      if (unlogged) s.unlogged = true;
      else delete s.unlogged;
    }
  }

  private alterTableOnSequence(n: Node): void {
    const seq = this.named(this.model.sequences, n.relation, 'sequence', n.missing_ok);
    if (!seq) return;
    for (const cmd of (n.cmds ?? []).map((x: Node) => x.AlterTableCmd)) {
      if (cmd.subtype === 'AT_ChangeOwner') continue;
      if (cmd.subtype === 'AT_SetUnLogged') { seq.obj.unlogged = true; continue; }
      if (cmd.subtype === 'AT_SetLogged') { delete seq.obj.unlogged; continue; }
      throw new Problem('E_UNSUPPORTED', `ALTER SEQUENCE via ALTER TABLE ${String(cmd.subtype).replace(/^AT_/, '')} is not supported`);
    }
  }

  private alterView(n: Node): void {
    const v = this.named(this.model.views, n.relation, 'view', n.missing_ok);
    if (!v) return;
    for (const cmd of (n.cmds ?? []).map((x: Node) => x.AlterTableCmd)) {
      if (cmd.subtype === 'AT_ChangeOwner') continue;
      if (cmd.subtype === 'AT_SetRelOptions') {
        v.obj.options = mergeOptions(v.obj.options, relOptions(cmd.def?.List?.items ?? cmd.def));
        continue;
      }
      if (cmd.subtype === 'AT_ColumnDefault') continue;
      throw new Problem('E_UNSUPPORTED', `ALTER VIEW ${String(cmd.subtype).replace(/^AT_/, '')} is not supported`);
    }
  }

  private alterIndex(n: Node): void {
    for (const cmd of (n.cmds ?? []).map((x: Node) => x.AlterTableCmd)) {
      if (cmd.subtype === 'AT_AttachPartition') {
        const childNames = this.rangeNames(cmd.def.PartitionCmd.name);
        const child = this.findIndex(childNames);
        if (!child) {
          // The index behind a partition's PRIMARY KEY / UNIQUE / EXCLUDE constraint (pg_dump writes
          // `ALTER INDEX parent_pkey ATTACH PARTITION child_pkey` for each): once attached, PostgreSQL marks the
          // partition's constraint inherited (conislocal = false), and the inspector leaves it to the parent's.
          const owner = this.constraintIndexOwner(childNames);
          if (!owner) throw new Problem('E_UNKNOWN', `index "${childNames.join('.')}" does not exist`);
          delete owner.table.constraints[owner.name];
          continue;
        }
        // Like the inspector: an index attached to a parent's index belongs to the parent's.
        delete (child.owner as { indexes: Record<string, Index> }).indexes[child.index.name];
        this.attachedIndexes.add(qualifiedKey(child.index.schema, child.index.name));
        continue;
      }
      const ix = this.findIndex(this.rangeNames(n.relation));
      if (!ix) throw new Problem('E_UNKNOWN', `index "${this.rangeNames(n.relation).join('.')}" does not exist`);
      if (cmd.subtype === 'AT_SetRelOptions') {
        const node = this.indexNodes.get(ix.index);
        if (node) node.options = [...(node.options ?? []).filter((o: Node) => !(cmd.def?.List?.items ?? cmd.def).some((d: Node) => d.DefElem.defname === o.DefElem.defname)), ...(cmd.def?.List?.items ?? cmd.def)];
        this.refreshIndex(ix.owner, ix.index);
        continue;
      }
      if (cmd.subtype === 'AT_SetStatistics' || cmd.subtype === 'AT_ChangeOwner') continue;
      throw new Problem('E_UNSUPPORTED', `ALTER INDEX ${String(cmd.subtype).replace(/^AT_/, '')} is not supported`);
    }
  }

  /** The table whose PRIMARY KEY / UNIQUE / EXCLUDE constraint is backed by the index `names` (same name, same schema). */
  private constraintIndexOwner(names: readonly string[]): { table: MTable; name: string } | undefined {
    const name = names[names.length - 1]!;
    const schemas = names.length >= 2 ? [names[names.length - 2]!] : this.searchPath;
    for (const s of schemas)
      for (const t of Object.values(this.model.tables)) {
        const c = t.schema === s ? t.constraints[name] : undefined;
        if (c && (c.kind === 'primary_key' || c.kind === 'unique' || c.kind === 'exclusion')) return { table: t, name };
      }
    return undefined;
  }

  private findIndex(names: readonly string[]): { owner: MTable | MView; index: Index } | undefined {
    const name = names[names.length - 1]!;
    const schemas = names.length >= 2 ? [names[names.length - 2]!] : this.searchPath;
    for (const s of schemas) {
      for (const t of [...Object.values(this.model.tables), ...Object.values(this.model.views)]) {
        if (t.schema === s && t.indexes[name]) return { owner: t, index: t.indexes[name]! };
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------------- indexes

  private createIndex(n: Node): void {
    const rel = this.rangeNames(n.relation);
    const t = this.lookup(this.model.tables, rel) ?? this.lookup(this.model.views, rel);
    if (!t) throw new Problem('E_UNKNOWN', `relation "${rel.join('.')}" does not exist`, n.relation.location);
    const owner = t.obj as MTable | MView;
    if (owner.kind === 'view') throw new Problem('E_UNKNOWN', `cannot create index on view "${owner.name}"`);
    const schema = owner.schema;
    const params = (n.indexParams ?? []).map((p: Node) => p.IndexElem);
    for (const p of params) if (p.name && !('columns' in owner && Array.isArray(owner.columns) && (owner.columns as readonly (string | Column)[]).some((c) => (typeof c === 'string' ? c : c.name) === p.name))) throw new Problem('E_UNKNOWN', `column "${p.name}" does not exist in "${owner.name}"`);
    if (n.idxname && (owner.indexes[n.idxname] || this.taken(schema, n.idxname))) {
      if (n.if_not_exists) return;
      throw new Problem('E_DUPLICATE', `relation "${n.idxname}" already exists`);
    }
    const colNames = params.map((p: Node) => p.indexcolname ?? p.name ?? (p.expr ? figureColname(p.expr) : 'expr')).map((x: string) => (x === '?column?' ? 'expr' : x));
    const name = n.idxname ? truncateIdent(n.idxname) : chooseName(owner.name, nameAddition(colNames), n.primary ? 'pkey' : n.unique ? 'key' : 'idx', (x) => this.taken(schema, x));
    this.claim(schema, name);
    const node = this.qualify({ ...n, idxname: name, relation: { ...n.relation, schemaname: schema, relname: owner.name }, concurrent: false, if_not_exists: false });
    const ix: Mut<Index> = {
      kind: 'index', schema, name, table: t.key, unique: !!n.unique, method: n.accessMethod ?? 'btree', keys: [], include: [], nullsNotDistinct: !!n.nulls_not_distinct,
      options: relOptions(n.options), ...(n.whereClause ? { where: this.expr(n.whereClause) } : {}), ...(n.relation.inh === false ? { only: true } : {}), loc: this.stmt.loc,
    };
    this.indexNodes.set(ix, node);
    owner.indexes[name] = ix;
    this.refreshIndex(owner, ix);
  }

  /** (Re)renders an index's definition from its statement, PostgreSQL-style (`CREATE INDEX n ON s.t USING m (…)`). */
  private refreshIndex(owner: MTable | MView, ix: Mut<Index>): void {
    const node = this.indexNodes.get(ix);
    if (!node) return;
    node.relation = { ...node.relation, schemaname: owner.schema, relname: owner.name };
    node.idxname = ix.name;
    if (!node.accessMethod) node.accessMethod = 'btree';
    ix.definition = deparseStatement('IndexStmt', node);
    ix.options = relOptions(node.options);
    const shape = indexShape(node);
    ix.keys = shape.keys;
    ix.include = shape.include;
    if (shape.where) ix.where = shape.where;
  }

  // ---------------------------------------------------------------- views

  private createView(n: Node): void {
    const names = this.rangeNames(n.view);
    const existing = this.lookup(this.model.views, names);
    if (existing && !n.replace) throw new Problem('E_DUPLICATE', `relation "${names.join('.')}" already exists`);
    const r = existing ? { ...splitKey(existing.key), key: existing.key } : this.creating(names);
    if (!existing) this.claim(r.schema, r.name);
    const aliases = (n.aliases ?? []).map(sv);
    const opts = relOptions(n.options);
    // PostgreSQL stores WITH CHECK OPTION as the view option check_option (how the inspector reads it).
    if (n.withCheckOption === 'LOCAL_CHECK_OPTION' || n.withCheckOption === 'CASCADED_CHECK_OPTION') opts.push(`check_option=${n.withCheckOption === 'LOCAL_CHECK_OPTION' ? 'local' : 'cascaded'}`);
    this.model.views[r.key] = this.view('view', r.schema, r.name, n.query, aliases, opts, undefined, existing?.obj);
    if (n.view.relpersistence === 't') throw new Problem('E_UNSUPPORTED', 'temporary views are not part of a schema');
  }

  private createMatView(n: Node): void {
    if (n.objtype !== 'OBJECT_MATVIEW') return this.unsupported('CREATE TABLE … AS');
    const names = this.rangeNames(n.into.rel);
    if (this.lookup(this.model.views, names)) {
      if (n.if_not_exists) return;
      throw new Problem('E_DUPLICATE', `relation "${names.join('.')}" already exists`);
    }
    const r = this.creating(names);
    this.claim(r.schema, r.name);
    const v = this.view('materialized_view', r.schema, r.name, n.query, (n.into.colNames ?? []).map(sv), relOptions(n.into.options), undefined, undefined);
    v.withData = !n.into.skipData;
    this.model.views[r.key] = v;
  }

  private refresh(n: Node): void {
    const v = this.named(this.model.views, n.relation, 'materialized view')!;
    v.obj.withData = !n.skipData;
  }

  private view(kind: View['kind'], schema: string, name: string, query: Node, aliases: string[], options: string[], checkOption: View['checkOption'], prev: MView | undefined): MView {
    let q = this.qualify(query);
    const sel = q.SelectStmt;
    // Output columns: the alias list, else the select list's names (`*` expanded through the Model).
    const out = this.outputColumns(sel);
    const columns = out.map((c, i) => aliases[i] ?? c);
    if (aliases.length && sel && (!sel.op || sel.op === 'SETOP_NONE')) {
      // PostgreSQL prints a view's column list as `AS` names in its query: fold them in the same way
      // (into new nodes: the statement's own are shared, see `qualify`).
      let i = 0;
      let stop = false;
      const targetList = (sel.targetList ?? []).map((t: Node) => {
        const f = t.ResTarget.val?.ColumnRef?.fields;
        if (stop || (f && sv(f[f.length - 1]) === '' && f[f.length - 1].A_Star)) {
          stop = true;
          return t;
        }
        const alias = aliases[i++];
        return alias === undefined ? t : { ResTarget: { ...t.ResTarget, name: alias } };
      });
      q = { ...q, SelectStmt: { ...sel, targetList } };
    }
    const deps = new Set<string>();
    const calls = new Set<string>();
    walk(q, (x) => {
      if (x.RangeVar && x.RangeVar.schemaname) {
        const key = qualifiedKey(x.RangeVar.schemaname, x.RangeVar.relname);
        if (key !== qualifiedKey(schema, name) && (this.model.tables[key] || this.model.views[key])) deps.add(key);
      }
      if (x.FuncCall) {
        // The user functions it calls, as PostgreSQL records them (the parse tree's FuncCall nodes).
        const names: string[] = (x.FuncCall.funcname ?? []).map(sv);
        const f = names.length >= 2 ? this.functionsNamed(qualifiedKey(names[names.length - 2]!, names[names.length - 1]!))[0] : this.findFunction(names[0] ?? '');
        if (f) calls.add(qualifiedKey(f.schema, f.name));
      }
    });
    return {
      kind, schema, name, query: { canonical: '', text: deparseStatement('SelectStmt', q.SelectStmt) }, columns, options: options.sort(), ...(checkOption ? { checkOption } : {}),
      indexes: prev?.indexes ?? {}, ...(prev?.triggers ? { triggers: prev.triggers } : {}), ...(prev?.comment ? { comment: prev.comment } : {}),
      ...(prev?.columnComments ? { columnComments: prev.columnComments } : {}), ...(prev?.grants ? { grants: prev.grants } : {}),
      dependsOn: [...deps].sort(), ...(calls.size ? { calls: [...calls].sort() } : {}), loc: this.stmt.loc, ...({ queryNode: q } as object),
    } as MView;
  }

  /** Output column names of a query (`*` expanded with the columns the Model knows). */
  private outputColumns(sel: Node): string[] {
    if (!sel) return [];
    if (sel.op && sel.op !== 'SETOP_NONE') return this.outputColumns(sel.larg?.SelectStmt ?? sel.larg);
    if (sel.valuesLists) return (sel.valuesLists[0]?.List?.items ?? []).map((_: Node, i: number) => `column${i + 1}`);
    const from: { ref: string; cols: readonly string[] }[] = [];
    const addFrom = (f: Node) => {
      if (f.RangeVar) {
        const rel = this.ctx.relation!(this.rangeNames(f.RangeVar));
        const alias = f.RangeVar.alias?.colnames?.map(sv) ?? [];
        from.push({ ref: f.RangeVar.alias?.aliasname ?? f.RangeVar.relname, cols: (rel?.columns ?? []).map((c, i) => alias[i] ?? c) });
      } else if (f.JoinExpr) {
        addFrom(f.JoinExpr.larg);
        addFrom(f.JoinExpr.rarg);
      } else if (f.RangeSubselect) {
        const cols = this.outputColumns(f.RangeSubselect.subquery?.SelectStmt);
        const alias = f.RangeSubselect.alias?.colnames?.map(sv) ?? [];
        from.push({ ref: f.RangeSubselect.alias?.aliasname ?? '', cols: cols.map((c, i) => alias[i] ?? c) });
      } else if (f.RangeFunction) {
        const alias = f.RangeFunction.alias;
        from.push({ ref: alias?.aliasname ?? '', cols: alias?.colnames?.map(sv) ?? [alias?.aliasname ?? figureColname(f.RangeFunction.functions?.[0]?.List?.items?.[0])] });
      }
    };
    for (const f of sel.fromClause ?? []) addFrom(f);
    const out: string[] = [];
    for (const t of sel.targetList ?? []) {
      const rt = t.ResTarget;
      const f = rt.val?.ColumnRef?.fields;
      if (f && f[f.length - 1].A_Star) {
        const qual = f.length > 1 ? sv(f[f.length - 2]) : undefined;
        for (const it of from) if (!qual || it.ref === qual) out.push(...it.cols);
        continue;
      }
      out.push(rt.name ?? figureColname(rt.val));
    }
    return out;
  }

  // ---------------------------------------------------------------- functions, aggregates

  private createFunction(n: Node): void {
    const fnames = n.funcname.map(sv);
    const r = this.creating(fnames);
    const params = (n.parameters ?? []).map((p: Node) => p.FunctionParameter);
    const mode = (m: string): FunctionArg['mode'] => (({ FUNC_PARAM_OUT: 'OUT', FUNC_PARAM_INOUT: 'INOUT', FUNC_PARAM_VARIADIC: 'VARIADIC', FUNC_PARAM_TABLE: 'TABLE' } as Record<string, FunctionArg['mode']>)[m] ?? 'IN');
    const args: FunctionArg[] = params.map((p: Node) => ({ ...(p.name ? { name: p.name } : {}), mode: mode(p.mode), type: this.type(p.argType), ...(p.defexpr ? { default: this.expr(p.defexpr) } : {}) }));
    const procedure = !!n.is_procedure;
    const identityArgs = args
      .filter((a) => a.mode !== 'TABLE')
      .map((a) => `${a.mode === 'IN' && !procedure ? '' : `${a.mode} `}${a.name ? `${quoteIdent(a.name)} ` : ''}${a.type}`)
      .join(', ');
    const key = `${r.key}(${identityArgs})`;
    if (this.model.functions[key] && !n.replace) throw new Problem('E_DUPLICATE', `function ${r.name}(${identityArgs}) already exists with same argument types`);
    const o: Record<string, Node> = {};
    const config: string[] = [];
    for (const d of (n.options ?? []).map((x: Node) => x.DefElem)) {
      if (d.defname === 'set') {
        const s = d.arg.VariableSetStmt;
        if (s.kind === 'VAR_SET_VALUE') config.push(`${s.name}=${(s.args ?? []).map((a: Node) => constText(a)).join(', ')}`);
        else if (s.kind === 'VAR_SET_CURRENT') config.push(`${s.name}=FROM CURRENT`);
      } else o[d.defname] = d.arg;
    }
    const language = o.language ? sv(o.language).toLowerCase() : n.sql_body ? 'sql' : 'sql';
    const asList = o.as?.List?.items ?? (o.as ? [o.as] : []);
    const body = n.sql_body ? '' : sv(asList[0]).trim();
    let returns: string | undefined;
    const tableCols = args.filter((a) => a.mode === 'TABLE');
    if (procedure) returns = undefined;
    else if (tableCols.length) returns = `TABLE(${tableCols.map((a) => `${quoteIdent(a.name ?? '')} ${a.type}`).join(', ')})`;
    else if (n.returnType) returns = `${n.returnType.setof ? 'SETOF ' : ''}${this.type(n.returnType)}`;
    else {
      const outs = args.filter((a) => a.mode === 'OUT' || a.mode === 'INOUT');
      returns = outs.length === 1 ? outs[0]!.type : outs.length ? 'record' : 'void';
    }
    const q = this.qualify({ ...n, replace: true, funcname: [{ String: { sval: r.schema } }, { String: { sval: r.name } }] });
    const f: Mut<Func> = {
      kind: procedure ? 'procedure' : 'function', schema: r.schema, name: r.name, args, identityArgs, ...(returns !== undefined ? { returns } : {}), language, body,
      volatility: o.volatility ? (sv(o.volatility).toUpperCase() as Func['volatility']) : 'VOLATILE', strict: o.strict ? !!o.strict.Boolean?.boolval : false,
      securityDefiner: o.security ? !!o.security.Boolean?.boolval : false, leakproof: o.leakproof ? !!o.leakproof.Boolean?.boolval : false,
      parallel: o.parallel ? (sv(o.parallel).toUpperCase() as Func['parallel']) : 'UNSAFE', config: config.sort(), definition: deparseStatement('CreateFunctionStmt', q), loc: this.stmt.loc,
    };
    if (n.sql_body) {
      // What a SQL-standard body reads, as PostgreSQL records it: the tables and views its statements name.
      const reads = new Set<string>();
      walk(q.sql_body ?? n.sql_body, (x) => {
        if (!x.RangeVar) return;
        const names = [x.RangeVar.schemaname, x.RangeVar.relname].filter((s): s is string => !!s);
        const hit = this.lookup(this.model.tables, names) ?? this.lookup(this.model.views, names);
        if (hit) reads.add(hit.key);
      });
      if (reads.size) f.reads = [...reads].sort();
    }
    const prev = this.model.functions[key];
    if (prev?.comment) f.comment = prev.comment;
    this.model.functions[key] = f;
    this.fnIndex = undefined;
  }

  private define(n: Node): void {
    if (n.kind === 'OBJECT_AGGREGATE') return this.createAggregate(n);
    if (n.kind === 'OBJECT_COLLATION') return collations.createCollation(this.scope(), n, this.searchPath);
    if (n.kind === 'OBJECT_TSDICTIONARY') return textSearch.createDictionary(this.scope(), n);
    if (n.kind === 'OBJECT_TSCONFIGURATION') return textSearch.createConfiguration(this.scope(), n, this.searchPath);
    if (n.kind === 'OBJECT_TSPARSER' || n.kind === 'OBJECT_TSTEMPLATE') {
      return this.unsupported(`CREATE TEXT SEARCH ${n.kind === 'OBJECT_TSPARSER' ? 'PARSER' : 'TEMPLATE'} (built on C-level functions; ship it in an extension)`);
    }
    if (n.kind === 'OBJECT_OPERATOR') return operators.createOperator(this.scope(), n);
    return this.unsupported(`CREATE ${String(n.kind).replace('OBJECT_', '').replace(/_/g, ' ')}`);
  }

  private createAggregate(n: Node): void {
    const r = this.creating(n.defnames.map(sv));
    const argList = n.args?.[0]?.List?.items ?? [];
    const types: string[] = argList.map((p: Node) => this.type(p.FunctionParameter.argType));
    const identityArgs = types.join(', ');
    const d: Record<string, Node> = {};
    for (const x of (n.definition ?? []).map((y: Node) => y.DefElem)) d[x.defname.toLowerCase()] = x.arg;
    const fn = (a: Node) => {
      const names = (a?.TypeName?.names ?? a?.List?.items ?? [a]).map(sv);
      if (names.length === 1) {
        const f = this.findFunction(names[0]!);
        return f ? qualifiedKey(f.schema, names[0]!) : names[0]!;
      }
      return names.map(quoteIdent).join('.');
    };
    const opts = [`SFUNC = ${fn(d.sfunc)}`, `STYPE = ${this.type(d.stype.TypeName ?? d.stype)}`];
    if (d.finalfunc) opts.push(`FINALFUNC = ${fn(d.finalfunc)}`);
    if (d.combinefunc) opts.push(`COMBINEFUNC = ${fn(d.combinefunc)}`);
    if (d.initcond) opts.push(`INITCOND = ${quoteLiteral(constText(d.initcond))}`);
    if (d.sortop) opts.push(`SORTOP = OPERATOR(${(d.sortop.List?.items ?? []).map(sv).join('.')})`);
    const key = `${r.key}(${identityArgs})`;
    this.fnIndex = undefined;
    this.model.functions[key] = {
      kind: 'aggregate', schema: r.schema, name: r.name, args: [], identityArgs, language: 'internal', body: '', volatility: 'IMMUTABLE', strict: false,
      securityDefiner: false, leakproof: false, parallel: 'UNSAFE', config: [], definition: `CREATE AGGREGATE ${r.key}(${identityArgs || '*'}) (${opts.join(', ')})`, loc: this.stmt.loc,
    };
  }

  // ---------------------------------------------------------------- triggers, policies, grants

  private createTrigger(n: Node): void {
    const rel = this.rangeNames(n.relation);
    const t = this.lookup(this.model.tables, rel) ?? this.lookup(this.model.views, rel);
    if (!t) throw new Problem('E_UNKNOWN', `relation "${rel.join('.')}" does not exist`);
    const fnames = n.funcname.map(sv);
    let fn: { schema: string; name: string } | undefined = fnames.length === 1 ? this.findFunction(fnames[0]!) : this.functionsNamed(qualifiedKey(fnames[0]!, fnames[1]!))[0];
    // An unqualified name the schema does not define is a built-in (pg_catalog) function, e.g. tsvector_update_trigger.
    if (!fn && (fnames.length === 1 || fnames[0] === 'pg_catalog')) fn = { schema: 'pg_catalog', name: fnames[fnames.length - 1]! };
    if (!fn) throw new Problem('E_UNKNOWN', `function ${fnames.join('.')}() does not exist`);
    const owner = t.obj as MTable | MView;
    const triggers = (owner.triggers ??= {}) as Record<string, Trigger>;
    if (triggers[n.trigname] && !n.replace) throw new Problem('E_DUPLICATE', `trigger "${n.trigname}" for relation "${owner.name}" already exists`);
    const timing = (n.timing ?? 0) & 2 ? 'BEFORE' : (n.timing ?? 0) & 64 ? 'INSTEAD OF' : 'AFTER';
    const ev = n.events ?? 0;
    const events = [ev & 8 ? 'DELETE' : '', ev & 4 ? 'INSERT' : '', ev & 32 ? 'TRUNCATE' : '', ev & 16 ? 'UPDATE' : ''].filter(Boolean);
    const funcname = fn.schema === 'pg_catalog' ? [{ String: { sval: fn.name } }] : [{ String: { sval: fn.schema } }, { String: { sval: fn.name } }];
    const q = this.qualify({ ...n, replace: false, relation: { ...n.relation, schemaname: owner.schema, relname: owner.name }, funcname });
    triggers[n.trigname] = {
      kind: 'trigger', name: n.trigname, table: t.key, timing, events, updateOf: [], forEach: n.row ? 'ROW' : 'STATEMENT', function: qualifiedKey(fn.schema, fn.name), args: [],
      ...(n.isconstraint ? { constraint: { deferrable: !!n.deferrable, initiallyDeferred: !!n.initdeferred } } : {}),
      enabled: 'O', definition: deparseStatement('CreateTrigStmt', q), loc: this.stmt.loc,
    };
  }

  private createPolicy(n: Node): void {
    const t = this.table(n.table)!;
    if (t.obj.policies[n.policy_name]) throw new Problem('E_DUPLICATE', `policy "${n.policy_name}" for table "${t.obj.name}" already exists`);
    const roles = (n.roles ?? []).map((r: Node) => (r.RoleSpec.roletype === 'ROLESPEC_PUBLIC' ? 'public' : r.RoleSpec.roletype === 'ROLESPEC_CURRENT_USER' ? 'current_user' : r.RoleSpec.rolename)).sort();
    t.obj.policies[n.policy_name] = {
      kind: 'policy', name: n.policy_name, table: t.key, permissive: !!n.permissive, command: (n.cmd_name ?? 'all').toUpperCase() as Policy['command'],
      roles: roles.length ? roles : ['public'], ...(n.qual ? { using: this.expr(n.qual) } : {}), ...(n.with_check ? { withCheck: this.expr(n.with_check) } : {}), loc: this.stmt.loc,
    };
  }

  private grant(n: Node): void {
    const grantees: string[] = (n.grantees ?? []).map((r: Node) => (r.RoleSpec.roletype === 'ROLESPEC_PUBLIC' ? 'PUBLIC' : r.RoleSpec.rolename ?? 'CURRENT_USER'));
    const other = OBJECT_PRIVILEGES[n.objtype as string];
    if (n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') return privileges.grantAllInSchema(this.scope(), this.model, n, (named) => this.grant(named));
    if (n.targtype !== 'ACL_TARGET_OBJECT' || (n.objtype !== 'OBJECT_TABLE' && !other)) {
      return this.report('W_IGNORED', `${n.is_grant ? 'GRANT' : 'REVOKE'} on ${n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA' ? 'all objects in a schema' : `${String(n.objtype).replace('OBJECT_', '').toLowerCase()}s`} is not managed by Meridian: ignored`);
    }
    const upper = (p: Node) => (p.AccessPriv.priv_name ? [String(p.AccessPriv.priv_name).toUpperCase()] : undefined);
    const st = (list: readonly string[] | undefined) => ({ grant: !!n.is_grant, privileges: list, grantees, grantOption: !!n.grant_option });
    if (other) {
      // Schemas, sequences, functions, types: ./kinds/privileges.ts
      const privs = n.privileges?.length ? n.privileges.flatMap((p: Node) => upper(p) ?? []) : undefined;
      for (const x of n.objects ?? []) privileges.applyGrant(this.scope(), this.privilegesTarget(other, x), st(privs));
      return;
    }
    const columnPrivs: Node[] = (n.privileges ?? []).filter((p: Node) => p.AccessPriv.cols?.length);
    const tablePrivs: Node[] = (n.privileges ?? []).filter((p: Node) => !p.AccessPriv.cols?.length);
    if (n.privileges?.length && !tablePrivs.length) {
      for (const rv of n.objects ?? []) {
        const names = this.rangeNames(rv.RangeVar);
        const t = this.lookup(this.model.tables, names);
        if (!t) throw new Problem('E_UNKNOWN', `table "${names.join('.')}" does not exist`);
        for (const p of columnPrivs) {
          for (const c of p.AccessPriv.cols.map(sv)) {
            if (!t.obj.columns.some((x) => x.name === c)) throw new Problem('E_UNKNOWN', `column "${c}" of relation "${t.obj.name}" does not exist`);
            privileges.applyGrant(this.scope(), { on: 'COLUMN', schema: t.obj.schema, name: t.obj.name, column: c }, st(upper(p)));
          }
        }
      }
      return;
    }
    if (columnPrivs.length) {
      // Table and column privileges in one statement: each part on its own.
      this.grant({ ...n, privileges: columnPrivs });
      if (!tablePrivs.length) return;
    }
    const privs: string[] = tablePrivs.length ? tablePrivs.map((p: Node) => String(p.AccessPriv.priv_name).toUpperCase()) : TABLE_PRIVILEGES;
    for (const rv of n.objects ?? []) {
      const names = this.rangeNames(rv.RangeVar);
      const obj = this.lookup(this.model.tables, names) ?? this.lookup(this.model.views, names);
      if (!obj) throw new Problem('E_UNKNOWN', `relation "${names.join('.')}" does not exist`);
      const o = obj.obj as MTable | MView;
      if (!n.is_grant) privileges.revokeOnColumns(this.model, o.schema, o.name, privs, grantees, !!n.grant_option);
      let list: Grant[] = [...(o.grants ?? [])];
      for (const g of grantees) {
        for (const p of privs) {
          list = list.filter((x) => !(x.grantee === g && x.privilege === p));
          if (n.is_grant) list.push({ grantee: g, privilege: p, grantable: !!n.grant_option });
          else if (n.grant_option) list.push({ grantee: g, privilege: p, grantable: false });
        }
      }
      list.sort((a, b) => (a.grantee < b.grantee ? -1 : a.grantee > b.grantee ? 1 : a.privilege < b.privilege ? -1 : a.privilege > b.privilege ? 1 : 0));
      if (list.length) o.grants = list;
      else delete o.grants;
    }
  }

  /** The object a GRANT on a schema, sequence, function or type names. */
  private privilegesTarget(on: ObjectPrivileges['on'], x: Node): privileges.PrivilegesTarget {
    if (on === 'SCHEMA') {
      const s = sv(x);
      if (!this.model.schemas[s]) throw new Problem('E_UNKNOWN', `schema "${s}" does not exist`);
      return { on, schema: s, name: s };
    }
    if (on === 'SEQUENCE') {
      const names = this.rangeNames(x.RangeVar);
      const q = this.lookup(this.model.sequences, names);
      if (!q) throw new Problem('E_UNKNOWN', `sequence "${names.join('.')}" does not exist`);
      return { on, schema: q.obj.schema, name: q.obj.name };
    }
    if (on === 'TYPE') {
      const names: string[] = (x.TypeName?.names ?? x.List?.items ?? []).map(sv);
      const t = this.lookup(this.model.types, names);
      if (!t) throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist`);
      return { on, schema: t.obj.schema, name: t.obj.name };
    }
    const f = this.functionByArgs(x.ObjectWithArgs);
    return { on: f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION', schema: f.schema, name: f.name, args: f.identityArgs };
  }

  // ---------------------------------------------------------------- comments

  private comment(n: Node): void {
    const text: string | undefined = n.comment ?? undefined;
    const set = (o: { comment?: string }) => {
      if (text === undefined) delete o.comment;
      else o.comment = text;
    };
    const list = (): string[] => (n.object?.List?.items ?? []).map(sv);
    switch (n.objtype) {
      case 'OBJECT_SCHEMA': {
        const s = this.model.schemas[sv(n.object)];
        if (!s) throw new Problem('E_UNKNOWN', `schema "${sv(n.object)}" does not exist`);
        return set(s);
      }
      case 'OBJECT_EXTENSION': {
        const e = this.model.extensions[sv(n.object)];
        if (e) set(e as { comment?: string });
        return;
      }
      case 'OBJECT_TABLE': case 'OBJECT_VIEW': case 'OBJECT_MATVIEW': {
        const names = list();
        const o = this.lookup(this.model.tables, names) ?? this.lookup(this.model.views, names);
        if (!o) throw new Problem('E_UNKNOWN', `relation "${names.join('.')}" does not exist`);
        return set(o.obj);
      }
      case 'OBJECT_COLUMN': {
        const names = list();
        const col = names[names.length - 1]!;
        const rel = names.slice(0, -1);
        const t = this.lookup(this.model.tables, rel);
        if (t) {
          const c = t.obj.columns.find((x) => x.name === col);
          if (!c) throw new Problem('E_UNKNOWN', `column "${col}" of relation "${rel.join('.')}" does not exist`);
          return set(c);
        }
        const ft = foreign.foreignTableNamed(this.model.objects, rel, this.searchPath);
        if (ft) {
          if (!ft.columns.some((x) => x.name === col)) throw new Problem('E_UNKNOWN', `column "${col}" of relation "${rel.join('.')}" does not exist`);
          ft.columns = ft.columns.map((x) => (x.name !== col ? x : text === undefined ? { ...x, comment: undefined } : { ...x, comment: text }));
          return;
        }
        const v = this.lookup(this.model.views, rel);
        if (!v) throw new Problem('E_UNKNOWN', `relation "${rel.join('.')}" does not exist`);
        const cc = { ...(v.obj.columnComments ?? {}) };
        if (text === undefined) delete cc[col];
        else cc[col] = text;
        if (Object.keys(cc).length) v.obj.columnComments = cc;
        else delete v.obj.columnComments;
        return;
      }
      case 'OBJECT_INDEX': {
        const ix = this.findIndex(list());
        if (!ix) throw new Problem('E_UNKNOWN', `index "${list().join('.')}" does not exist`);
        return set(ix.index as Mut<Index>);
      }
      case 'OBJECT_SEQUENCE': {
        const s = this.lookup(this.model.sequences, list());
        if (!s) throw new Problem('E_UNKNOWN', `sequence "${list().join('.')}" does not exist`);
        return set(s.obj);
      }
      case 'OBJECT_TYPE': case 'OBJECT_DOMAIN': {
        const names = (n.object?.TypeName?.names ?? n.object?.List?.items ?? []).map(sv);
        const t = this.lookup(this.model.types, names);
        if (!t) throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist`);
        return set(t.obj);
      }
      case 'OBJECT_FUNCTION': case 'OBJECT_PROCEDURE': case 'OBJECT_AGGREGATE': {
        const f = this.functionByArgs(n.object.ObjectWithArgs);
        return set(f);
      }
      case 'OBJECT_RULE': return set(rule.ruleNamed(this.scope(), list()) as { comment?: string });
      case 'OBJECT_FOREIGN_TABLE': {
        const ft = foreign.foreignTableNamed(this.model.objects, list(), this.searchPath);
        if (!ft) throw new Problem('E_UNKNOWN', `foreign table "${list().join('.')}" does not exist`);
        return set(ft);
      }
      case 'OBJECT_EVENT_TRIGGER': {
        const e = eventTrigger.eventTriggerNamed(this.scope(), sv(n.object));
        if (!e) throw new Problem('E_UNKNOWN', `event trigger "${sv(n.object)}" does not exist`);
        return set(e);
      }
      case 'OBJECT_OPERATOR': {
        const op = operators.operatorNamed(this.scope(), n.object.ObjectWithArgs, this.searchPath);
        if (!op) throw new Problem('E_UNKNOWN', `operator ${(n.object.ObjectWithArgs.objname ?? []).map(sv).join('.')} does not exist`);
        return set(op);
      }
      case 'OBJECT_CAST': {
        const ca = casts.castNamed(this.scope(), n.object.List.items);
        if (!ca) throw new Problem('E_UNKNOWN', 'cast does not exist');
        return set(ca);
      }
      case 'OBJECT_COLLATION': {
        const co = collations.collationNamed(this.model, list(), this.searchPath);
        if (!co) throw new Problem('E_UNKNOWN', `collation "${list().join('.')}" does not exist`);
        return set(co);
      }
      case 'OBJECT_TSDICTIONARY': case 'OBJECT_TSCONFIGURATION': {
        const ts = n.objtype === 'OBJECT_TSDICTIONARY' ? textSearch.dictionaryNamed(this.model, list(), this.searchPath) : textSearch.configurationNamed(this.model, list(), this.searchPath);
        if (!ts) throw new Problem('E_UNKNOWN', `text search ${n.objtype === 'OBJECT_TSDICTIONARY' ? 'dictionary' : 'configuration'} "${list().join('.')}" does not exist`);
        return set(ts);
      }
      case 'OBJECT_STATISTIC_EXT': {
        const st = statistics.statisticsNamed(this.scope(), list(), this.searchPath);
        if (!st) throw new Problem('E_UNKNOWN', `statistics object "${list().join('.')}" does not exist`);
        return set(st);
      }
      case 'OBJECT_PUBLICATION': {
        const p = publication.publicationNamed(this.scope(), sv(n.object));
        if (!p) throw new Problem('E_UNKNOWN', `publication "${sv(n.object)}" does not exist`);
        return set(p);
      }
      case 'OBJECT_FDW': case 'OBJECT_FOREIGN_SERVER': {
        const o = this.model.objects[`${n.objtype === 'OBJECT_FDW' ? 'foreign_data_wrapper' : 'server'} ${sv(n.object)}`];
        if (!o) throw new Problem('E_UNKNOWN', `${n.objtype === 'OBJECT_FDW' ? 'foreign-data wrapper' : 'server'} "${sv(n.object)}" does not exist`);
        return set(o as { comment?: string });
      }
      case 'OBJECT_TABCONSTRAINT': case 'OBJECT_TRIGGER': case 'OBJECT_POLICY': {
        const names = list();
        const name = names[names.length - 1]!;
        const rel = names.slice(0, -1);
        const t = this.lookup(this.model.tables, rel) ?? this.lookup(this.model.views, rel);
        if (!t) throw new Problem('E_UNKNOWN', `relation "${rel.join('.')}" does not exist`);
        const o = t.obj as MTable;
        const map = n.objtype === 'OBJECT_TABCONSTRAINT' ? o.constraints : n.objtype === 'OBJECT_TRIGGER' ? o.triggers ?? {} : o.policies ?? {};
        const x = map[name];
        if (!x) throw new Problem('E_UNKNOWN', `${n.objtype.replace('OBJECT_', '').toLowerCase().replace('tabconstraint', 'constraint')} "${name}" for "${rel.join('.')}" does not exist`);
        if (n.objtype === 'OBJECT_POLICY') return this.report('W_IGNORED', 'comments on policies are not managed by Meridian: ignored');
        return set(x as { comment?: string });
      }
      default:
        return this.report('W_IGNORED', `COMMENT ON ${String(n.objtype).replace('OBJECT_', '')} is not managed by Meridian: ignored`);
    }
  }

  private functionByArgs(o: Node): Mut<Func> {
    const names: string[] = o.objname.map(sv);
    const types: string[] = (o.objargs ?? []).map((t: Node) => this.type(t.TypeName ?? t));
    const schemas = names.length >= 2 ? [names[names.length - 2]!] : this.searchPath;
    for (const s of schemas) {
      for (const f of this.functionsNamed(qualifiedKey(s, names[names.length - 1]!))) {
        if (o.args_unspecified) return f;
        const ftypes = f.kind === 'aggregate' ? f.identityArgs.split(', ').filter(Boolean) : f.args.filter((a) => a.mode !== 'OUT' && a.mode !== 'TABLE').map((a) => a.type);
        if (ftypes.join(',') === types.join(',')) return f;
      }
    }
    throw new Problem('E_UNKNOWN', `function ${names.join('.')}(${types.join(', ')}) does not exist`);
  }

  // ---------------------------------------------------------------- drop, rename

  private drop(n: Node): void {
    const cascade = n.behavior === 'DROP_CASCADE';
    for (const obj of n.objects ?? []) {
      const names: string[] = (obj.List?.items ?? (obj.String ? [obj] : obj.TypeName?.names ?? [])).map(sv);
      const missing = (what: string) => {
        if (!n.missing_ok) throw new Problem('E_UNKNOWN', `${what} "${names.join('.')}" does not exist`);
      };
      switch (n.removeType) {
        case 'OBJECT_TABLE': {
          const t = this.lookup(this.model.tables, names);
          if (!t) { missing('table'); break; }
          this.dropRelation(t.key, cascade);
          break;
        }
        case 'OBJECT_VIEW': case 'OBJECT_MATVIEW': {
          const v = this.lookup(this.model.views, names);
          if (!v) { missing('view'); break; }
          this.dropRelation(v.key, cascade);
          break;
        }
        case 'OBJECT_SEQUENCE': {
          const s = this.lookup(this.model.sequences, names);
          if (!s) { missing('sequence'); break; }
          delete this.model.sequences[s.key];
          this.release(s.obj.schema, s.obj.name);
          break;
        }
        case 'OBJECT_INDEX': {
          const ix = this.findIndex(names);
          if (!ix) { missing('index'); break; }
          delete (ix.owner.indexes as Record<string, Index>)[ix.index.name];
          this.release(ix.index.schema, ix.index.name);
          break;
        }
        case 'OBJECT_TYPE': case 'OBJECT_DOMAIN': {
          const t = this.lookup(this.model.types, names);
          if (!t) { missing('type'); break; }
          const users = Object.values(this.model.tables).filter((x) => x.columns.some((c) => c.type.replace(/\[\]$/, '') === t.key));
          if (users.length && !cascade) throw new Problem('E_DEPENDS', `cannot drop type ${t.key} because other objects depend on it (${users.map((u) => u.name).join(', ')}); use DROP … CASCADE`);
          for (const u of users) u.columns = u.columns.filter((c) => c.type.replace(/\[\]$/, '') !== t.key);
          delete this.model.types[t.key];
          this.release(t.obj.schema, t.obj.name);
          break;
        }
        case 'OBJECT_SCHEMA': {
          const s = names[0]!;
          if (!this.model.schemas[s]) { missing('schema'); break; }
          const inside = (x: { schema: string }) => x.schema === s;
          const has = [...Object.values(this.model.tables), ...Object.values(this.model.views), ...Object.values(this.model.types), ...Object.values(this.model.sequences), ...Object.values(this.model.functions)].some(inside);
          if (has && !cascade) throw new Problem('E_DEPENDS', `cannot drop schema ${s} because other objects depend on it; use DROP SCHEMA … CASCADE`);
          for (const k of Object.keys(this.model.tables)) if (this.model.tables[k] && inside(this.model.tables[k]!)) this.dropRelation(k, true);
          for (const k of Object.keys(this.model.views)) if (this.model.views[k] && inside(this.model.views[k]!)) this.dropRelation(k, true);
          for (const m of [this.model.types, this.model.sequences, this.model.functions] as Record<string, { schema: string }>[]) for (const [k, x] of Object.entries(m)) if (inside(x)) delete m[k];
          this.fnIndex = undefined;
          publication.forgetInPublications(this.model, { schema: s });
          for (const [k, o] of Object.entries(this.model.objects)) if ((o.kind === 'statistics' || o.kind === 'collation' || o.kind === 'ts_dictionary' || o.kind === 'ts_configuration' || o.kind === 'operator') && o.schema === s) delete this.model.objects[k];
          delete this.model.schemas[s];
          this.relnames.delete(s);
          break;
        }
        case 'OBJECT_EXTENSION': {
          if (!this.model.extensions[names[0]!]) { missing('extension'); break; }
          delete this.model.extensions[names[0]!];
          break;
        }
        case 'OBJECT_FUNCTION': case 'OBJECT_PROCEDURE': case 'OBJECT_AGGREGATE': {
          try {
            const f = this.functionByArgs(obj.ObjectWithArgs);
            const key = `${qualifiedKey(f.schema, f.name)}(${f.identityArgs})`;
            delete this.model.functions[key];
            this.fnIndex = undefined;
          } catch (e) {
            if (!n.missing_ok) throw e;
          }
          break;
        }
        case 'OBJECT_RULE': rule.dropRule(this.scope(), names, !!n.missing_ok); break;
        case 'OBJECT_EVENT_TRIGGER': eventTrigger.dropEventTrigger(this.scope(), names[0]!, !!n.missing_ok); break;
        case 'OBJECT_PUBLICATION': publication.dropPublication(this.scope(), names[0]!, !!n.missing_ok); break;
        case 'OBJECT_COLLATION': collations.dropCollation(this.scope(), names, this.searchPath, !!n.missing_ok); break;
        case 'OBJECT_CAST': casts.dropCast(this.scope(), obj.List.items, !!n.missing_ok); break;
        case 'OBJECT_TSDICTIONARY': textSearch.dropTextSearch(this.scope(), 'ts_dictionary', names, this.searchPath, cascade, !!n.missing_ok); break;
        case 'OBJECT_TSCONFIGURATION': textSearch.dropTextSearch(this.scope(), 'ts_configuration', names, this.searchPath, cascade, !!n.missing_ok); break;
        case 'OBJECT_OPERATOR': operators.dropOperator(this.scope(), obj.ObjectWithArgs, this.searchPath, !!n.missing_ok); break;
        case 'OBJECT_STATISTIC_EXT': statistics.dropStatistics(this.scope(), names, this.searchPath, !!n.missing_ok); break;
        case 'OBJECT_FDW': foreign.dropSqlMed(this.scope(), 'foreign_data_wrapper', names[0]!, cascade, !!n.missing_ok); break;
        case 'OBJECT_FOREIGN_SERVER': foreign.dropSqlMed(this.scope(), 'server', names[0]!, cascade, !!n.missing_ok); break;
        case 'OBJECT_FOREIGN_TABLE': {
          const ft = foreign.foreignTableNamed(this.model.objects, names, this.searchPath);
          if (!ft) { missing('foreign table'); break; }
          delete this.model.objects[`foreign_table ${qualifiedKey(ft.schema, ft.name)}`];
          this.release(ft.schema, ft.name);
          break;
        }
        case 'OBJECT_TRIGGER': case 'OBJECT_POLICY': {
          const name = names[names.length - 1]!;
          const rel = names.slice(0, -1);
          const t = this.lookup(this.model.tables, rel) ?? this.lookup(this.model.views, rel);
          const map = t ? (n.removeType === 'OBJECT_TRIGGER' ? (t.obj as MTable).triggers : (t.obj as MTable).policies) : undefined;
          if (!map?.[name]) { missing(n.removeType === 'OBJECT_TRIGGER' ? 'trigger' : 'policy'); break; }
          delete map[name];
          break;
        }
        default:
          return this.unsupported(`DROP ${String(n.removeType).replace('OBJECT_', '')}`);
      }
    }
  }

  /** Drops a table or view; CASCADE also drops the views that read it and the foreign keys that point to it. */
  private dropRelation(key: string, cascade: boolean): void {
    const dependentViews = Object.values(this.model.views).filter((v) => v.dependsOn.includes(key));
    const fks = Object.values(this.model.tables).flatMap((t) => (qualifiedKey(t.schema, t.name) === key ? [] : Object.values(t.constraints).filter((c) => c.kind === 'foreign_key' && c.refTable === key).map((c) => ({ t, c }))));
    const partitions = Object.entries(this.model.tables).filter(([, t]) => t.partitionOf?.parent === key);
    if (!cascade && (dependentViews.length || fks.length)) {
      const what = [...dependentViews.map((v) => `view ${v.name}`), ...fks.map((x) => `constraint ${x.c.name} on table ${x.t.name}`)].join(', ');
      throw new Problem('E_DEPENDS', `cannot drop ${key} because other objects depend on it (${what}); use DROP … CASCADE`);
    }
    for (const v of dependentViews) if (this.model.views[qualifiedKey(v.schema, v.name)]) this.dropRelation(qualifiedKey(v.schema, v.name), true);
    for (const { t, c } of fks) delete t.constraints[c.name];
    for (const [pk] of partitions) this.dropRelation(pk, true);
    const t = this.model.tables[key];
    const v = this.model.views[key];
    const o = t ?? v;
    if (!o) return;
    for (const [sk, s] of Object.entries(this.model.sequences)) if (s.ownedBy?.table === key) { delete this.model.sequences[sk]; this.release(s.schema, s.name); }
    for (const ix of Object.values(o.indexes)) this.release(o.schema, ix.name);
    if (t) for (const c of Object.values(t.constraints)) if (c.kind !== 'check' && c.kind !== 'foreign_key') this.release(o.schema, c.name);
    delete this.model.tables[key];
    delete this.model.views[key];
    rule.dropRulesOn(this.scope(), key);
    publication.forgetInPublications(this.model, { table: key });
    statistics.forgetStatistics(this.model, key);
    this.release(o.schema, o.name);
  }

  private rename(n: Node): void {
    const newname = truncateIdent(n.newname);
    switch (n.renameType) {
      case 'OBJECT_TABLE': case 'OBJECT_VIEW': case 'OBJECT_MATVIEW': {
        const names = this.rangeNames(n.relation);
        const t = this.lookup(this.model.tables, names);
        if (t) return this.renameTable(t.key, newname);
        const v = this.lookup(this.model.views, names);
        if (!v) {
          if (n.missing_ok) return;
          throw new Problem('E_UNKNOWN', `relation "${names.join('.')}" does not exist`);
        }
        this.claim(v.obj.schema, newname);
        this.release(v.obj.schema, v.obj.name);
        delete this.model.views[v.key];
        v.obj.name = newname;
        this.model.views[qualifiedKey(v.obj.schema, newname)] = v.obj;
        return;
      }
      case 'OBJECT_COLUMN': {
        const t = this.table(n.relation, !!n.missing_ok);
        if (!t) return;
        const c = t.obj.columns.find((x) => x.name === n.subname);
        if (!c) throw new Problem('E_UNKNOWN', `column "${n.subname}" does not exist`);
        this.assertNoDependentViews(t.key, `column ${t.obj.name}.${n.subname}`);
        if (t.obj.columns.some((x) => x.name === newname)) throw new Problem('E_DUPLICATE', `column "${newname}" of relation "${t.obj.name}" already exists`);
        c.name = newname;
        privileges.renamePrivileges(this.model.objects, ['COLUMN'], t.obj.schema, t.obj.name, { column: { from: n.subname, to: newname } });
        publication.renameInPublications(this.model, t.key, { column: { from: n.subname, to: newname } });
        statistics.renameInStatistics(this.model, t.key, { column: { from: n.subname, to: newname } });
        const ren = (cols: readonly string[]) => cols.map((x) => (x === n.subname ? newname : x));
        for (const [k, con] of Object.entries(t.obj.constraints)) {
          if ('columns' in con) t.obj.constraints[k] = { ...con, columns: ren(con.columns), ...('include' in con ? { include: ren(con.include) } : {}) } as Constraint;
        }
        for (const other of Object.values(this.model.tables)) {
          for (const [k, con] of Object.entries(other.constraints)) if (con.kind === 'foreign_key' && con.refTable === t.key) other.constraints[k] = { ...con, refColumns: ren(con.refColumns) };
        }
        for (const ix of Object.values(t.obj.indexes)) {
          const node = this.indexNodes.get(ix);
          // A new list: the statement's nodes are shared, not copied (see `qualify`), e.g. with a LIKE copy's index.
          if (node?.indexParams) node.indexParams = node.indexParams.map((p: Node) => (p.IndexElem.name === n.subname ? { IndexElem: { ...p.IndexElem, name: newname } } : p));
          this.refreshIndex(t.obj, ix as Mut<Index>);
        }
        for (const s of Object.values(this.model.sequences)) if (s.ownedBy?.table === t.key && s.ownedBy.column === n.subname) s.ownedBy = { table: t.key, column: newname };
        this.rerenderConstraints(t.obj);
        return;
      }
      case 'OBJECT_TABCONSTRAINT': {
        const t = this.table(n.relation)!;
        const c = t.obj.constraints[n.subname];
        if (!c) throw new Problem('E_UNKNOWN', `constraint "${n.subname}" of relation "${t.obj.name}" does not exist`);
        delete t.obj.constraints[n.subname];
        t.obj.constraints[newname] = { ...c, name: newname };
        if (c.kind !== 'check' && c.kind !== 'foreign_key') {
          this.release(t.obj.schema, n.subname);
          this.claim(t.obj.schema, newname);
        }
        return;
      }
      case 'OBJECT_INDEX': {
        const ix = this.findIndex(this.rangeNames(n.relation));
        if (!ix) {
          // Renaming the index behind a constraint renames the constraint.
          const names = this.rangeNames(n.relation);
          for (const t of Object.values(this.model.tables)) {
            const c = t.constraints[names[names.length - 1]!];
            if (c && c.kind !== 'check' && c.kind !== 'foreign_key' && (names.length < 2 || t.schema === names[0])) {
              delete t.constraints[c.name];
              t.constraints[newname] = { ...c, name: newname };
              this.release(t.schema, c.name);
              this.claim(t.schema, newname);
              return;
            }
          }
          if (n.missing_ok) return;
          throw new Problem('E_UNKNOWN', `index "${names.join('.')}" does not exist`);
        }
        const owner = ix.owner.indexes as Record<string, Index>;
        delete owner[ix.index.name];
        this.release(ix.index.schema, ix.index.name);
        this.claim(ix.index.schema, newname);
        const moved = ix.index as Mut<Index>;
        moved.name = newname;
        owner[newname] = moved;
        this.refreshIndex(ix.owner, moved);
        return;
      }
      case 'OBJECT_SEQUENCE': {
        const s = this.lookup(this.model.sequences, this.rangeNames(n.relation));
        if (!s) throw new Problem('E_UNKNOWN', `sequence "${this.rangeNames(n.relation).join('.')}" does not exist`);
        delete this.model.sequences[s.key];
        this.release(s.obj.schema, s.obj.name);
        this.claim(s.obj.schema, newname);
        privileges.renamePrivileges(this.model.objects, ['SEQUENCE'], s.obj.schema, s.obj.name, { name: newname });
        retargetSequenceDefaults(this.model.tables, s.key, qualifiedKey(s.obj.schema, newname));
        s.obj.name = newname;
        this.model.sequences[qualifiedKey(s.obj.schema, newname)] = s.obj;
        return;
      }
      case 'OBJECT_TYPE': case 'OBJECT_DOMAIN': {
        const names = (n.object?.List?.items ?? []).map(sv);
        const t = this.lookup(this.model.types, names);
        if (!t) throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist`);
        delete this.model.types[t.key];
        privileges.renamePrivileges(this.model.objects, ['TYPE'], t.obj.schema, t.obj.name, { name: newname });
        t.obj.name = newname;
        const key = qualifiedKey(t.obj.schema, newname);
        this.model.types[key] = t.obj;
        for (const tab of Object.values(this.model.tables)) for (const c of tab.columns) if (c.type.replace(/\[\]$/, '') === t.key) c.type = c.type.replace(t.key, key);
        return;
      }
      case 'OBJECT_TRIGGER': {
        const t = this.table(n.relation)!;
        const tr = t.obj.triggers[n.subname];
        if (!tr) throw new Problem('E_UNKNOWN', `trigger "${n.subname}" for table "${t.obj.name}" does not exist`);
        delete t.obj.triggers[n.subname];
        t.obj.triggers[newname] = { ...tr, name: newname, definition: tr.definition?.replace(/^CREATE (CONSTRAINT )?TRIGGER \S+/, (m) => m.replace(/\S+$/, quoteIdent(newname))) };
        return;
      }
      case 'OBJECT_SCHEMA': {
        return this.unsupported('ALTER SCHEMA … RENAME');
      }
      default:
        return this.unsupported(`RENAME of ${String(n.renameType).replace('OBJECT_', '').toLowerCase()}`);
    }
  }

  /** Views store their query as written: a rename they would follow in PostgreSQL is not folded natively. */
  private assertNoDependentViews(key: string, what: string): void {
    const views = Object.values(this.model.views).filter((v) => v.dependsOn.includes(key));
    if (views.length) throw new Problem('E_NATIVE', `renaming ${what} read by view ${views.map((v) => v.name).join(', ')} is not folded natively (PostgreSQL rewrites the view); the dev database replays it`);
  }

  /** `ALTER … SET SCHEMA`: the object (and a table's owned sequences, indexes and constraints) moves. */
  private setSchema(n: Node): void {
    const to = n.newschema as string;
    if (!this.model.schemas[to]) throw new Problem('E_UNKNOWN', `schema "${to}" does not exist`);
    switch (n.objectType) {
      case 'OBJECT_TABLE': {
        const t = this.table(n.relation, !!n.missing_ok);
        if (!t) return;
        this.assertNoDependentViews(t.key, `table ${t.key}`);
        const from = t.obj.schema;
        const nk = qualifiedKey(to, t.obj.name);
        this.claim(to, t.obj.name);
        this.release(from, t.obj.name);
        delete this.model.tables[t.key];
        privileges.renamePrivileges(this.model.objects, ['COLUMN'], from, t.obj.name, { schema: to });
        t.obj.schema = to;
        this.model.tables[nk] = t.obj;
        for (const ix of Object.values(t.obj.indexes) as Mut<Index>[]) {
          this.release(from, ix.name);
          this.claim(to, ix.name);
          ix.schema = to;
          ix.table = nk;
          this.refreshIndex(t.obj, ix);
        }
        for (const c of Object.values(t.obj.constraints)) if (c.kind !== 'check' && c.kind !== 'foreign_key') { this.release(from, c.name); this.claim(to, c.name); }
        for (const [sk, seq] of Object.entries(this.model.sequences)) {
          if (seq.ownedBy?.table !== t.key) continue;
          delete this.model.sequences[sk];
          this.release(from, seq.name);
          this.claim(to, seq.name);
          privileges.renamePrivileges(this.model.objects, ['SEQUENCE'], from, seq.name, { schema: to });
          seq.schema = to;
          seq.ownedBy = { ...seq.ownedBy, table: nk };
          const nsk = qualifiedKey(to, seq.name);
          this.model.sequences[nsk] = seq;
          // Defaults hold the sequence by OID in PostgreSQL: nextval('old.seq') now reads nextval('new.seq').
          for (const c of t.obj.columns) {
            if (c.default && c.default.canonical.includes(JSON.stringify(sk))) {
              c.default = { canonical: c.default.canonical.split(JSON.stringify(sk)).join(JSON.stringify(nsk)), text: c.default.text.split(quoteLiteral(sk)).join(quoteLiteral(nsk)) };
            }
          }
        }
        this.retarget(t.key, nk);
        for (const [n2, tr] of Object.entries(t.obj.triggers)) t.obj.triggers[n2] = { ...tr, table: nk, definition: tr.definition?.replace(` ON ${t.key} `, ` ON ${nk} `) };
        for (const [n2, p] of Object.entries(t.obj.policies)) t.obj.policies[n2] = { ...p, table: nk };
        return;
      }
      case 'OBJECT_SEQUENCE': {
        const sq = this.lookup(this.model.sequences, this.rangeNames(n.relation));
        if (!sq) throw new Problem('E_UNKNOWN', `sequence "${this.rangeNames(n.relation).join('.')}" does not exist`);
        delete this.model.sequences[sq.key];
        this.release(sq.obj.schema, sq.obj.name);
        this.claim(to, sq.obj.name);
        privileges.renamePrivileges(this.model.objects, ['SEQUENCE'], sq.obj.schema, sq.obj.name, { schema: to });
        sq.obj.schema = to;
        this.model.sequences[qualifiedKey(to, sq.obj.name)] = sq.obj;
        return;
      }
      case 'OBJECT_TYPE': case 'OBJECT_DOMAIN': {
        const names = (n.object?.List?.items ?? n.object?.TypeName?.names ?? []).map(sv);
        const ty = this.lookup(this.model.types, names);
        if (!ty) throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist`);
        delete this.model.types[ty.key];
        this.release(ty.obj.schema, ty.obj.name);
        this.claim(to, ty.obj.name);
        privileges.renamePrivileges(this.model.objects, ['TYPE'], ty.obj.schema, ty.obj.name, { schema: to });
        ty.obj.schema = to;
        const nk = qualifiedKey(to, ty.obj.name);
        this.model.types[nk] = ty.obj;
        for (const tab of Object.values(this.model.tables)) for (const c of tab.columns) if (c.type.replace(/\[\]$/, '') === ty.key) c.type = c.type.replace(ty.key, nk);
        return;
      }
      default:
        return this.unsupported(`ALTER ${String(n.objectType).replace('OBJECT_', '')} … SET SCHEMA`);
    }
  }

  /** Points every reference to relation `from` at `to` (FKs, partitions, inheritance, view dependencies). */
  private retarget(from: string, to: string): void {
    for (const other of Object.values(this.model.tables)) {
      for (const [k, c] of Object.entries(other.constraints)) if (c.kind === 'foreign_key' && c.refTable === from) other.constraints[k] = { ...c, refTable: to };
      if (other.partitionOf?.parent === from) other.partitionOf = { ...other.partitionOf, parent: to };
      if (other.inherits.includes(from)) other.inherits = other.inherits.map((x) => (x === from ? to : x));
      this.rerenderConstraints(other);
    }
    for (const v of Object.values(this.model.views)) if (v.dependsOn.includes(from)) v.dependsOn = v.dependsOn.map((x) => (x === from ? to : x)).sort();
  }

  private renameTable(key: string, newname: string): void {
    this.assertNoDependentViews(key, `table ${key}`);
    const t = this.model.tables[key]!;
    this.claim(t.schema, newname);
    this.release(t.schema, t.name);
    delete this.model.tables[key];
    privileges.renamePrivileges(this.model.objects, ['COLUMN'], t.schema, t.name, { name: newname });
    t.name = newname;
    const nk = qualifiedKey(t.schema, newname);
    this.model.tables[nk] = t;
    for (const other of Object.values(this.model.tables)) {
      for (const [k, c] of Object.entries(other.constraints)) if (c.kind === 'foreign_key' && c.refTable === key) other.constraints[k] = { ...c, refTable: nk };
      if (other.partitionOf?.parent === key) other.partitionOf = { ...other.partitionOf, parent: nk };
      if (other.inherits.includes(key)) other.inherits = other.inherits.map((x) => (x === key ? nk : x));
      this.rerenderConstraints(other);
    }
    for (const ix of Object.values(t.indexes)) {
      (ix as Mut<Index>).table = nk;
      this.refreshIndex(t, ix as Mut<Index>);
    }
    for (const [n2, tr] of Object.entries(t.triggers)) t.triggers[n2] = { ...tr, table: nk, definition: tr.definition?.replace(` ON ${key} `, ` ON ${nk} `) };
    for (const [n2, p] of Object.entries(t.policies)) t.policies[n2] = { ...p, table: nk };
    for (const s of Object.values(this.model.sequences)) if (s.ownedBy?.table === key) s.ownedBy = { ...s.ownedBy, table: nk };
    for (const v of Object.values(this.model.views)) if (v.dependsOn.includes(key)) v.dependsOn = v.dependsOn.map((x) => (x === key ? nk : x)).sort();
    publication.renameInPublications(this.model, key, { table: nk });
    statistics.renameInStatistics(this.model, key, { table: nk });
  }

  /** Constraint definitions embed column and table names: re-render the structured ones after a rename. */
  private rerenderConstraints(t: MTable): void {
    for (const [k, c] of Object.entries(t.constraints)) {
      if (c.kind === 'primary_key' || c.kind === 'unique') {
        const opts = c.definition?.match(/ WITH \((.*)\)/)?.[1];
        t.constraints[k] = { ...c, definition: keySql(c, opts ? [opts] : []) };
      } else if (c.kind === 'foreign_key') {
        t.constraints[k] = { ...c, definition: foreignKeySql(c, c.refTable) };
      }
    }
  }

  // ---------------------------------------------------------------- settings

  private set(n: Node): void {
    if (n.kind === 'VAR_RESET' && n.name === 'search_path') {
      this.searchPath = [...this.initialSearchPath];
      return;
    }
    if (n.name !== 'search_path') return;
    if (n.kind === 'VAR_SET_DEFAULT') {
      this.searchPath = [...this.initialSearchPath];
      return;
    }
    this.searchPath = (n.args ?? []).map((a: Node) => constText(a)).flatMap((s: string) => s.split(',')).map((s: string) => s.trim()).filter(Boolean).map((s: string) => (s.startsWith('"') ? s.slice(1, -1) : s));
  }

  /** `SELECT pg_catalog.set_config('search_path', '', false)` (pg_dump's header) sets the path; other SELECTs are data. */
  private select(n: Node): void {
    const t = n.targetList?.[0]?.ResTarget?.val?.FuncCall;
    if (n.targetList?.length === 1 && !n.fromClause && t && sv(t.funcname[t.funcname.length - 1]) === 'set_config') {
      const [name, value] = (t.args ?? []).map((a: Node) => a.A_Const?.sval?.sval);
      if (name === 'search_path' && value !== undefined) {
        this.searchPath = value.split(',').map((s: string) => s.trim()).filter(Boolean);
        return;
      }
      return;
    }
    if (n.targetList?.length && !n.fromClause && n.targetList.every((x: Node) => x.ResTarget.val?.FuncCall && ['setval', 'set_config'].includes(sv(x.ResTarget.val.FuncCall.funcname.at(-1))))) {
      return this.report('W_DATA', 'SELECT setval(…) sets a sequence\'s value (data): not part of the desired state');
    }
    this.report('W_DATA', 'SELECT statement is not part of the desired state: ignored');
  }

  // ---------------------------------------------------------------- finish

  /** Resolves what needs the whole file: views' canonical queries (with every relation known). */
  finish(): Model {
    for (const v of Object.values(this.model.views)) {
      const q = (v as unknown as { queryNode?: Node }).queryNode;
      if (q) {
        let canonical: string;
        try {
          canonical = canonicalView(q, this.ctx);
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
          canonical = v.query.text;
        }
        v.query = { canonical, text: v.query.text };
        delete (v as unknown as { queryNode?: Node }).queryNode;
      }
    }
    // Privileges of objects the file dropped go with them.
    privileges.forgetPrivileges(this.model, (o) => !attachedTargetExists(this.model as unknown as Model, o));
    return canonicalizeDefinitions(this.model as unknown as Model);
  }
}

/** Canonical form of a view query: resolved and normalised (see ./normalize.ts). */
function canonicalView(q: Node, ctx: NormalizeContext): string {
  return normalizeQuery(q, ctx);
}

/** Canonical form of a partition bound node. */
const canonicalBound = boundOf;

function applyAttr(c: Node, attr: string): void {
  if (attr === 'CONSTR_ATTR_DEFERRABLE') c.deferrable = true;
  else if (attr === 'CONSTR_ATTR_NOT_DEFERRABLE') c.deferrable = false;
  else if (attr === 'CONSTR_ATTR_DEFERRED') { c.initdeferred = true; c.deferrable = true; }
  else if (attr === 'CONSTR_ATTR_IMMEDIATE') c.initdeferred = false;
}

/** Storage parameters as `name=value`, sorted (the inspector's `reloptions` form). */
function relOptions(list: Node[] | undefined): string[] {
  return (list ?? [])
    .map((o: Node) => o.DefElem)
    .filter((d: Node) => d && d.defname !== 'oids')
    .map((d: Node) => `${d.defnamespace ? `${d.defnamespace}.` : ''}${d.defname}=${d.arg === undefined ? 'true' : constText(d.arg).toLowerCase() === 'on' ? 'true' : constText(d.arg)}`)
    .sort();
}

function mergeOptions(cur: readonly string[], add: readonly string[]): string[] {
  const m = new Map(cur.map((o) => [o.split('=')[0]!, o]));
  for (const o of add) m.set(o.split('=')[0]!, o);
  return [...m.values()].sort();
}

function constText(a: Node): string {
  if (a.A_Const) {
    const c = a.A_Const;
    if (c.ival !== undefined) return String(c.ival.ival ?? 0);
    if (c.fval !== undefined) return String(c.fval.fval);
    if (c.sval !== undefined) return c.sval.sval ?? '';
    if (c.boolval !== undefined) return c.boolval.boolval ? 'true' : 'false';
  }
  if (a.String) return a.String.sval;
  if (a.Integer) return String(a.Integer.ival ?? 0);
  if (a.Float) return String(a.Float.fval);
  if (a.Boolean) return a.Boolean.boolval ? 'true' : 'false';
  if (a.TypeName) return (a.TypeName.names ?? []).map(sv).join('.');
  return '';
}

function walk(n: Node, f: (x: Node) => void): void {
  if (n === null || typeof n !== 'object') return;
  if (Array.isArray(n)) {
    for (const x of n) walk(x, f);
    return;
  }
  f(n);
  for (const v of Object.values(n)) if (typeof v === 'object') walk(v, f);
}

/** The first column an expression reads (PostgreSQL names an unnamed CHECK after it). */
function firstColumn(e: Node, t: MTable): string | undefined {
  let found: string | undefined;
  walk(e, (x) => {
    if (found === undefined && x.ColumnRef) {
      const f = x.ColumnRef.fields.map(sv);
      const c = f[f.length - 1];
      if (t.columns.some((col) => col.name === c)) found = c;
    }
  });
  return found;
}

/** Column names an index statement's plain keys use. */
function indexColumns(node: Node): string[] {
  return (node?.indexParams ?? []).map((p: Node) => p.IndexElem.name).filter(Boolean);
}

/** Column names a canonical expression mentions (for DROP COLUMN cascading to CHECKs). */
function columnsOf(canonical: string): string[] {
  const out: string[] = [];
  for (const m of canonical.matchAll(/"Col":\[([^\]]*)\]/g)) {
    const parts = JSON.parse(`[${m[1]}]`) as string[];
    out.push(parts[parts.length - 1]!);
  }
  return out;
}

function describeStatement(type: string, n: Node): string {
  const s = type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
  return n?.kind ? `${s} (${String(n.kind).replace('OBJECT_', '')})` : s;
}
