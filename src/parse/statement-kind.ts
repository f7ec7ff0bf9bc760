/**
 * The names of statements and object kinds in PostgreSQL's own words, for the messages that refuse them: the
 * command tags PostgreSQL reports for a statement (`CREATE TABLESPACE`, `SECURITY LABEL`, `CREATE ACCESS METHOD`,
 * as `CreateCommandTag` in tcop/utility.c names them) and the object kinds of its grammar (`FOREIGN DATA WRAPPER`,
 * `TEXT SEARCH CONFIGURATION`, `STATISTICS`), instead of the parse tree's node names split into words.
 *
 * In: a statement's node type and payload. Out: text. Never: I/O.
 */
import type { Node } from './ast.js';

/** PostgreSQL's name of each object kind of the parse tree (`ObjectType`), as its grammar spells it. */
export const OBJECT_KIND: Readonly<Record<string, string>> = {
  OBJECT_ACCESS_METHOD: 'ACCESS METHOD', OBJECT_AGGREGATE: 'AGGREGATE', OBJECT_AMOP: 'OPERATOR OF ACCESS METHOD',
  OBJECT_AMPROC: 'FUNCTION OF ACCESS METHOD', OBJECT_ATTRIBUTE: 'ATTRIBUTE', OBJECT_CAST: 'CAST', OBJECT_COLUMN: 'COLUMN',
  OBJECT_COLLATION: 'COLLATION', OBJECT_CONVERSION: 'CONVERSION', OBJECT_DATABASE: 'DATABASE', OBJECT_DEFAULT: 'DEFAULT',
  OBJECT_DEFACL: 'DEFAULT PRIVILEGES', OBJECT_DOMAIN: 'DOMAIN', OBJECT_DOMCONSTRAINT: 'DOMAIN CONSTRAINT',
  OBJECT_EVENT_TRIGGER: 'EVENT TRIGGER', OBJECT_EXTENSION: 'EXTENSION', OBJECT_FDW: 'FOREIGN DATA WRAPPER',
  OBJECT_FOREIGN_SERVER: 'SERVER', OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE', OBJECT_FUNCTION: 'FUNCTION', OBJECT_INDEX: 'INDEX',
  OBJECT_LANGUAGE: 'LANGUAGE', OBJECT_LARGEOBJECT: 'LARGE OBJECT', OBJECT_MATVIEW: 'MATERIALIZED VIEW',
  OBJECT_OPCLASS: 'OPERATOR CLASS', OBJECT_OPERATOR: 'OPERATOR', OBJECT_OPFAMILY: 'OPERATOR FAMILY', OBJECT_PARAMETER_ACL: 'PARAMETER',
  OBJECT_POLICY: 'POLICY', OBJECT_PROCEDURE: 'PROCEDURE', OBJECT_PUBLICATION: 'PUBLICATION',
  OBJECT_PUBLICATION_NAMESPACE: 'PUBLICATION TABLES IN SCHEMA', OBJECT_PUBLICATION_REL: 'PUBLICATION TABLE', OBJECT_ROLE: 'ROLE',
  OBJECT_ROUTINE: 'ROUTINE', OBJECT_RULE: 'RULE', OBJECT_SCHEMA: 'SCHEMA', OBJECT_SEQUENCE: 'SEQUENCE', OBJECT_SUBSCRIPTION: 'SUBSCRIPTION',
  OBJECT_STATISTIC_EXT: 'STATISTICS', OBJECT_TABCONSTRAINT: 'CONSTRAINT', OBJECT_TABLE: 'TABLE', OBJECT_TABLESPACE: 'TABLESPACE',
  OBJECT_TRANSFORM: 'TRANSFORM', OBJECT_TRIGGER: 'TRIGGER', OBJECT_TSCONFIGURATION: 'TEXT SEARCH CONFIGURATION',
  OBJECT_TSDICTIONARY: 'TEXT SEARCH DICTIONARY', OBJECT_TSPARSER: 'TEXT SEARCH PARSER', OBJECT_TSTEMPLATE: 'TEXT SEARCH TEMPLATE',
  OBJECT_TYPE: 'TYPE', OBJECT_USER_MAPPING: 'USER MAPPING', OBJECT_VIEW: 'VIEW',
};

/**
 * PostgreSQL's object kind for an `ObjectType` value (`OBJECT_FDW` → `FOREIGN DATA WRAPPER`).
 *
 * @example
 * objectKind('OBJECT_STATISTIC_EXT') // 'STATISTICS'
 */
export function objectKind(objectType: string | undefined): string {
  const t = String(objectType ?? '');
  return OBJECT_KIND[t] ?? t.replace(/^OBJECT_/, '').replace(/_/g, ' ');
}

/** Command tags of the statements whose tag is not their node name split into words (tcop/utility.c). */
const TAG: Readonly<Record<string, string>> = {
  CreateTableSpaceStmt: 'CREATE TABLESPACE', DropTableSpaceStmt: 'DROP TABLESPACE', AlterTableSpaceOptionsStmt: 'ALTER TABLESPACE',
  AlterTableMoveAllStmt: 'ALTER TABLE … SET TABLESPACE (ALL IN TABLESPACE)', SecLabelStmt: 'SECURITY LABEL',
  CreateAmStmt: 'CREATE ACCESS METHOD', CreatePLangStmt: 'CREATE LANGUAGE', CreateFdwStmt: 'CREATE FOREIGN DATA WRAPPER',
  AlterFdwStmt: 'ALTER FOREIGN DATA WRAPPER', CreateForeignServerStmt: 'CREATE SERVER', AlterForeignServerStmt: 'ALTER SERVER',
  CreateTrigStmt: 'CREATE TRIGGER', CreateEventTrigStmt: 'CREATE EVENT TRIGGER', AlterEventTrigStmt: 'ALTER EVENT TRIGGER',
  CreateSeqStmt: 'CREATE SEQUENCE', AlterSeqStmt: 'ALTER SEQUENCE', CreateStatsStmt: 'CREATE STATISTICS', AlterStatsStmt: 'ALTER STATISTICS',
  CreateOpClassStmt: 'CREATE OPERATOR CLASS', CreateOpFamilyStmt: 'CREATE OPERATOR FAMILY', AlterOpFamilyStmt: 'ALTER OPERATOR FAMILY',
  AlterTSDictionaryStmt: 'ALTER TEXT SEARCH DICTIONARY', AlterTSConfigurationStmt: 'ALTER TEXT SEARCH CONFIGURATION',
  CreatedbStmt: 'CREATE DATABASE', DropdbStmt: 'DROP DATABASE', AlterDatabaseRefreshCollStmt: 'ALTER DATABASE … REFRESH COLLATION VERSION',
  AlterDatabaseSetStmt: 'ALTER DATABASE … SET', AlterRoleSetStmt: 'ALTER ROLE … SET', AlterExtensionContentsStmt: 'ALTER EXTENSION … ADD/DROP',
  AlterObjectDependsStmt: 'ALTER … DEPENDS ON EXTENSION', IndexStmt: 'CREATE INDEX', ViewStmt: 'CREATE VIEW', RuleStmt: 'CREATE RULE',
  CompositeTypeStmt: 'CREATE TYPE', CreateEnumStmt: 'CREATE TYPE … AS ENUM', CreateRangeStmt: 'CREATE TYPE … AS RANGE',
  CreateStmt: 'CREATE TABLE', CreateFunctionStmt: 'CREATE FUNCTION', DoStmt: 'DO', CallStmt: 'CALL', LoadStmt: 'LOAD',
  ConstraintsSetStmt: 'SET CONSTRAINTS', DeclareCursorStmt: 'DECLARE CURSOR', ClosePortalStmt: 'CLOSE CURSOR', VariableShowStmt: 'SHOW',
  DiscardStmt: 'DISCARD', UnlistenStmt: 'UNLISTEN', ReassignOwnedStmt: 'REASSIGN OWNED', DropOwnedStmt: 'DROP OWNED',
  ImportForeignSchemaStmt: 'IMPORT FOREIGN SCHEMA', ReplicaIdentityStmt: 'ALTER TABLE … REPLICA IDENTITY',
};

/**
 * The statement as PostgreSQL names it in its command tag, with the object kind where the tag depends on it
 * (`DefineStmt`, `AlterOwnerStmt`, `AlterFunctionStmt`, …).
 *
 * @example
 * statementKind('SecLabelStmt', {}) // 'SECURITY LABEL'
 * statementKind('DefineStmt', { kind: 'OBJECT_TSPARSER' }) // 'CREATE TEXT SEARCH PARSER'
 */
export function statementKind(type: string, n: Node | Record<string, unknown> | undefined): string {
  const node = (n ?? {}) as Record<string, unknown>;
  const of = (k: unknown) => objectKind(k as string);
  switch (type) {
    case 'DefineStmt': return node.kind === 'OBJECT_TYPE' ? 'CREATE TYPE (a base or shell type, built on C-level functions)' : `CREATE ${of(node.kind)}`;
    case 'AlterOwnerStmt': return `ALTER ${of(node.objectType)} … OWNER TO`;
    case 'AlterObjectSchemaStmt': return `ALTER ${of(node.objectType)} … SET SCHEMA`;
    case 'RenameStmt': return `ALTER ${of(node.renameType)} … RENAME`;
    case 'AlterFunctionStmt': return `ALTER ${of(node.objtype)}`;
    case 'DropStmt': return `DROP ${of(node.removeType)}`;
    case 'CommentStmt': return `COMMENT ON ${of(node.objtype)}`;
    case 'AlterTableStmt': return `ALTER ${of(node.objtype)}`;
    case 'CreateTableAsStmt': return node.objtype === 'OBJECT_MATVIEW' ? 'CREATE MATERIALIZED VIEW' : 'CREATE TABLE AS';
  }
  return TAG[type] ?? type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

/** `ALTER TABLE` subcommands (`AlterTableType`) in the grammar's words where splitting the node name would not give them. */
const SUBCOMMAND: Readonly<Record<string, string>> = {
  AT_SetTableSpace: 'SET TABLESPACE', AT_SetAccessMethod: 'SET ACCESS METHOD', AT_SetUnLogged: 'SET UNLOGGED', AT_AddOf: 'OF',
  AT_DropOf: 'NOT OF', AT_AddInherit: 'INHERIT', AT_DropInherit: 'NO INHERIT', AT_ColumnDefault: 'ALTER COLUMN … SET/DROP DEFAULT',
  AT_AlterColumnType: 'ALTER COLUMN … TYPE', AT_AlterColumnGenericOptions: 'ALTER COLUMN … OPTIONS', AT_GenericOptions: 'OPTIONS',
  AT_SetRelOptions: 'SET (…)', AT_ResetRelOptions: 'RESET (…)', AT_ReplaceRelOptions: 'SET (…)', AT_SetOptions: 'ALTER COLUMN … SET (…)',
  AT_ResetOptions: 'ALTER COLUMN … RESET (…)', AT_ChangeOwner: 'OWNER TO', AT_DropCluster: 'SET WITHOUT CLUSTER', AT_DropOids: 'SET WITHOUT OIDS',
  AT_EnableTrig: 'ENABLE TRIGGER', AT_EnableAlwaysTrig: 'ENABLE ALWAYS TRIGGER', AT_EnableReplicaTrig: 'ENABLE REPLICA TRIGGER',
  AT_DisableTrig: 'DISABLE TRIGGER', AT_EnableTrigAll: 'ENABLE TRIGGER ALL', AT_DisableTrigAll: 'DISABLE TRIGGER ALL',
  AT_EnableTrigUser: 'ENABLE TRIGGER USER', AT_DisableTrigUser: 'DISABLE TRIGGER USER', AT_EnableRowSecurity: 'ENABLE ROW LEVEL SECURITY',
  AT_DisableRowSecurity: 'DISABLE ROW LEVEL SECURITY', AT_ForceRowSecurity: 'FORCE ROW LEVEL SECURITY', AT_NoForceRowSecurity: 'NO FORCE ROW LEVEL SECURITY',
  AT_AddIndexConstraint: 'ADD CONSTRAINT … USING INDEX', AT_DetachPartitionFinalize: 'DETACH PARTITION … FINALIZE',
};

/**
 * An `ALTER TABLE` (`ALTER INDEX`, `ALTER VIEW`, …) subcommand in the grammar's words.
 *
 * @example
 * alterSubcommand('AT_SetTableSpace') // 'SET TABLESPACE'
 * alterSubcommand('AT_EnableAlwaysRule') // 'ENABLE ALWAYS RULE'
 */
export function alterSubcommand(subtype: string | undefined): string {
  const t = String(subtype ?? '');
  return SUBCOMMAND[t] ?? t.replace(/^AT_/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}
