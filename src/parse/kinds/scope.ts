/**
 * What a per-kind fold module (./table.ts, ./rule.ts, ./foreign.ts, …) may use of the Folder (../fold.ts): the
 * Model being folded, name resolution through the current search_path, the relation and constraint namespaces,
 * and a way to fail the statement with a located problem. The Folder implements this interface; kind modules
 * never see its other internals. Adding a kind is a new file here plus a line in the Folder's dispatch.
 */
import type { SourceLocation } from '../../errors.js';
import type { CatalogObject, Column, Constraint, Expr, Func, Grant, Index, Model, Policy, PrimaryKey, SchemaDef, Sequence, Table, Trigger, TypeDef, UniqueConstraint, View } from '../../model/types.js';
import type { NormalizeContext } from '../normalize-context.js';
import type { OperatorResolution } from '../user-operator.js';
import type { Payload, TaggedNode, Tree } from '../ast.js';
import { optionName } from '../../model/options.js';

/**
 * What the kinds hand to name and type resolution: a RangeVar's (TypeName's) payload, or a node read in its place where
 * the grammar allows another node there (`ALTER TABLE … INHERIT`, `CREATE OPERATOR (leftarg = …)`, DROP CAST's items),
 * whose names then read as absent; never undefined for the statements the parser returns (the fields are optional in
 * the library's types only).
 */
export type RangeVarLike = Payload<'RangeVar'> | Tree | undefined;
export type TypeNameLike = Payload<'TypeName'> | Tree | undefined;

/** The writable form of a Model type while folding. */
export type Mut<T> = { -readonly [K in keyof T]: T[K] };
/** A table while folding: its parts keyed by name. */
export type MTable = Omit<Mut<Table>, 'columns' | 'constraints' | 'indexes' | 'triggers' | 'policies' | 'grants'> & { columns: Mut<Column>[]; constraints: Record<string, Constraint>; indexes: Record<string, Index>; triggers: Record<string, Trigger>; policies: Record<string, Policy>; grants?: Grant[] };
/** A view or materialized view while folding. */
export type MView = Omit<Mut<View>, 'indexes' | 'triggers' | 'grants' | 'columnComments'> & { indexes: Record<string, Index>; triggers?: Record<string, Trigger>; grants?: Grant[]; columnComments?: Record<string, string> };
/** The Model while folding: every map writable. */
export type MModel = { -readonly [K in Exclude<keyof Model, 'role'>]: K extends 'opaque' | 'unmanaged' ? Model[K] extends readonly (infer E)[] ? E[] : never : Record<string, unknown> } & {
  schemas: Record<string, Mut<SchemaDef>>; extensions: Record<string, Mut<Model['extensions'][string]>>; types: Record<string, Mut<TypeDef>>;
  sequences: Record<string, Mut<Sequence>>; tables: Record<string, MTable>; views: Record<string, MView>; functions: Record<string, Mut<Func>>;
  objects: Record<string, CatalogObject>;
};

import { refusalMessage, type Refusal } from '../refused.js';

/** Thrown inside a statement handler: the Folder turns it into a located problem for that statement. */
export class Problem extends Error {
  /** `at`: the parser's byte offset of the offending node in the file, when known. */
  constructor(readonly code: string, message: string, readonly at?: number) {
    super(message);
  }
}

/**
 * A statement or clause of a kind a schema file may not hold (../refused.ts): final in every command, also when a
 * dev database could run it (`FoldProblem.refused`).
 *
 * @example
 * throw new Refused({ kind: 'TABLESPACE', what: 'ALTER TABLE … SET TABLESPACE', instead: TO_A_MIGRATION })
 */
export class Refused extends Problem {
  constructor(readonly refusal: Refusal, at?: number) {
    super('E_UNSUPPORTED', refusalMessage(refusal), at);
  }
}

export interface FoldScope {
  /** The Model's `objects`, keyed by `objectKey` (src/model/objects.ts); mutable while folding. */
  readonly objects: Record<string, CatalogObject>;
  /** Where the current statement is. */
  readonly loc: SourceLocation;
  /** Names of a RangeVar (`[schema, ]name`). */
  rangeNames(rv: RangeVarLike): string[];
  /** The schema a new object named `names` goes to (it must exist), its name and key. */
  creating(names: readonly string[]): { schema: string; name: string; key: string };
  /** A table or view named `names` through the search_path: its key and column names. */
  relation(names: readonly string[]): { key: string; schema: string; name: string; columns: readonly string[] } | undefined;
  /** A schema of that name exists. */
  schemaExists(name: string): boolean;
  /** The relation of that key is a table (not a view). */
  isTable(key: string): boolean;
  /** A statement subtree with every relation, function and type name schema-qualified. */
  qualify<T>(n: T): T;
  /** The schema of the function an unqualified name resolves to through the search_path (pg_catalog last). */
  functionSchema(name: string): string | undefined;
  /** Canonical type name of a TypeName node. */
  type(tn: TypeNameLike): string;
  /** A column (or domain) DEFAULT expression of a value of `type`; undefined for a `DEFAULT NULL` PostgreSQL does not store (see null-default.ts). */
  defaultExpr(n: Tree | undefined, type?: string): Expr | undefined;
  /** The relation namespace of a schema (tables, views, sequences, indexes, foreign tables, types). */
  taken(schema: string, name: string): boolean;
  claim(schema: string, name: string): void;
  release(schema: string, name: string): void;
  /** Ends the statement with a located problem (`E_UNKNOWN`, `E_DUPLICATE`, `E_UNSUPPORTED` …). */
  fail(code: string, message: string, at?: number): never;

  // The older kinds (tables, columns, constraints, indexes, types, sequences, functions, views, triggers, …)
  // fold straight into the Model's maps:
  /** The Model being folded. */
  readonly model: MModel;
  /** The current search_path (CREATE SCHEMA … with elements sets it for them). */
  searchPath: string[];
  /** Resolution context for canonical forms (relations with their columns, user types). */
  readonly ctx: NormalizeContext;
  /** Index statements kept to re-render definitions after renames. */
  readonly indexNodes: Map<Index, Payload<'IndexStmt'>>;
  /** Indexes on partitions attached to a parent's index (not the user's objects, like the inspector). */
  readonly attachedIndexes: Set<string>;
  /**
   * An index created `ON ONLY` a partitioned table that had partitions: the partitions (keys) that had no index
   * attached to it yet. PostgreSQL marks it valid (`only` cleared) once each partition still there has one.
   */
  readonly onlyPending: Map<Index, Set<string>>;
  /**
   * Partitions' copies of the keys of tables above them (partition-keys.ts): by partition key, by the key they copy
   * (`schema.table/name`), the copy's name (taken), the key copied and, when the copy was a key of the partition's own
   * before (taken by ATTACH or the parent's new key), that key (what DETACH gives back).
   */
  readonly keyCopies: Map<string, Map<string, { readonly name: string; readonly schema: string; readonly key: PrimaryKey | UniqueConstraint; readonly own?: PrimaryKey | UniqueConstraint }>>;
  /** Adds a located warning or error for the current statement without ending it. */
  report(code: string, message: string, at?: number): void;
  /** The statement is valid SQL the Model does not represent: opaque when allowed, else E_UNSUPPORTED. */
  unsupported(what: string): void;
  /** Folds a nested statement (CREATE SCHEMA's elements). */
  dispatch(...statement: TaggedNode): void;
  /** The schema a new object named `names` goes to (the first existing schema of the search_path when unqualified). */
  schemaOf(names: readonly string[]): string;
  /** An existing object of `map` by (possibly unqualified) name through the search_path. */
  lookup<T>(map: Record<string, T>, names: readonly string[]): { key: string; obj: T } | undefined;
  /** The object a RangeVar names in `map`; E_UNKNOWN (located at the name) unless `missingOk`. */
  named<T>(map: Record<string, T>, rv: RangeVarLike, what: string, missingOk?: boolean): { key: string; obj: T } | undefined;
  /** The table a RangeVar names; E_UNKNOWN unless `missingOk`. */
  table(rv: RangeVarLike, missingOk?: boolean): { key: string; obj: MTable } | undefined;
  /** Key of a user type (or a table's / view's row type) through the search_path. */
  typeKey(names: readonly string[]): string | undefined;
  /**
   * A resolved expression: canonical form and qualified text. `row`: the columns of the one row it reads (a CHECK's,
   * a policy's, a generated column's table; `value` of a domain), whose types decide how its literals compare.
   */
  expr(node: Tree | undefined, row?: readonly { readonly name: string; readonly type: string }[]): Expr;
  /** How the file's unqualified operators resolve now (its own and its extensions'), for forms read from text. */
  operatorResolution(): OperatorResolution | undefined;
  /** User functions of a `schema.name` key (overloads together). */
  functionsNamed(key: string): Mut<Func>[];
  /** The first user function of that name through the search_path. */
  findFunction(name: string): Mut<Func> | undefined;
  /** Call after adding or removing functions (the name index is rebuilt). */
  functionsChanged(): void;
  /** The constraint namespace of a schema. */
  conTaken(schema: string, name: string): boolean;
  claimCon(schema: string, name: string): void;
  releaseCon(schema: string, name: string): void;
  /**
   * The grantee a RoleSpec names in a GRANT or REVOKE: `PUBLIC`, `CURRENT_USER` for CURRENT_USER, CURRENT_ROLE and
   * SESSION_USER, and for the applying role by name (FoldOptions.role) when it owns the object (`owned`: what the
   * files create; not the public schema a database starts with, owned by pg_database_owner); else the role's name.
   */
  grantee(r: Tree, owned: boolean): string;
  /** The schema was taken as existing (FoldOptions.existingSchemas) and no file had created it: true once. */
  takeAssumedSchema(name: string): boolean;
  /** A dropped schema's relation names go with it. */
  forgetSchemaNames(schema: string): void;
}

/** A DefElem list (`OPTIONS (host 'x')`, `OPTIONS (ADD a 'b', DROP c)`) applied to `name=value` options, order kept. */
export function applyGenericOptions(current: readonly string[], items: readonly Tree[] | undefined, fail: FoldScope['fail']): string[] {
  const out = new Map(current.map((o) => [optionName(o), o] as const));
  for (const d of (items ?? []).flatMap((x) => (x.DefElem ? [x.DefElem] : []))) {
    const value = d.arg?.String?.sval ?? (d.arg?.Integer ? String(d.arg.Integer.ival ?? 0) : d.arg?.Float?.fval ?? '');
    const name = d.defname ?? '';
    switch (d.defaction) {
      case 'DEFELEM_DROP':
        if (!out.delete(name)) fail('E_UNKNOWN', `option "${name}" not found`);
        break;
      case 'DEFELEM_SET':
        if (!out.has(name)) fail('E_UNKNOWN', `option "${name}" not found`);
        out.set(name, `${name}=${value}`);
        break;
      default:
        if (out.has(name)) fail('E_DUPLICATE', `option "${name}" provided more than once`);
        out.set(name, `${name}=${value}`);
    }
  }
  return [...out.values()];
}

/** `E_UNKNOWN: <what> "<names>" does not exist`, unless IF EXISTS (`missingOk`). */
export function notFound(what: string, names: readonly string[], missingOk: boolean): void {
  if (!missingOk) throw new Problem('E_UNKNOWN', `${what} "${names.join('.')}" does not exist`);
}
