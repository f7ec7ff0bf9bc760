/**
 * The schema Model: what a PostgreSQL database (or a schema file) contains, in canonical form.
 *
 * In:  produced by `src/parse` (SQL text), `src/inspect` (live catalog) and migration replay.
 * Out: consumed by `src/diff`, `src/plan`, `src/prisma`, `inspect --format`.
 * Rules:
 *  - names are stored raw (never pre-quoted); maps are keyed by `qualifiedKey(schema, name)`
 *    (see ./names.ts), functions by `key + '(' + identity argument types + ')'`;
 *  - types are canonical `format_type` spellings: `integer`, `character varying(20)`,
 *    `timestamp without time zone`, `numeric(10,2)`, `text[]`; user-defined types are always
 *    schema-qualified (`practice_app.status`), built-in ones never are;
 *  - every expression is an `Expr`: `canonical` (derived from the parse tree, for comparison) plus
 *    `text` (a spelling to render in DDL). Two spellings of one expression have equal `canonical`,
 *    whichever edge made the Model: the parser and the inspector both write the parse tree's form
 *    (src/parse/canonical.ts), so comparing two Models needs no parser;
 *  - objects kept as definition text (constraints, triggers, functions, rules) carry that text's
 *    `canonical` form beside it, set by the same edges; indexes carry structured keys;
 *  - objects that PostgreSQL names implicitly carry the name PostgreSQL would give them
 *    (`users_pkey`, `orders_user_id_fkey`, `users_email_key`, `users_email_idx`);
 *  - nothing here does I/O. Model objects are plain, JSON-serialisable data.
 */
export * from './base-types.js';
import type { Expr, Located, Commented, Grant, CanonicalDefinition } from './base-types.js';
import type { Firing } from './firing.js';

export interface SchemaDef extends Commented, Located {
  readonly kind: 'schema';
  readonly name: string;
}

export interface Extension extends Located {
  readonly kind: 'extension';
  readonly name: string;
  readonly schema: string;
  /**
   * Only compared when the schema file states it (`CREATE EXTENSION … VERSION`): a desired state read back from a dev
   * database keeps it only then (src/workflow/state.ts), so a file without one never updates an extension to the
   * dev server's default. `ALTER EXTENSION … UPDATE TO` when it differs.
   */
  readonly version?: string;
  /** `false` when its control file says `relocatable = false` (inspector only): its schema is then not compared. */
  readonly relocatable?: false;
  /** `COMMENT ON EXTENSION`; only compared when the desired state has one (a parsed file that states it, or a database). */
  readonly comment?: string;
  /** The comment its control file gives it (inspector only: what CREATE EXTENSION sets by itself). */
  readonly defaultComment?: string;
  /**
   * The extensions it requires (its control file's `requires`; inspector only, from pg_depend; the plan falls back
   * on ./extension-requires.ts for a parsed file). Not compared: it orders CREATE and DROP EXTENSION.
   */
  readonly requires?: readonly string[];
}

export interface EnumType extends Commented, Located {
  readonly kind: 'enum';
  readonly schema: string;
  readonly name: string;
  readonly labels: readonly string[];
}

export interface DomainType extends Commented, Located {
  readonly kind: 'domain';
  readonly schema: string;
  readonly name: string;
  readonly baseType: string;
  readonly notNull: boolean;
  readonly default?: Expr;
  readonly collation?: string;
  /** By name. `notValid`: added with `ALTER DOMAIN … ADD CONSTRAINT … NOT VALID` and not validated since. */
  readonly checks: readonly { readonly name: string; readonly expr: Expr; readonly notValid?: boolean; /** COMMENT ON CONSTRAINT … ON DOMAIN. */ readonly comment?: string }[];
}

export interface CompositeType extends Commented, Located {
  readonly kind: 'composite';
  readonly schema: string;
  readonly name: string;
  readonly attributes: readonly { readonly name: string; readonly type: string; readonly collation?: string }[];
  /** `COMMENT ON COLUMN type.attribute`, by attribute name (pg_dump writes them for composite types). */
  readonly attributeComments?: Readonly<Record<string, string>>;
}

export interface RangeType extends Commented, Located {
  readonly kind: 'range';
  readonly schema: string;
  readonly name: string;
  /** Canonical subtype name (`double precision`, `app.money`). */
  readonly subtype: string;
  /** Non-default options, as PostgreSQL prints them (regproc / opclass / collation names). */
  readonly subtypeDiff?: string;
  readonly subtypeOpclass?: string;
  readonly collation?: string;
  readonly canonical?: string;
  /** The multirange type PostgreSQL creates with it (PostgreSQL 14+). */
  readonly multirange?: string;
}

export type TypeDef = EnumType | DomainType | CompositeType | RangeType;

export interface SequenceOptions {
  /** Canonical data type: `bigint` (default), `integer`, `smallint`. */
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

export interface Sequence extends Commented, Located, SequenceOptions {
  readonly kind: 'sequence';
  readonly schema: string;
  readonly name: string;
  /** `OWNED BY table.column`: table key and column name. */
  readonly ownedBy?: { readonly table: string; readonly column: string };
  /** `CREATE UNLOGGED SEQUENCE` (PostgreSQL 15+); absent = logged. */
  readonly unlogged?: boolean;
}

export interface Identity {
  readonly generation: 'ALWAYS' | 'BY DEFAULT';
  /**
   * The implicit sequence's name (in the table's schema): PostgreSQL's choice when the column was added
   * (`<table>_<column>_seq`, or `SEQUENCE NAME`), kept when the table or column is renamed. Absent: not known
   * (compared as equal to any).
   */
  readonly sequenceName?: string;
  /** Options of the implicit sequence; defaults filled in. */
  readonly sequence: SequenceOptions;
  /**
   * The sequence's persistence where it differs from its table's: `true`, an unlogged sequence of a logged table
   * (`ALTER SEQUENCE t_id_seq SET UNLOGGED`, `AS IDENTITY (UNLOGGED)`); `false`, a logged one of an unlogged table.
   * Absent: the table's, which `ALTER TABLE … SET LOGGED | UNLOGGED` carries its owned sequences to.
   */
  readonly unlogged?: boolean;
}

export interface Column extends Commented, Located {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly default?: Expr;
  readonly identity?: Identity;
  /** GENERATED ALWAYS AS (expr): STORED, or VIRTUAL where `virtual` says so. */
  readonly generated?: Expr;
  /**
   * A VIRTUAL generated column (PostgreSQL 18+, and 18's default when neither STORED nor VIRTUAL is written): computed
   * when read, never stored. Absent: STORED (or not generated).
   */
  readonly virtual?: true;
  readonly collation?: string;
  /** Per-column statistics target (ALTER COLUMN … SET STATISTICS); absent = default. */
  readonly statistics?: number;
  /** Attribute options (`ALTER COLUMN … SET (n_distinct=-1)`), `name=value` sorted; absent = none. */
  readonly options?: readonly string[];
  /** `SET STORAGE` when it is not the type's default: `PLAIN`, `EXTERNAL`, `EXTENDED`, `MAIN`. */
  readonly storage?: string;
  /** `SET COMPRESSION` method (`pglz`, `lz4`); absent = the server's default_toast_compression. */
  readonly compression?: string;
  /** Inherited from a parent table (INHERITS) and not declared locally. */
  readonly inherited?: boolean;
}

export type FkAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

interface ConstraintBase extends Commented, Located, CanonicalDefinition {
  readonly name: string;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
}

/** The names of partitions' copies of a partitioned table's PRIMARY KEY / UNIQUE. */
interface KeyCopies {
  /**
   * A key of a partitioned table: the name of each partition's copy of it, by the partition's key, at every level of
   * a sub-partitioned tree (`{ 'public.p1': 'p1_pkey', 'public.p2': 'p2_custom' }`). PostgreSQL names the copies it
   * makes (`ADD PRIMARY KEY` on the parent, `CREATE TABLE … PARTITION OF`, `ATTACH PARTITION`) `<partition>_pkey` or
   * `<partition>_<columns>_key`; a partition's own key taken as the copy (pg_dump's `ALTER INDEX parent_pkey ATTACH
   * PARTITION p2_custom`) or a copy renamed keeps its name. Like Index.attached; the copies themselves are not in the
   * partitions' constraints. Absent: none recorded.
   */
  readonly copies?: Readonly<Record<string, string>>;
}

export interface PrimaryKey extends ConstraintBase, ConstraintDefinition, ConstraintIndexOptions, KeyCopies {
  readonly kind: 'primary_key';
  readonly columns: readonly string[];
  readonly include: readonly string[];
  /** A temporal key (PostgreSQL 18): its last column `WITHOUT OVERLAPS` (a GiST index; pg_constraint.conperiod). */
  readonly withoutOverlaps?: boolean;
}
export interface UniqueConstraint extends ConstraintBase, ConstraintDefinition, ConstraintIndexOptions, KeyCopies {
  readonly kind: 'unique';
  readonly columns: readonly string[];
  readonly include: readonly string[];
  readonly nullsNotDistinct: boolean;
  /** A temporal key (PostgreSQL 18): its last column `WITHOUT OVERLAPS` (a GiST index; pg_constraint.conperiod). */
  readonly withoutOverlaps?: boolean;
}
interface ConstraintDefinition {
  /** The constraint body as PostgreSQL prints it (pg_get_constraintdef), e.g. `FOREIGN KEY (a) REFERENCES s.t(id)`. */
  readonly definition?: string;
}
/** Storage parameters of the index behind a key or exclusion constraint (`WITH (fillfactor=70)`): `name=value`, sorted; absent when none. */
interface ConstraintIndexOptions {
  readonly options?: readonly string[];
  /**
   * The comment on the index behind the constraint (`COMMENT ON INDEX t_pkey IS '…'`), kept by PostgreSQL on the
   * index's pg_class row apart from the constraint's own (`COMMENT ON CONSTRAINT`); absent when none.
   */
  readonly indexComment?: string;
  /**
   * A partition's key whose index is attached to a plain (non-key) index of its parent table
   * (`ALTER INDEX parent_idx ATTACH PARTITION child_pkey`, or taken by the parent's `CREATE INDEX` / `ATTACH
   * PARTITION` for its shape): the key of that parent index (`schema.name`). PostgreSQL then refuses to drop the
   * key on its own; dropping the parent index (CASCADE) takes it. Absent: not attached.
   */
  readonly attachedTo?: string;
}

export interface ForeignKey extends ConstraintBase, ConstraintDefinition {
  readonly kind: 'foreign_key';
  readonly columns: readonly string[];
  /** Key of the referenced table. */
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete: FkAction;
  readonly onUpdate: FkAction;
  readonly match: 'SIMPLE' | 'FULL' | 'PARTIAL';
  /** NOT VALID: compared by diff (pg_dump writes it); a NOT VALID key otherwise the same is validated in place. */
  readonly notValid?: boolean;
  /**
   * A temporal foreign key (PostgreSQL 18): the last column of each side is a `PERIOD` (`FOREIGN KEY (id, PERIOD
   * valid_at) REFERENCES t (id, PERIOD valid_at)`), referencing a key `WITHOUT OVERLAPS`; pg_constraint.conperiod.
   */
  readonly period?: boolean;
}
export interface CheckConstraint extends ConstraintBase, ConstraintDefinition {
  readonly kind: 'check';
  readonly expr: Expr;
  readonly noInherit: boolean;
  readonly notValid?: boolean;
  /**
   * Of a NOT VALID check: the tables below this one (partitions, children, at any depth; keys, sorted) whose copy of
   * it is valid: created after it (PostgreSQL validates a new table's constraints) or validated on their own
   * (`ALTER TABLE part VALIDATE CONSTRAINT`). pg_dump writes such a copy in the partition's CREATE TABLE.
   */
  readonly validCopies?: readonly string[];
}
export interface ExclusionConstraint extends ConstraintBase, ConstraintIndexOptions {
  readonly kind: 'exclusion';
  /** `EXCLUDE USING gist (…) [WHERE (…)]` as pg_get_constraintdef renders it. */
  readonly definition: string;
}
export type Constraint = PrimaryKey | UniqueConstraint | ForeignKey | CheckConstraint | ExclusionConstraint;

export interface IndexKey {
  /** Exactly one of column / expr. */
  readonly column?: string;
  readonly expr?: Expr;
  /** A non-default operator class, unqualified (`text_pattern_ops`), and its parameters (`siglen=32`). */
  readonly opclass?: string;
  readonly opclassOptions?: readonly string[];
  /** A non-default collation, as written without `pg_catalog` (`C`, `app.german`). */
  readonly collation?: string;
  readonly descending: boolean;
  /** Explicit NULLS FIRST/LAST; defaults (LAST for ASC, FIRST for DESC) normalised to false/true. */
  readonly nullsFirst: boolean;
}

/** The order of an index key: IndexKey's `descending` and `nullsFirst` (PostgreSQL's indoption bits 1 and 2). */
export type KeyOrder = Pick<IndexKey, 'descending' | 'nullsFirst'>;

export interface Index extends Commented, Located {
  readonly kind: 'index';
  readonly schema: string;
  readonly name: string;
  /** Key of the table or materialized view. */
  readonly table: string;
  readonly unique: boolean;
  readonly method: string;
  readonly keys: readonly IndexKey[];
  readonly include: readonly string[];
  readonly where?: Expr;
  readonly nullsNotDistinct: boolean;
  /** Storage parameters `name=value`, in the order PostgreSQL stores them (compared as a set). */
  readonly options: readonly string[];
  /**
   * Statistics targets of its columns (`ALTER INDEX … ALTER COLUMN 1 SET STATISTICS 3000`, expression columns):
   * `number=target` by column number. Absent = none set.
   */
  readonly statistics?: readonly string[];
  /**
   * An index `ON ONLY` a partitioned table that is not valid yet: some partition has no index attached to it
   * (`ALTER INDEX … ATTACH PARTITION`). Absent once each partition has one: the index is then the same as one
   * created without ONLY (PostgreSQL marks it valid).
   */
  readonly only?: boolean;
  /**
   * An index of a partitioned table: the name of each partition's index attached to it, by the partition's key
   * (`{ 'public.child_a': 'child_a_custom' }`). PostgreSQL names the ones it creates itself (`CREATE INDEX` on the
   * parent, `CREATE TABLE … PARTITION OF`, `ATTACH PARTITION`) `<partition>_<columns>_idx`; pg_dump writes any name
   * as `CREATE INDEX parent_idx ON ONLY parent …; CREATE INDEX child_a_custom ON child_a …; ALTER INDEX parent_idx
   * ATTACH PARTITION child_a_custom`. Keys attached to it are not here (Constraint.attachedTo). A partition that is
   * itself partitioned has its index's partitions' indexes here too, at every level (each partition of the tree has
   * one index in it: `{ 'public.west': 'west_v', 'public.west_low': 'low_v' }`, low_v attached to west_v). Absent: none.
   */
  readonly attached?: Readonly<Record<string, string>>;
  /**
   * Storage parameters of partitions' indexes attached to it (Index.attached) that differ from its own, by the
   * partition's key: PostgreSQL attaches an index whatever its storage parameters (CompareIndexInfo leaves them out),
   * and pg_dump writes `CREATE INDEX p0_v ON p0 USING gin (v) WITH (fastupdate='false')` under a parent index without
   * them (GitLab's structure.sql). A partition absent here has the index's own (PostgreSQL copies them to the index it
   * creates on a partition). Absent: none differ.
   */
  readonly attachedOptions?: Readonly<Record<string, readonly string[]>>;
  /**
   * Key orders (ASC/DESC, NULLS FIRST/LAST, one per key) of partitions' indexes attached to it (Index.attached) that
   * differ from its own keys', by the partition's key: PostgreSQL attaches an index whatever its keys' order
   * (CompareIndexInfo leaves indoption out), and pg_dump writes `CREATE INDEX p1_b ON p1 (b DESC)` under a parent
   * index on `(b)`. A partition absent here has the order of the index it was created for (PostgreSQL copies it).
   * Absent: none differ.
   */
  readonly attachedOrder?: Readonly<Record<string, readonly KeyOrder[]>>;
  /** Full `CREATE INDEX …` text as PostgreSQL prints it (pg_get_indexdef); kept for readers, never compared. */
  readonly definition?: string;
}

export interface Trigger extends Located, Commented, CanonicalDefinition {
  readonly kind: 'trigger';
  readonly name: string;
  readonly table: string;
  readonly timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF';
  /** Sorted subset of INSERT, UPDATE, DELETE, TRUNCATE. */
  readonly events: readonly string[];
  readonly updateOf: readonly string[];
  readonly forEach: 'ROW' | 'STATEMENT';
  readonly when?: Expr;
  /** Function key without args: `schema.name`. */
  readonly function: string;
  readonly args: readonly string[];
  readonly constraint?: { readonly deferrable: boolean; readonly initiallyDeferred: boolean };
  readonly referencing?: { readonly oldTable?: string; readonly newTable?: string };
  /** Firing state (./firing.ts); absent = `O`, the default. */
  readonly enabled?: Firing;
  /** Full `CREATE TRIGGER …` text (pg_get_triggerdef); used to render and compare. */
  readonly definition?: string;
}

export interface Policy extends Located, Commented {
  readonly kind: 'policy';
  readonly name: string;
  readonly table: string;
  readonly permissive: boolean;
  readonly command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  /** Sorted role names; `public` when none given. */
  readonly roles: readonly string[];
  readonly using?: Expr;
  readonly withCheck?: Expr;
}

export interface Partitioning {
  /** Canonical `RANGE (col)` / `LIST (expr)` / `HASH (a, b)`. */
  readonly strategy: 'RANGE' | 'LIST' | 'HASH';
  readonly key: Expr;
}

export interface Table extends Commented, Located {
  readonly kind: 'table';
  readonly schema: string;
  readonly name: string;
  /** In declaration order. */
  readonly columns: readonly Column[];
  /** Keyed by constraint name. */
  readonly constraints: Readonly<Record<string, Constraint>>;
  /** Keyed by index name (indexes backing PK/UNIQUE/EXCLUDE constraints are not listed here). */
  readonly indexes: Readonly<Record<string, Index>>;
  readonly triggers: Readonly<Record<string, Trigger>>;
  /**
   * A partition's copies of its parent's triggers (PostgreSQL clones them, `pg_trigger.tgparentid`) whose firing state
   * differs from the parent's trigger's, by trigger name: what pg_dump writes as `ALTER TABLE part ENABLE ALWAYS
   * TRIGGER trg` (src/model/cloned-triggers.ts). Absent: every copy fires as its parent's does.
   */
  readonly clonedTriggers?: Readonly<Record<string, Firing>>;
  readonly policies: Readonly<Record<string, Policy>>;
  readonly rowLevelSecurity: boolean;
  readonly forceRowLevelSecurity: boolean;
  /** `REPLICA IDENTITY FULL | NOTHING | USING INDEX i` (the index's name); absent = DEFAULT. */
  readonly replicaIdentity?: { readonly kind: 'full' | 'nothing' | 'index'; readonly index?: string };
  /** `CLUSTER ON i`: the index's name; absent = none. */
  readonly clusterOn?: string;
  readonly unlogged: boolean;
  /** `CREATE TABLE … USING am`: a table access method other than `heap` (absent = heap, PostgreSQL's default). */
  readonly accessMethod?: string;
  readonly partitionBy?: Partitioning;
  /** For a partition: parent key and canonical bound (`FOR VALUES FROM (…) TO (…)` / `DEFAULT`). */
  readonly partitionOf?: { readonly parent: string; readonly bound: Expr };
  /** Keys of inherited parents (not partitions). */
  readonly inherits: readonly string[];
  /** A typed table's composite type (`CREATE TABLE t OF person`, `ALTER TABLE t OF person`): its key; absent = none. */
  readonly ofType?: string;
  /** Storage parameters `name=value`, sorted. */
  readonly options: readonly string[];
  /** Privileges granted to other roles, sorted (absent = none). */
  readonly grants?: readonly Grant[];
}

/** What a materialized view's column can carry besides its name and type: `Column`'s settings of the same names. */
export type ColumnSettings = Pick<Column, 'statistics' | 'options' | 'storage'>;

export interface View extends Commented, Located {
  readonly kind: 'view' | 'materialized_view';
  readonly schema: string;
  readonly name: string;
  /** Canonical query (from the parse tree) + text for rendering. */
  readonly query: Expr;
  /**
   * The query's typed form (parse/normalize-forms.ts `canonicalQueryForms`: casts, constants' kinds and functions' schemas
   * kept), views only; never compared: it decides whether a changed view can be replaced in place (diff/view-replace.ts).
   */
  readonly typedQuery?: string;
  /** Explicit column names when given / as PostgreSQL reports them. */
  readonly columns: readonly string[];
  /** Column types as PostgreSQL reports them (inspector only; not compared). */
  readonly columnTypes?: Readonly<Record<string, string>>;
  /**
   * A materialized view's column types as the native fold types its query, for the columns with a storage of their
   * own (parse/kinds/view.ts `settleMatViewStorage`; the inspector gives `columnTypes`): what a storage goes back to
   * when it goes, the type's default (a domain's base type's). Not compared.
   */
  readonly storageTypes?: Readonly<Record<string, string>>;
  /** Column collations that are not their type's default, as PostgreSQL reports them (inspector only; not compared). */
  readonly columnCollations?: Readonly<Record<string, string>>;
  /** Column defaults of a view (`ALTER VIEW … ALTER COLUMN … SET DEFAULT`), keyed by column; absent = none. */
  readonly columnDefaults?: Readonly<Record<string, Expr>>;
  /** e.g. `security_invoker=true`, sorted. */
  readonly options: readonly string[];
  readonly checkOption?: 'LOCAL' | 'CASCADED';
  /** Materialized views only. */
  readonly indexes: Readonly<Record<string, Index>>;
  readonly withData?: boolean;
  /** Column comments (views can carry them). */
  readonly columnComments?: Readonly<Record<string, string>>;
  /**
   * Materialized views only: the columns' settings (`ALTER MATERIALIZED VIEW mv ALTER COLUMN c SET STATISTICS 100`,
   * `SET STORAGE …`, `SET (n_distinct = …)`), keyed by column, each absent when it is the default (as for tables'
   * columns); absent = none.
   */
  readonly columnSettings?: Readonly<Record<string, ColumnSettings>>;
  /** Privileges granted to other roles, sorted (absent = none). */
  readonly grants?: readonly Grant[];
  /** Triggers on the view (INSTEAD OF …), keyed by name. */
  readonly triggers?: Readonly<Record<string, Trigger>>;
  /** Keys of the tables/views this view reads (for ordering). */
  readonly dependsOn: readonly string[];
  /** Keys (`schema.name`, any overload) of the user functions its query calls, sorted: PostgreSQL refuses to drop them under it. Absent = none. */
  readonly calls?: readonly string[];
}

export interface FunctionArg {
  readonly name?: string;
  readonly mode: 'IN' | 'OUT' | 'INOUT' | 'VARIADIC' | 'TABLE';
  readonly type: string;
  readonly default?: Expr;
}

/**
 * The options of `CREATE AGGREGATE` as the Model keeps them: support functions as the definition names them
 * (schema-qualified when resolved), types canonical, conditions as their text (unquoted). Absent = not given or
 * PostgreSQL's default (SSPACE 0, FINALFUNC_MODIFY READ_ONLY or for an ordered-set aggregate READ_WRITE, PARALLEL UNSAFE). Rendered by
 * src/model/aggregate-sql.ts `aggregateDefinition`.
 */
export interface AggregateOptions {
  readonly sfunc: string;
  readonly stype: string;
  readonly sspace?: number;
  readonly finalfunc?: string;
  /** `FINALFUNC_EXTRA`, a bare flag: the final function takes the aggregate's arguments too. */
  readonly finalfuncExtra?: boolean;
  /** Absent: the default, READ_ONLY (READ_WRITE for an ordered-set aggregate, which may then say READ_ONLY). */
  readonly finalfuncModify?: 'READ_ONLY' | 'READ_WRITE' | 'SHAREABLE';
  readonly combinefunc?: string;
  readonly serialfunc?: string;
  readonly deserialfunc?: string;
  readonly initcond?: string;
  readonly msfunc?: string;
  readonly minvfunc?: string;
  readonly mstype?: string;
  readonly msspace?: number;
  readonly mfinalfunc?: string;
  readonly mfinalfuncExtra?: boolean;
  readonly mfinalfuncModify?: 'READ_ONLY' | 'READ_WRITE' | 'SHAREABLE';
  readonly minitcond?: string;
  /** The sort operator's name, schema-qualified when given so (`OPERATOR(app.<)` → `app.<`). */
  readonly sortop?: string;
  readonly parallel?: 'SAFE' | 'RESTRICTED';
  /**
   * An ordered-set or hypothetical-set aggregate's arguments as `CREATE AGGREGATE` writes them, the direct ones, then
   * `ORDER BY` and the aggregated ones (`double precision ORDER BY anyelement`); absent for a plain aggregate. Its
   * `Func.identityArgs` (the key, and what GRANT and DROP name) is the flat list, as `pg_proc.proargtypes` holds it.
   */
  readonly signature?: string;
  /** `HYPOTHETICAL`, a bare flag (pg_aggregate.aggkind `h`): the direct arguments are hypothetical rows. */
  readonly hypothetical?: boolean;
}

export interface Func extends Commented, Located, CanonicalDefinition {
  readonly kind: 'function' | 'procedure' | 'aggregate';
  readonly schema: string;
  readonly name: string;
  readonly args: readonly FunctionArg[];
  /** Identity argument types, comma-separated (the key suffix). */
  readonly identityArgs: string;
  /** Canonical return type, `SETOF x`, `TABLE(a integer, …)`, `trigger`, `void`; absent for procedures. */
  readonly returns?: string;
  readonly language: string;
  /** Body text, exactly as written (prosrc; a SQL-standard body: empty). */
  readonly body: string;
  readonly volatility: 'VOLATILE' | 'STABLE' | 'IMMUTABLE';
  readonly strict: boolean;
  readonly securityDefiner: boolean;
  readonly leakproof: boolean;
  readonly parallel: 'UNSAFE' | 'RESTRICTED' | 'SAFE';
  readonly cost?: string;
  readonly rows?: string;
  /** `SET name = value` options, sorted `name=value`. */
  readonly config: readonly string[];
  /** Full canonical definition text to render when created (CREATE OR REPLACE …). */
  readonly definition: string;
  /**
   * Types of every argument (OUT and TABLE columns included) and the result, as `format_type` prints them
   * (inspector only; not compared; the parser's `args` and `returns` say the same): the planner's edges.
   */
  readonly signatureTypes?: readonly string[];
  /**
   * Keys of the tables and views a SQL-standard body (`BEGIN ATOMIC … END`, `RETURN …`) reads, sorted: PostgreSQL
   * records them at creation (pg_depend) and refuses to drop or retype them under the function. Absent = none.
   */
  readonly reads?: readonly string[];
  /**
   * An aggregate's support functions (SFUNC, FINALFUNC, COMBINEFUNC, …) as its definition names them: schema when
   * qualified, and name (set at both edges from the definition's parse tree: src/parse/canonical.ts). Absent = none.
   */
  readonly support?: readonly { readonly schema?: string; readonly name: string }[];
  /** An aggregate's options (kind `aggregate` only; set at both edges: the fold from the parse tree, the inspector from pg_aggregate). */
  readonly aggregate?: AggregateOptions;
  /**
   * The relations and types a PL/pgSQL function's DECLARE section names (`r app.t%ROWTYPE`, `x app.t.c%TYPE`,
   * `v app.mood`): PostgreSQL resolves them when it validates the function at creation, so they must exist by
   * then. Schema when qualified, and name (set at both edges from PL/pgSQL's parse: src/parse/canonical.ts).
   */
  readonly declares?: readonly { readonly schema?: string; readonly name: string }[];
}

export * from './catalog-types.js';
import type { CatalogObject } from './catalog-types.js';

/** A statement kept verbatim because the Model cannot represent it (opt-in). */
export interface OpaqueStatement extends Located {
  readonly kind: 'opaque';
  readonly sql: string;
}

/** An object seen in a database whose kind the Model does not support. */
export interface Unmanaged {
  readonly kind: string;
  readonly schema?: string;
  readonly name: string;
  /**
   * Inspected with `identify` only: what `DROP <type> <identity>` takes, as PostgreSQL's pg_identify_object
   * spells it (`{ type: 'operator', identity: 'app.===(integer,integer)' }`); the identity is quoted by the server.
   */
  readonly drop?: { readonly type: string; readonly identity: string };
}

export interface Model {
  /** Keyed by schema name. */
  readonly schemas: Readonly<Record<string, SchemaDef>>;
  /** Keyed by extension name. */
  readonly extensions: Readonly<Record<string, Extension>>;
  readonly types: Readonly<Record<string, TypeDef>>;
  readonly sequences: Readonly<Record<string, Sequence>>;
  readonly tables: Readonly<Record<string, Table>>;
  readonly views: Readonly<Record<string, View>>;
  readonly functions: Readonly<Record<string, Func>>;
  /** Objects of the kinds in `CatalogObject`, keyed by `objectKey` (./objects.ts); absent = none. */
  readonly objects?: Readonly<Record<string, CatalogObject>>;
  readonly opaque: readonly OpaqueStatement[];
  readonly unmanaged: readonly Unmanaged[];
  /**
   * Inspected only: the role that read the database (`current_user`). Owners are not modelled — what a plan
   * creates belongs to the role that applies it — so the owner's own ACL entries go by `CURRENT_USER` and the
   * differ compares privileges granted to this role by name as the owner's (src/model/privileges.ts
   * `grantsByNameToOwner`). Absent in a folded Model.
   */
  readonly role?: string;
}

export function emptyModel(): Model {
  return { schemas: {}, extensions: {}, types: {}, sequences: {}, tables: {}, views: {}, functions: {}, objects: {}, opaque: [], unmanaged: [] };
}

/**
 * What a freshly created database contains: an empty `public` schema.
 *
 * @example
 * Object.keys(freshDatabaseModel().schemas) // ['public']
 */
export function freshDatabaseModel(): Model {
  return { ...emptyModel(), schemas: { public: { kind: 'schema', name: 'public' } } };
}
