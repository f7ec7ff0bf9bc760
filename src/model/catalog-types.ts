/**
 * The catalog object kinds of the schema Model (rules, foreign data, event triggers, publications, statistics,
 * collations, casts, operators, text search, privileges): the kinds handled by the kind-agnostic core
 * (src/diff/objects.ts, src/plan/kinds/). Same rules as ./types.ts, which re-exports everything here.
 */
import type { Commented, Located, CanonicalDefinition, Grant, Expr } from './base-types.js';
import type { Firing } from './firing.js';

/**
 * `CREATE RULE` on a table or view (not a view's own `_RETURN` rule).
 * Key: `rule <table key>.<name>`.
 */
export interface Rule extends Commented, Located, CanonicalDefinition {
  readonly kind: 'rule';
  readonly schema: string;
  readonly name: string;
  /** Key of the table or view it is on. */
  readonly table: string;
  /** `CREATE RULE …` with every relation schema-qualified (pg_get_ruledef's text when inspected); rendered and compared. */
  readonly definition: string;
  /**
   * Keys of the relations its definition names schema-qualified (its own table included), sorted (set at both edges
   * from the definition's parse tree: src/parse/canonical.ts). Absent = none.
   */
  readonly relations?: readonly string[];
  /** Firing state when not the default `O` (`ALTER TABLE … DISABLE | ENABLE REPLICA | ENABLE ALWAYS RULE`): `D`, `R` or `A`. */
  readonly enabled?: Exclude<Firing, 'O'>;
}

/** `CREATE FOREIGN DATA WRAPPER` (database-wide). Key: `foreign_data_wrapper <name>`. */
export interface ForeignDataWrapper extends Commented, Located {
  readonly kind: 'foreign_data_wrapper';
  readonly name: string;
  /** Handler and validator functions (`schema.name`), absent = none. */
  readonly handler?: string;
  readonly validator?: string;
  /** Generic options `name=value`, in declaration order. */
  readonly options: readonly string[];
}

/** `CREATE SERVER` (database-wide). Key: `server <name>`. */
export interface ForeignServer extends Commented, Located {
  readonly kind: 'server';
  readonly name: string;
  readonly wrapper: string;
  readonly type?: string;
  readonly version?: string;
  readonly options: readonly string[];
}

/** `CREATE USER MAPPING FOR user SERVER s` (database-wide). Key: `user_mapping <user>@<server>`; user `PUBLIC` or a role name. */
export interface UserMapping extends Located {
  readonly kind: 'user_mapping';
  readonly user: string;
  readonly server: string;
  readonly options: readonly string[];
}

export interface ForeignColumn extends Commented {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly default?: Expr;
  readonly collation?: string;
  /** Column options (`OPTIONS (column_name 'x')`) `name=value`. */
  readonly options: readonly string[];
  /**
   * What `ALTER FOREIGN TABLE ft ALTER COLUMN c SET STATISTICS n | SET STORAGE s | SET (n_distinct = …)` gives it,
   * as a table column's (`Column`'s fields of the same names; `options` here are attribute options); absent = none.
   */
  readonly settings?: { readonly statistics?: number; readonly options?: readonly string[]; readonly storage?: string };
}

/** A foreign table's CHECK constraint (PostgreSQL does not enforce it on the remote rows: the planner trusts it). */
export interface ForeignCheck extends Commented {
  readonly name: string;
  readonly expr: Expr;
  readonly noInherit?: true;
  /** Added NOT VALID (kept so by CREATE FOREIGN TABLE too, unlike CREATE TABLE). */
  readonly notValid?: true;
}

/** `CREATE FOREIGN TABLE`. Key: `foreign_table <schema>.<name>`; its name is taken among the schema's relations. */
export interface ForeignTable extends Commented, Located {
  readonly kind: 'foreign_table';
  readonly schema: string;
  readonly name: string;
  readonly server: string;
  readonly columns: readonly ForeignColumn[];
  readonly options: readonly string[];
  /** Its own CHECK constraints (not inherited ones), sorted by name; absent = none. */
  readonly checks?: readonly ForeignCheck[];
  /** Privileges granted to other roles (`GRANT SELECT ON ft`), sorted as a table's (absent = none); not compared as the object: diffed as grants. */
  readonly grants?: readonly Grant[];
}

/** `CREATE EVENT TRIGGER` (database-wide). Key: `event_trigger <name>`. */
export interface EventTrigger extends Commented, Located {
  readonly kind: 'event_trigger';
  readonly name: string;
  /** `ddl_command_start`, `ddl_command_end`, `sql_drop`, `table_rewrite`, `login` (PostgreSQL 17+). */
  readonly event: string;
  /** `WHEN TAG IN (…)`, upper-case, in declaration order; empty = every command. */
  readonly tags: readonly string[];
  /** The function, schema-qualified as regproc prints it (`public.log_ddl`). */
  readonly function: string;
  /** Firing state (./firing.ts): `O` enabled (default), `D` disabled, `R` replica, `A` always. */
  readonly enabled: Firing;
}

/** A table of a publication's `FOR TABLE` list. */
export interface PublicationTable {
  /** Key of the table (`schema.name`). */
  readonly table: string;
  /** A column list (`t (a, b)`), sorted by name; absent = every column. */
  readonly columns?: readonly string[];
  /** A row filter (`WHERE (…)`, PostgreSQL 15+). */
  readonly where?: Expr;
}

/** `CREATE PUBLICATION` (database-wide). Key: `publication <name>`. */
export interface Publication extends Commented, Located {
  readonly kind: 'publication';
  readonly name: string;
  /** `FOR ALL TABLES`. */
  readonly allTables: boolean;
  /** `FOR TABLE …`, sorted by table key. */
  readonly tables: readonly PublicationTable[];
  /** `FOR TABLES IN SCHEMA …` (PostgreSQL 15+), sorted. */
  readonly schemas: readonly string[];
  /** `publish`: the operations published, in the order insert, update, delete, truncate. */
  readonly publish: readonly string[];
  /** `publish_via_partition_root`. */
  readonly viaRoot: boolean;
  /** `publish_generated_columns = stored` (PostgreSQL 18+); absent: `none`, the default. */
  readonly generatedColumns?: 'stored';
}

/** `CREATE STATISTICS` (extended statistics on one table). Key: `statistics <schema>.<name>`. */
export interface ExtendedStatistics extends Commented, Located {
  readonly kind: 'statistics';
  readonly schema: string;
  readonly name: string;
  /** Key of the table. */
  readonly table: string;
  /** The kinds built, in the order ndistinct, dependencies, mcv; empty for a statistics on a single expression. */
  readonly kinds: readonly string[];
  /** Plain columns, in the table's column order (PostgreSQL keeps them sorted by number). */
  readonly columns: readonly string[];
  /** Expressions, in declaration order. */
  readonly expressions: readonly Expr[];
  /** `ALTER STATISTICS … SET STATISTICS n`; absent = the default. */
  readonly target?: number;
}

/** `CREATE COLLATION`. Key: `collation <schema>.<name>`. */
export interface Collation extends Commented, Located {
  readonly kind: 'collation';
  readonly schema: string;
  readonly name: string;
  readonly provider: 'icu' | 'libc' | 'builtin';
  /** The ICU or builtin locale. */
  readonly locale?: string;
  /** libc: LC_COLLATE and LC_CTYPE. */
  readonly lcCollate?: string;
  readonly lcCtype?: string;
  readonly deterministic: boolean;
  /** ICU tailoring rules (PostgreSQL 16+). */
  readonly rules?: string;
}

/** `CREATE CAST (source AS target)` (database-wide). Key: `cast (<source> AS <target>)`. */
export interface Cast extends Commented, Located {
  readonly kind: 'cast';
  /** Types as format_type prints them under an empty search_path (`integer`, `public.mood`). */
  readonly source: string;
  readonly target: string;
  /** `WITH FUNCTION`, `WITH INOUT`, `WITHOUT FUNCTION`. */
  readonly method: 'function' | 'inout' | 'binary';
  /** The function as regprocedure prints it (`public.mood_int(public.mood)`). */
  readonly function?: string;
  readonly context: 'explicit' | 'assignment' | 'implicit';
}

/**
 * `CREATE OPERATOR` (carried: created, dropped and recreated as a whole, never altered in place). Key:
 * `operator <schema>.<name>(<left|NONE>,<right>)`. Types as format_type prints them under an empty
 * search_path, functions as regproc does (pg_catalog's unqualified), commutator and negator schema-qualified.
 */
export interface Operator extends Commented, Located {
  readonly kind: 'operator';
  readonly schema: string;
  readonly name: string;
  /** Absent for a prefix operator. */
  readonly left?: string;
  readonly right: string;
  readonly function: string;
  readonly commutator?: string;
  readonly negator?: string;
  readonly restrict?: string;
  readonly join?: string;
  readonly hashes: boolean;
  readonly merges: boolean;
}

/**
 * A member of an operator class or family as the inspector prints it: `OPERATOR <strategy> <op>(<left>,<right>)`
 * (the operator as regoperator prints it, pg_catalog's unqualified) or `FUNCTION <number> (<left>, <right>) <fn>(<args>)`
 * (regprocedure). Ordered by `opMemberOrder` (./objects.ts).
 */
export type OpMember = string;

/**
 * `CREATE OPERATOR FAMILY` (carried: created, dropped and recreated as a whole). Key:
 * `operator_family <schema>.<name> USING <method>`. `members`: its loose members (`ALTER OPERATOR FAMILY … ADD`,
 * and a btree or hash class's cross-type members, which PostgreSQL ties to the family).
 */
export interface OperatorFamily extends Commented, Located {
  readonly kind: 'operator_family';
  readonly schema: string;
  readonly name: string;
  readonly method: string;
  readonly members: readonly OpMember[];
}

/**
 * `CREATE OPERATOR CLASS` (carried: created, dropped and recreated as a whole). Key:
 * `operator_class <schema>.<name> USING <method>`. Its family is written explicitly (PostgreSQL creates one of
 * the class's name when none is given).
 */
export interface OperatorClass extends Commented, Located {
  readonly kind: 'operator_class';
  readonly schema: string;
  readonly name: string;
  readonly method: string;
  /** The indexed type, as format_type prints it. */
  readonly type: string;
  readonly default: boolean;
  /** The family's `schema.name`. */
  readonly family: string;
  /** `STORAGE` type when it differs from `type`. */
  readonly storage?: string;
  readonly members: readonly OpMember[];
}

/** `CREATE TEXT SEARCH DICTIONARY`. Key: `ts_dictionary <schema>.<name>`. */
export interface TextSearchDictionary extends Commented, Located {
  readonly kind: 'ts_dictionary';
  readonly schema: string;
  readonly name: string;
  /** The template, schema-qualified (`pg_catalog.snowball`). */
  readonly template: string;
  /** Options in their order, as PostgreSQL stores them (`language = 'english'`, `maxlen = 10`). */
  readonly options: readonly string[];
}

/** One token type's dictionaries in a text search configuration. */
export interface TextSearchMapping {
  readonly token: string;
  /** Dictionaries in order: `english_stem` (pg_catalog), `public.my_dict` (others, as a qualified key). */
  readonly dictionaries: readonly string[];
}

/** `CREATE TEXT SEARCH CONFIGURATION`. Key: `ts_configuration <schema>.<name>`. */
export interface TextSearchConfiguration extends Commented, Located {
  readonly kind: 'ts_configuration';
  readonly schema: string;
  readonly name: string;
  /** The parser, schema-qualified (`pg_catalog.default`). */
  readonly parser: string;
  /** Mappings, sorted by token name. */
  readonly mappings: readonly TextSearchMapping[];
}

/**
 * Privileges on an object other than a table or view (those keep theirs in `grants`): a schema, a sequence, a
 * function, procedure or aggregate, a type or domain, one column of a table, or a database-wide object (a
 * foreign-data wrapper, a foreign server, a procedural language: `DATABASE_WIDE_PRIVILEGES`). Present only when
 * they differ from the kind's default (functions: `EXECUTE` to PUBLIC; types and languages: `USAGE` to PUBLIC; the
 * others: none). Key: `privileges <on> <target>` (see src/model/objects.ts).
 */
export interface ObjectPrivileges extends Located {
  readonly kind: 'privileges';
  readonly on: 'SCHEMA' | 'SEQUENCE' | 'FUNCTION' | 'PROCEDURE' | 'TYPE' | 'COLUMN' | 'FOREIGN DATA WRAPPER' | 'FOREIGN SERVER' | 'LANGUAGE';
  /** The schema the object is in (for `SCHEMA`: the schema itself; for a database-wide object: `''`). */
  readonly schema: string;
  /** The object's name (the table's for `COLUMN`; the schema's for `SCHEMA`). */
  readonly name: string;
  /** Functions: the identity arguments, as in the function's key. */
  readonly args?: string;
  readonly column?: string;
  /** Every privilege held by a role other than the owner (or PUBLIC), sorted by grantee then privilege. */
  readonly grants: readonly Grant[];
}

/**
 * `ALTER DEFAULT PRIVILEGES`: the privileges objects of a class get when a role creates them. Present only when
 * they differ from the default (see src/parse/kinds/default-privileges.ts). Key: `default_privileges
 * <role>:<schema>:<on>` (empty role: the applying role; empty schema: database-wide).
 */
export interface DefaultPrivileges extends Located {
  readonly kind: 'default_privileges';
  /** `FOR ROLE`; absent = the role that applies the schema (`current_user`). */
  readonly role?: string;
  /** Inspected: `role` is the role that inspected (`current_user`); keyed like an entry without `FOR ROLE`. */
  readonly applying?: boolean;
  /** `IN SCHEMA`; absent = database-wide. */
  readonly schema?: string;
  readonly on: 'TABLES' | 'SEQUENCES' | 'FUNCTIONS' | 'TYPES' | 'SCHEMAS';
  /** Privileges to roles other than `role`, sorted by grantee then privilege. */
  readonly grants: readonly Grant[];
}

/** Object kinds handled by the kind-agnostic core (src/diff/objects.ts, src/plan/kinds/): one rule file per kind per stage. */
export type CatalogObject = Rule | ForeignDataWrapper | ForeignServer | UserMapping | ForeignTable | EventTrigger | Publication | ExtendedStatistics | Collation | Cast
  | TextSearchDictionary | TextSearchConfiguration | ObjectPrivileges | DefaultPrivileges | Operator | OperatorFamily | OperatorClass;
