/**
 * Folding: parsed DDL statements → the Model, in order, the way PostgreSQL would execute them.
 *
 * In:  ParsedStatement[] (./pg.ts), a starting search_path. Out: a mutable Model plus located warnings
 *      (data statements, ignored settings) and errors (unsupported DDL, references to unknown objects).
 * Never: does I/O. Implicit things are made explicit exactly like PostgreSQL does: serial columns expand
 * to sequence + default + OWNED BY, primary keys make columns NOT NULL, unnamed constraints and indexes
 * get PostgreSQL's names, unqualified names resolve through the current search_path.
 *
 * This file is the dispatcher: statement type → the kind's fold module in ./kinds/ (one file per kind:
 * ./kinds/table.ts, ./kinds/view.ts, ./kinds/operator.ts, …; DROP / RENAME / SET SCHEMA by object type in
 * ./object-commands.ts), plus the state those modules share through the FoldScope the Folder implements (./kinds/scope.ts): name resolution,
 * the relation and constraint namespaces, expression qualification, the search_path.
 */
import type { SourceLocation } from '../errors.js';
import { catalogRelation } from './catalog-relations.js';
import { qualifiedKey } from '../model/names.js';
import type { Expr, Func, Index, Model, PrimaryKey, UniqueConstraint } from '../model/types.js';
import { attachedTargetExists } from '../model/objects.js';
import { OWNER } from '../model/privileges.js';
import * as eventTrigger from './kinds/event-trigger.js';
import * as publication from './kinds/publication.js';
import * as statistics from './kinds/statistics.js';
import * as collations from './kinds/collation.js';
import * as casts from './kinds/cast.js';
import * as operators from './kinds/operator.js';
import * as opClasses from './kinds/operator-class.js';
import * as foreign from './kinds/foreign.js';
import * as rule from './kinds/rule.js';
import * as textSearch from './kinds/text-search.js';
import * as privileges from './kinds/privileges.js';
import * as defaultPrivileges from './kinds/default-privileges.js';
import * as schema from './kinds/schema.js';
import * as extension from './kinds/extension.js';
import { needsToastTable } from '../model/toast.js';
import * as types from './kinds/type.js';
import * as sequence from './kinds/sequence.js';
import * as table from './kinds/table.js';
import { alterTable } from './kinds/table-alter.js';
import * as indexes from './kinds/indexes.js';
import * as view from './kinds/view.js';
import { select } from './kinds/select.js';
import * as fn from './kinds/function.js';
import * as fnAlter from './kinds/function-alter.js';
import * as trigger from './kinds/trigger.js';
import * as policy from './kinds/policy.js';
import { grant } from './kinds/grant.js';
import { comment } from './kinds/comment.js';
import { bExpr, constText, sv } from './kinds/nodes.js';
import { Problem, Refused, type FoldScope, type MModel, type MTable, type Mut, type RangeVarLike, type TypeNameLike } from './kinds/scope.js';
import { truncateIdent } from '../model/naming.js';
import { canonicalizeDefinitions } from './canonical.js';
import { rowColumnDomain, rowColumnType, valueType } from './literal-type.js';
import { SEQUENCE_COLUMNS, type NormalizeContext } from './normalize.js';
import { normalizeExpr } from './normalize-forms.js';
import { withViewTypes } from './view-types.js';
import type { Payload, TaggedNode, Tree } from './ast.js';
import { deparseExpression, type ParsedStatement } from './pg.js';
import { canonicalType, routineTypeName } from './typename.js';
import { percentTypeName } from './kinds/percent-type.js';
import { nullDefaultStored } from './kinds/null-default.js';
import { recordCopyNames } from './kinds/partition-keys.js';
import { settleValidCopies } from './kinds/check-copies.js';
import { statementKind } from './statement-kind.js';
import { refusedStatement, tablespaceRefusal, TO_A_MIGRATION } from './refused.js';
import { qualifyTree, type NameResolver } from './qualify.js';
import { dropObjects, renameObject, setObjectSchema } from './object-commands.js';
import { userOperatorSchema, type OperatorResolution } from './user-operator.js';
import { extensionCatalog, extensionFunctionResult, modelSpelling, resolveOperator, type ExtensionCatalog, type ResolvedOperator } from './ext-catalog.js';


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
  /** The refused kind (../refused.ts) when the statement is one a schema file may not hold: final in every command. */
  readonly refused?: string;
}

export interface FoldOptions {
  /** The search_path the files start with (the URL's, else `public`). */
  readonly searchPath?: readonly string[];
  /** Keep statements the Model cannot represent as opaque statements instead of failing. */
  readonly allowOpaque?: boolean;
  /** Schemas that exist before the files run (a schema-bound URL's schema, which Atlas never creates). */
  readonly existingSchemas?: readonly string[];
  /**
   * The name of the role that will run the DDL (the target's `current_user`): it owns what the files create, so a
   * GRANT or REVOKE naming it on such an object is one of the owner's own ACL entries (`CURRENT_USER`), as pg_dump's
   * `REVOKE ALL ON TABLE t FROM postgres` is. Unknown: such a grantee is another role to the fold.
   */
  readonly role?: string;
}

/**
 * Folds statements one by one into its Model; the per-kind rules live in ./kinds/ and reach the Folder through
 * the FoldScope it implements (./kinds/scope.ts).
 */
export class Folder implements FoldScope {
  readonly model: MModel = { schemas: {}, extensions: {}, types: {}, sequences: {}, tables: {}, views: {}, functions: {}, objects: {}, opaque: [], unmanaged: [] };
  readonly problems: FoldProblem[] = [];
  searchPath: string[];
  private readonly initialSearchPath: string[];
  /** Relation-namespace names (pg_class + pg_type) per schema, and constraint names per schema. */
  private readonly relnames = new Map<string, Set<string>>();
  private readonly connames = new Map<string, Set<string>>();
  /** Index statements kept to re-render definitions after renames. */
  readonly indexNodes = new Map<Index, Payload<'IndexStmt'>>();
  /** Indexes on partitions attached to a parent's index (not the user's objects, like the inspector). */
  readonly attachedIndexes = new Set<string>();
  readonly onlyPending = new Map<Index, Set<string>>();
  readonly keyCopies = new Map<string, Map<string, { readonly name: string; readonly schema: string; readonly key: PrimaryKey | UniqueConstraint; readonly own?: PrimaryKey | UniqueConstraint }>>();
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
      // A kind no schema file may hold is refused first, whatever else the statement says (./refused.ts).
      const refusal = refusedStatement(st.type, st.node);
      if (refusal) throw new Refused(refusal);
      // Objects created under default privileges get them (./kinds/default-privileges.ts).
      const before = defaultPrivileges.snapshotKeys(this.model as unknown as Parameters<typeof defaultPrivileges.snapshotKeys>[0]);
      this.dispatch(...([st.type, st.node] as TaggedNode));
      if (before) defaultPrivileges.grantNewObjects(this.model as unknown as Parameters<typeof defaultPrivileges.grantNewObjects>[0], before);
    } catch (e) {
      if (e instanceof Refused) this.problems.push({ ...this.located(e.at), message: e.message, code: e.code, refused: e.refusal.kind });
      else if (e instanceof Problem) this.report(e.code, e.message, e.at);
      else if (e instanceof RangeError) this.report('E_TOO_DEEP', 'statement nested too deeply to analyse (maximum call stack size exceeded)');
      else throw e;
    }
  }

  report(code: string, message: string, at?: number): void {
    this.problems.push({ ...this.located(at), message, code });
  }

  private located(at: number | undefined): Pick<FoldProblem, 'location' | 'at'> {
    return { location: this.stmt.loc, ...(at !== undefined && at >= 0 ? { at: at + this.stmt.base } : {}) };
  }

  unsupported(what: string): void {
    if (this.opts.allowOpaque) {
      this.model.opaque.push({ kind: 'opaque', sql: this.stmt.text, loc: this.stmt.loc });
      this.report('W_OPAQUE', `${what} needs a database: the dev database runs it and decides what it creates (the native checks do not look inside it)`);
    } else {
      this.report('E_UNSUPPORTED', `${what} is not supported in a schema file; move it to a migration (\`meridian migrate new\`), or let a dev database run it (\`schema validate\` without --native)`);
    }
  }

  // ---------------------------------------------------------------- name resolution

  schemaOf(names: readonly string[]): string {
    if (names.length >= 2) return names[names.length - 2]!;
    const s = this.searchPath.find((x) => x !== 'pg_catalog' && x !== '$user' && this.model.schemas[x]);
    if (!s) throw new Problem('E_UNKNOWN', `no schema has been selected to create in (search_path is ${this.searchPath.join(', ') || 'empty'})`);
    return s;
  }

  /** Where a new object named `names` goes (its schema must exist). */
  creating(names: readonly string[]): { schema: string; name: string; key: string } {
    const schema = this.schemaOf(names);
    if (!this.model.schemas[schema]) throw new Problem('E_UNKNOWN', `schema "${schema}" does not exist`);
    const name = truncateIdent(names[names.length - 1]!);
    return { schema, name, key: qualifiedKey(schema, name) };
  }

  /** Finds an existing object in `map` by (possibly unqualified) name through the search_path. */
  /** A relation placed in a tablespace other than the database's default: refused, located (tablespaces are not managed). */
  private refuseTablespace(name: string | undefined, clause = 'TABLESPACE'): void {
    const refusal = tablespaceRefusal(clause, name);
    if (refusal) throw new Refused(refusal);
  }

  lookup<T>(map: Record<string, T>, names: readonly string[]): { key: string; obj: T } | undefined {
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

  /**
   * The first of `resolvers` to find `names`, schema by schema along the search_path (the relation namespace is
   * one per schema: a view in the path's first schema hides a table of the same name in a later one, as in
   * PostgreSQL's RangeVarGetRelid); a qualified name is looked up in its schema only.
   *
   * @example
   * // search_path app, public; public.t a table, app.t a view: the view
   * this.inPath(['t'], (n) => this.lookup(this.model.tables, n)?.key, (n) => this.lookup(this.model.views, n)?.key) // 'app.t'
   */
  private inPath<R>(names: readonly string[], ...resolvers: ((qualified: readonly string[]) => R | undefined)[]): R | undefined {
    const paths = names.length >= 2 ? [names] : this.searchPath.map((s) => [s, names[0]!]);
    for (const q of paths) {
      for (const r of resolvers) {
        const found = r(q);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  rangeNames(rv: RangeVarLike): string[] {
    const r = rv as Payload<'RangeVar'>;
    return [r.schemaname, r.relname].filter((x) => x !== undefined && x !== '') as string[];
  }

  /** The object a RangeVar names in `map`; E_UNKNOWN (located at the name) unless `missingOk`. */
  named<T>(map: Record<string, T>, rv: RangeVarLike, what: string, missingOk = false): { key: string; obj: T } | undefined {
    const found = this.lookup(map, this.rangeNames(rv));
    if (!found && !missingOk) throw new Problem('E_UNKNOWN', `${what} "${this.rangeNames(rv).join('.')}" does not exist`, (rv as Payload<'RangeVar'>).location);
    return found;
  }

  table(rv: RangeVarLike, missingOk = false): { key: string; obj: MTable } | undefined {
    return this.named(this.model.tables, rv, 'relation', missingOk);
  }

  typeKey(names: readonly string[]): string | undefined {
    if (names.length === 2 && names[0] === 'pg_catalog') return undefined;
    return this.inPath(names, (q) => this.lookup(this.model.types, q)?.key, (q) => this.lookup(this.model.tables, q)?.key, (q) => this.lookup(this.model.views, q)?.key);
  }

  type(tn: TypeNameLike): string {
    // `rel.col%TYPE` (a routine's signature elsewhere than its CREATE: DROP, COMMENT, GRANT …): the column's type.
    if ((tn as Payload<'TypeName'>).pct_type) return this.type(routineTypeName(percentTypeName(this, tn as Payload<'TypeName'>)));
    return canonicalType(tn as Payload<'TypeName'>, (names) => this.typeKey(names) ?? this.extensionType(names));
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
    relation: (names) => this.inPath<{ key: string; columns?: readonly string[]; system?: boolean }>(
      names,
      (q) => {
        const t = this.lookup(this.model.tables, q);
        return t && { key: t.key, columns: t.obj.columns.map((c) => c.name), types: t.obj.columns.map((c) => valueType(c.type, this.model.types)), domains: t.obj.columns.map((c) => this.model.types[c.type]?.kind === 'domain'), system: true };
      },
      (q) => {
        const v = this.lookup(this.model.views, q);
        return v && { key: v.key, columns: v.obj.columns, system: v.obj.kind === 'materialized_view' };
      },
      (q) => {
        const s = this.lookup(this.model.sequences, q);
        return s && { key: s.key, columns: SEQUENCE_COLUMNS, system: true };
      },
      (q) => {
        const f = foreign.foreignTableNamed(this.model.objects, q, this.searchPath);
        return f && { key: qualifiedKey(f.schema, f.name), columns: f.columns.map((c) => c.name), system: true };
      },
    ) ?? catalogRelation(names), // PostgreSQL's own (pg_class): its columns, typed (./catalog-relations.ts)
    type: (names) => this.typeKey(names),
    functions: (names) => (names.length >= 2 ? this.functionsNamed(qualifiedKey(names[names.length - 2]!, names[names.length - 1]!))
      : this.searchPath.map((s) => this.functionsNamed(qualifiedKey(s, names[0]!))).find((l) => l.length) ?? []),
    // The file's own operators first, then those of the extensions it creates (./ext-catalog.ts).
    operatorSchema: (name, left, right, prefix) => userOperatorSchema(this.model.objects, this.searchPath, name, left, right, prefix) ?? this.extensionOperator(name, left, right, prefix)?.schema,
    extensionFunction: (names, args) => {
      if (!Object.keys(this.model.extensions).length) return undefined;
      const cat = extensionCatalog(this.model.extensions);
      const r = extensionFunctionResult(cat, this.searchPath, names, args.map((a) => (a === undefined || a === 'unknown' ? a : this.extensionTypeName(cat, a) ?? undefined)));
      return r && { type: modelSpelling(r.result), set: r.set };
    },
    operatorType: (name, left, right, prefix) => {
      const result = this.extensionOperator(name, left, right, prefix)?.result;
      return result === undefined ? undefined : modelSpelling(result);
    },
  };

  /** A type spelling as ./ext-catalog.ts names it; a bare extension type name (a cast in a definition's text: `'x'::citext`) through the search_path. */
  private extensionTypeName(cat: ExtensionCatalog, t: string): string | undefined {
    return cat.typeName(t) ?? (/^[a-z_][a-z0-9_$]*(\[\])?$/.test(t) ? this.searchPath.map((s) => cat.typeName(`${s}.${t}`)).find((x) => x !== undefined) : undefined);
  }

  /** The extension operator `name` over operands of these types (Model spellings) resolves to (./ext-catalog.ts). */
  private extensionOperator(name: string, left: string | undefined, right: string | undefined, prefix: boolean): ResolvedOperator | undefined {
    if (!Object.keys(this.model.extensions).length) return undefined;
    const cat = extensionCatalog(this.model.extensions);
    const named = (t: string | undefined) => (t === undefined ? undefined : t === 'unknown' ? t : this.extensionTypeName(cat, t));
    const [l, r] = [prefix ? '' : named(left), named(right)];
    return l === undefined || r === undefined ? undefined : resolveOperator(cat, this.searchPath, name, l, r);
  }

  /**
   * How the file's unqualified operators resolve now (its own and its extensions'), for the definitions whose forms
   * are read from their text (constraints, indexes: ./canonical.ts); undefined when it has neither.
   */
  operatorResolution(): OperatorResolution | undefined {
    const own = Object.keys(this.model.objects).filter((k) => k.startsWith('operator '));
    const exts = Object.values(this.model.extensions).map((e) => `${e.name}:${e.schema}`);
    if (!own.length && !exts.length) return undefined;
    return { key: JSON.stringify([this.searchPath, exts, own]), operatorSchema: this.ctx.operatorSchema!, operatorType: this.ctx.operatorType!, extensionFunction: this.ctx.extensionFunction! };
  }

  taken(schema: string, name: string): boolean {
    return this.relnames.get(schema)?.has(name) ?? false;
  }
  claim(schema: string, name: string): void {
    let s = this.relnames.get(schema);
    if (!s) this.relnames.set(schema, (s = new Set()));
    if (s.has(name)) throw new Problem('E_DUPLICATE', `relation "${schema}.${name}" already exists`);
    s.add(name);
  }
  release(schema: string, name: string): void {
    this.relnames.get(schema)?.delete(name);
  }
  conTaken(schema: string, name: string): boolean {
    return this.connames.get(schema)?.has(name) ?? false;
  }
  claimCon(schema: string, name: string): void {
    let s = this.connames.get(schema);
    if (!s) this.connames.set(schema, (s = new Set()));
    s.add(name);
  }

  // ---------------------------------------------------------------- expressions

  /**
   * Qualifies the names an expression refers to (relations in nextval, user functions and types) so the
   * rendered text means the same under any search_path, like PostgreSQL's own deparsed text.
   */
  qualify<T>(n: T, ctes: Set<string> = new Set()): T {
    return qualifyTree(n, this.qualifier, ctes);
  }

  /** What `qualify` resolves names through: the file's relations, functions and types on the search_path. */
  private readonly qualifier: NameResolver = {
    relation: (names) => {
      const r = this.ctx.relation!(names);
      return r && !r.builtin ? r.key : undefined; // pg_catalog's relations stay as written
    },
    functionSchema: (name) => this.findFunction(name)?.schema,
    typeKey: (names) => this.typeKey(names),
  };

  /** Functions by `schema.name` key (overloads together), rebuilt after functions change: lookups are O(1). */
  private fnIndex: Map<string, Mut<Func>[]> | undefined;
  functionsNamed(key: string): Mut<Func>[] {
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

  findFunction(name: string): Mut<Func> | undefined {
    for (const s of this.searchPath) {
      const f = this.functionsNamed(qualifiedKey(s, name))[0];
      if (f) return f;
    }
    return undefined;
  }

  expr(node: Tree | undefined, row?: readonly { readonly name: string; readonly type: string }[]): Expr {
    const q = this.qualify(node!);
    const ctx = row ? { ...this.ctx, columnType: rowColumnType(row, this.model.types), columnDomain: rowColumnDomain(row, this.model.types) } : this.ctx;
    return { canonical: normalizeExpr(q, ctx), text: deparseExpression(q) };
  }

  // ---------------------------------------------------------------- dispatch

  dispatch(...[type, n]: TaggedNode): void {
    switch (type) {
      case 'CreateSchemaStmt': return schema.createSchema(this, n);
      case 'CreateExtensionStmt': return extension.createExtension(this, n);
      case 'AlterExtensionStmt': return extension.alterExtension(this, n);
      case 'CreateEnumStmt': return types.createEnum(this, n);
      case 'CreateDomainStmt': return types.createDomain(this, n);
      case 'AlterDomainStmt': return types.alterDomain(this, n);
      case 'CompositeTypeStmt': return types.createComposite(this, n);
      case 'CreateRangeStmt': return types.createRange(this, n);
      case 'CreateSeqStmt': return sequence.createSequence(this, n);
      case 'AlterSeqStmt': return sequence.alterSequence(this, n);
      case 'CreateStmt':
        this.refuseTablespace(n.tablespacename);
        return table.createTable(this, n);
      case 'AlterTableStmt': return alterTable(this, n);
      case 'IndexStmt':
        this.refuseTablespace(n.tableSpace);
        return indexes.createIndex(this, n);
      case 'AlterEnumStmt': return types.alterEnum(this, n);
      case 'CommentStmt': return comment(this, n);
      case 'ViewStmt': return view.createView(this, n);
      case 'CreateTableAsStmt': return view.createMatView(this, n);
      case 'RefreshMatViewStmt': return view.refresh(this, n);
      case 'CreateFunctionStmt': return fn.createFunction(this, n);
      case 'AlterFunctionStmt': return fnAlter.alterFunction(this, n);
      case 'DefineStmt': return this.define(n);
      case 'CreateTrigStmt': return trigger.createTrigger(this, n);
      case 'CreatePolicyStmt': return policy.createPolicy(this, n);
      case 'GrantStmt': return grant(this, n);
      case 'DropStmt': return dropObjects(this, n);
      case 'RenameStmt': return renameObject(this, n);
      case 'AlterObjectSchemaStmt': return setObjectSchema(this, n);
      case 'VariableSetStmt': return this.set(n);
      case 'SelectStmt': return select(this, n);
      case 'TransactionStmt': return;
      case 'AlterOwnerStmt': return;
      case 'AlterDefaultPrivilegesStmt': return defaultPrivileges.alterDefaultPrivileges(this, n);
      case 'CreateRoleStmt': case 'AlterRoleStmt': case 'GrantRoleStmt': case 'CreatedbStmt':
        return this.report('W_IGNORED', `${type.replace(/Stmt$/, '')} is not a schema object: ignored`);
      case 'InsertStmt': case 'UpdateStmt': case 'DeleteStmt': case 'CopyStmt': case 'MergeStmt': case 'TruncateStmt':
        return this.report('W_DATA', `data statement (${type.replace(/Stmt$/, '').toUpperCase()}) is not part of the desired state and is not applied by a schema diff; ship data changes in a hand-written migration (\`meridian migrate new <name>\`)`);
      // `CLUSTER t USING i` reorders the rows once (data) and marks i as the table's clustered index, which stays:
      // that part is `ALTER TABLE t CLUSTER ON i`. Without USING (the marked index, or every marked table) it changes
      // nothing; a materialized view's mark is not managed.
      case 'ClusterStmt':
        if (n.relation && n.indexname && this.lookup(this.model.tables, this.rangeNames(n.relation))) {
          return alterTable(this, { relation: n.relation, objtype: 'OBJECT_TABLE', cmds: [{ AlterTableCmd: { subtype: 'AT_ClusterOn', name: n.indexname } }] });
        }
        return this.report('W_IGNORED', 'CLUSTER is not part of the desired state: ignored');
      case 'VacuumStmt': case 'ReindexStmt': case 'CheckPointStmt': case 'NotifyStmt': case 'ListenStmt': case 'LockStmt': case 'DiscardStmt':
        return this.report('W_IGNORED', `${type.replace(/Stmt$/, '').toUpperCase()} is not part of the desired state: ignored`);
      // Kinds folded in their own module (./kinds/): each gets the Folder's FoldScope.
      case 'RuleStmt': return rule.foldRule(this, n);
      case 'CreateFdwStmt': return foreign.createWrapper(this, n);
      case 'AlterFdwStmt': return foreign.alterWrapper(this, n);
      case 'CreateForeignServerStmt': return foreign.createServer(this, n);
      case 'AlterForeignServerStmt': return foreign.alterServer(this, n);
      case 'CreateUserMappingStmt': return foreign.createUserMapping(this, n);
      case 'AlterUserMappingStmt': return foreign.alterUserMapping(this, n);
      case 'DropUserMappingStmt': return foreign.dropUserMapping(this, n);
      case 'CreateForeignTableStmt': return foreign.createForeignTable(this, n);
      case 'CreateEventTrigStmt': return eventTrigger.createEventTrigger(this, n);
      case 'AlterEventTrigStmt': return eventTrigger.alterEventTrigger(this, n);
      case 'CreatePublicationStmt': return publication.createPublication(this, n, (e) => this.expr(e));
      case 'AlterPublicationStmt': return publication.alterPublication(this, n, (e) => this.expr(e));
      case 'CreateCastStmt': return casts.createCast(this, n);
      case 'CreateOpFamilyStmt': return opClasses.createOperatorFamily(this, n);
      case 'AlterOpFamilyStmt': return opClasses.alterOperatorFamily(this, n);
      case 'CreateOpClassStmt': return opClasses.createOperatorClass(this, n);
      case 'CreateStatsStmt': return statistics.createStatistics(this, n, (e) => this.expr(e));
      case 'AlterStatsStmt': return statistics.alterStatistics(this, n, this.searchPath);
      case 'AlterTSDictionaryStmt': return textSearch.alterDictionary(this, n, this.searchPath);
      case 'AlterTSConfigurationStmt': return textSearch.alterConfiguration(this, n, this.searchPath, textSearch.extensionSchemas(this.model.extensions));
      default:
        return this.unsupported(statementKind(type, n));
    }
  }

  /** A table or view named `names` through the search_path: its key and column names (FoldScope). */
  relation(names: readonly string[]): { key: string; schema: string; name: string; columns: readonly string[] } | undefined {
    return this.inPath(
      names,
      (q) => {
        const t = this.lookup(this.model.tables, q);
        return t && { key: t.key, schema: t.obj.schema, name: t.obj.name, columns: t.obj.columns.map((c) => c.name) };
      },
      (q) => {
        const v = this.lookup(this.model.views, q);
        return v && { key: v.key, schema: v.obj.schema, name: v.obj.name, columns: v.obj.columns };
      },
    );
  }
  get objects(): MModel['objects'] {
    return this.model.objects;
  }
  get loc(): SourceLocation {
    return this.stmt.loc;
  }
  schemaExists(name: string): boolean {
    return !!this.model.schemas[name];
  }
  isTable(key: string): boolean {
    return !!this.model.tables[key];
  }
  functionSchema(name: string): string | undefined {
    return this.findFunction(name)?.schema;
  }
  fail(code: string, message: string, at?: number): never {
    throw new Problem(code, message, at);
  }
  grantee(r: Tree, owned: boolean): string {
    const spec = r.RoleSpec!;
    if (spec.roletype === 'ROLESPEC_PUBLIC') return 'PUBLIC';
    if (spec.rolename === undefined || spec.rolename === null) return OWNER;
    return owned && spec.rolename === this.opts.role ? OWNER : spec.rolename;
  }

  takeAssumedSchema(name: string): boolean {
    return this.assumedSchemas.delete(name);
  }
  forgetSchemaNames(schema: string): void {
    this.relnames.delete(schema);
  }
  releaseCon(schema: string, name: string): void {
    this.connames.get(schema)?.delete(name);
  }
  functionsChanged(): void {
    this.fnIndex = undefined;
  }

  defaultExpr(node: Tree | undefined, type?: string): Expr | undefined {
    // DEFAULT NULL stores no default when PostgreSQL's cooked default is a bare NULL constant (see nullDefaultStored).
    let x = node;
    let cast: string | undefined;
    while (x?.TypeCast) {
      cast ??= this.type(x.TypeCast.typeName!);
      x = x.TypeCast.arg;
    }
    if (x?.A_Const?.isnull && !nullDefaultStored(this.model, type, cast)) return undefined;
    const e = this.expr(node);
    // DEFAULT takes a restricted expression (b_expr): `DEFAULT now() AT TIME ZONE 'UTC'` is a syntax error, so a
    // text the deparser printed without its parentheses gets them back (PostgreSQL prints such a default in them).
    return node && !bExpr(node) ? { ...e, text: `(${e.text})` } : e;
  }

  /** `DefineStmt`: aggregates, collations, text search, operators by kind. */
  private define(n: Payload<'DefineStmt'>): void {
    if (n.kind === 'OBJECT_AGGREGATE') return fn.createAggregate(this, n);
    if (n.kind === 'OBJECT_COLLATION') return collations.createCollation(this, n, this.searchPath);
    if (n.kind === 'OBJECT_TSDICTIONARY') return textSearch.createDictionary(this, n, this.searchPath, textSearch.extensionSchemas(this.model.extensions));
    if (n.kind === 'OBJECT_TSCONFIGURATION') return textSearch.createConfiguration(this, n, this.searchPath);
    if (n.kind === 'OBJECT_OPERATOR') return operators.createOperator(this, n);
    return this.unsupported(statementKind('DefineStmt', n));
  }

  // ---------------------------------------------------------------- settings

  private set(n: Payload<'VariableSetStmt'>): void {
    if (n.kind === 'VAR_RESET' && n.name === 'search_path') {
      this.searchPath = [...this.initialSearchPath];
      return;
    }
    // pg_dump's header: `SET default_tablespace = ''` and `SET default_table_access_method = heap` (the defaults).
    if (n.name === 'default_tablespace' && n.kind === 'VAR_SET_VALUE') return this.refuseTablespace(constText(n.args![0]!), 'default_tablespace =');
    if (n.name === 'default_table_access_method' && n.kind === 'VAR_SET_VALUE' && constText(n.args![0]!) !== 'heap') {
      throw new Refused({ kind: 'ACCESS METHOD', what: `default_table_access_method = ${constText(n.args![0]!)}`, why: 'table access methods other than heap are not managed', instead: `${TO_A_MIGRATION} or leave it out` });
    }
    // A timestamptz constant without an offset is read in UTC whatever a file sets (src/db/session.ts, README).
    if (n.name === 'timezone' && !(n.kind === 'VAR_SET_VALUE' && n.args?.length === 1 && /^(utc|etc\/utc|gmt|z|zulu|0)$/i.test(constText(n.args[0]!)))) {
      return this.report('W_IGNORED', "SET TimeZone is not followed by the native fold: a timestamptz constant without a UTC offset is read in UTC, the TimeZone of every Meridian session; write the offset instead ('2026-06-01 00:00+02')");
    }
    if (n.name !== 'search_path') return;
    if (n.kind === 'VAR_SET_DEFAULT') {
      this.searchPath = [...this.initialSearchPath];
      return;
    }
    this.searchPath = (n.args ?? []).map((a) => constText(a)).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean).map((s) => (s.startsWith('"') ? s.slice(1, -1) : s));
  }

  // ---------------------------------------------------------------- finish

  /** Resolves what needs the whole file: views' canonical queries (with every relation known). */
  finish(): Model {
    // A query over a view types its columns as over a table's (./view-types.ts), as canonicalizeViews does.
    const queries = new Map(Object.entries(this.model.views).map(([k, v]) => [k, (v as unknown as { queryNode?: Tree }).queryNode]));
    const ctx = withViewTypes(this.ctx, (key) => queries.get(key));
    for (const v of Object.values(this.model.views)) {
      const q = (v as unknown as { queryNode?: Tree }).queryNode;
      if (q) {
        let canonical: string;
        try {
          canonical = view.canonicalView(q, ctx);
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
          canonical = v.query.text;
        }
        v.query = { canonical, text: v.query.text };
        // Its typed form decides whether a changed view is replaced in place (src/diff/view-replace.ts).
        if (v.kind === 'view' && canonical !== v.query.text) (v as { typedQuery?: string }).typedQuery = view.typedView(q, ctx);
        delete (v as unknown as { queryNode?: Tree }).queryNode;
      }
    }
    // A materialized view's column storage against its type's default, now that its query is typed.
    for (const v of Object.values(this.model.views)) if (v.kind === 'materialized_view' && v.columnSettings) view.settleMatViewStorage(v, ctx.relation?.([v.schema, v.name])?.types, this.model);
    recordCopyNames(this);
    settleValidCopies(this.model);
    // A table without a TOAST table loses its toast.* parameters in PostgreSQL (src/model/toast.ts): so does the fold.
    for (const t of Object.values(this.model.tables)) {
      if (!t.options?.some((o) => o.startsWith('toast.')) || needsToastTable(t, this.model.types)) continue;
      this.problems.push({ location: t.loc ?? this.stmt.loc, code: 'W_IGNORED', message: `table ${t.schema}.${t.name} has only fixed-width columns, so PostgreSQL gives it no TOAST table and drops its toast.* storage parameters (${t.options.filter((o) => o.startsWith('toast.')).join(', ')}): ignored` });
      t.options = t.options.filter((o) => !o.startsWith('toast.'));
    }
    // Privileges of objects the file dropped go with them.
    privileges.forgetPrivileges(this.model, (o) => !attachedTargetExists(this.model as unknown as Model, o));
    return canonicalizeDefinitions(this.model as unknown as Model, this.operatorResolution());
  }
}
