/**
 * Meridian's public library API. Everything here is free of console output and `process.exit`.
 *
 * @example
 * import { openDatabase, inspect, diff, plan, applyMigrations } from 'meridian';
 * const db = await openDatabase('pglite://memory');
 * const { model } = await inspect(db);
 */
export { MeridianError, NotImplementedError, type ErrorCode, type SourceLocation } from './errors.js';
export { openDatabase, parseDatabaseUrl, redactUrl, DEFAULT_PGLITE_URL, type Database, type Queryable, type QueryResult } from './db/index.js';
export { serveDatabase, type ServedDatabase } from './db/serve.js';
export { resolveConfig, type ResolvedConfig, type ConfigFlags } from './config/config.js';
export { protectionFor, isLocalUrl, describeTarget, type Protection } from './config/protection.js';
export { decideConsent, planHash, hazardsOfStatements, hazardsOfFindings, parseAllowHazards, HAZARD_CODES, type ConsentInput, type ConsentDecision, type PlannedHazard } from './workflow/consent.js';
export { guardWrite, type GuardOptions, type GuardResult, type BackupOutcome } from './workflow/guard.js';
export { migrateApply, type MigrateApplyOptions, type MigrateApplyPlan, type MigrateApplyResult } from './workflow/migrate-apply.js';
export { backupDatabase, ensureGitignore, type BackupResult, type GitignoreOptions } from './workflow/backup.js';
export { initProject, type InitOptions, type InitResult, type InitEntry } from './workflow/init.js';
export { requireMigrationDir } from './workflow/migration-dir.js';
export { pendingDataStatements, placeDataStatements, type DataStatement } from './workflow/data-statements.js';
export type * from './model/types.js';
export { emptyModel } from './model/types.js';
export { quoteIdent, qualifiedKey, qualifiedName, splitKey, quoteLiteral } from './model/names.js';
export { inspect, type InspectOptions, type InspectResult } from './inspect/index.js';
export { parseSchema, checkSchema, initSchemaParser, formatProblems, type SchemaSource, type SchemaProblem, type ParseSchemaOptions, type CheckSchemaResult } from './parse/index.js';
export { diff, type Change, type DiffOptions } from './diff/index.js';
export { plan, renderMigrationFile, renderSchemaSql, type Statement, type Hazard, type HazardCode, type PlanOptions } from './plan/index.js';
export { computeHashFile, formatHashFile, parseHashFile, isSumIgnored, type HashFile } from './migrate/sum.js';
export { readMigrationFiles, validateSum, writeSum, writeMigrationFile, hashDirectory, parseFileName, filesFromLastCheckpoint, checkpointContent, type MigrationFile } from './migrate/dir.js';
export { splitStatements, initSplitter, type SplitStatement } from './parse/split.js';
export { applyMigrations, migrationStatus, setMigrationVersion, type ApplyOptions, type ApplyResult, type MigrationStatus } from './migrate/apply.js';
export { fleetApply, fleetStatus, defaultParallel, type FleetApplyOptions, type FleetApplyResult, type FleetApplyTarget, type FleetStatusResult, type FleetStatusTarget, type FleetTotals, type FleetFailure, type OnError } from './workflow/fleet.js';
export { resolveFleet, readUrlFile, type FleetTarget, type FleetConfig, type FleetFlags } from './workflow/fleet-targets.js';
export { fleetConsent, type FleetPlan } from './workflow/fleet-consent.js';
export { fleetDrift, type FleetDriftResult, type FleetDriftTarget } from './workflow/fleet-drift.js';
export { migrateCheckpoint, type MigrateCheckpointOptions, type MigrateCheckpointResult } from './workflow/migrate-checkpoint.js';
export { migrateRebase, formatConflicts, type MigrateRebaseOptions, type MigrateRebaseResult, type RebaseConflict, type ConflictSide } from './workflow/migrate-rebase.js';
export { touchedBy, overlaps, type Touched } from './workflow/touched.js';
export { migrateDown, type MigrateDownOptions, type MigrateDownResult, type DataLoss } from './workflow/migrate-down.js';
export { migrateDiff, migrationName, type MigrateDiffOptions, type MigrateDiffResult } from './workflow/migrate-diff.js';
export { modelFromSources, modelFromMigrations, readSchemaSources, syntaxErrors, type SqlSource, type LocatedError } from './workflow/state.js';
export { planSchemaApply, executeStatements, resolveState, resolveStates, freshDatabaseModel, type ApplyTxMode } from './workflow/schema-apply.js';
export { schemaApply, type SchemaApplyOptions, type SchemaApplyPlan, type SchemaApplyResult } from './workflow/schema-apply-command.js';
export { schemaDiff, type SchemaDiffOptions, type SchemaDiffResult } from './workflow/schema-diff.js';
export { schemaValidate, type SchemaValidateOptions, type SchemaValidateResult } from './workflow/schema-validate.js';
export { modelToMermaid, modelToSql } from './workflow/render.js';
export { planClean, executeClean } from './workflow/clean.js';
export { testSchema } from './workflow/test-schema.js';
export { resetProjectDatabase, setupProject, devStatus } from './workflow/dev.js';
export { modelToPrisma, prismaType } from './prisma/pull.js';
export { findingProblem, lintPlan, RULES as lintRules, type Finding, type LintResult } from './lint/index.js';
export { lintDirectory, migrateLint, type MigrateLintOptions } from './workflow/migrate-lint.js';
export { formatAtlasLint } from './render/atlas-lint.js';
export { formatFindings } from './render/lint-findings.js';
export { formatProblem, formatProblemsGithub, problemJson, type Problem, type ProblemTextOptions, type Severity } from './problem.js';
export { findPrismaCli, prismaGenerate } from './prisma/cli.js';
export { describeSqlFiles, generateTypedSql, renderTypedSql, parseParamAnnotations, type GenerateTypedSqlResult, type TypedQuery, type TypedColumn, type TypedParam, type GeneratedFile } from './typedsql/index.js';
export type { StatementDescription, DescribedColumn } from './db/describe.js';
