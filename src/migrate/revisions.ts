/**
 * The `atlas_schema_revisions` table, byte-compatible with Atlas on PostgreSQL (spec section C).
 *
 * In:  a Queryable (database or transaction) and the revisions schema. Out: typed revision rows.
 * Never: writes anything but this one table (and its schema when missing).
 */
import { readFileSync } from 'node:fs';
import type { Queryable } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { quoteIdentAlways } from '../model/names.js';

export const REVISIONS_TABLE = 'atlas_schema_revisions';
export const DEFAULT_REVISIONS_SCHEMA = 'atlas_schema_revisions';

/** RevisionType bitmask. */
export const RevisionType = { unknown: 0, baseline: 1, execute: 2, resolved: 4 } as const;

export interface Revision {
  readonly version: string;
  readonly description: string;
  readonly type: number;
  readonly applied: number;
  readonly total: number;
  readonly executedAt: Date;
  /** Nanoseconds (Go time.Duration). */
  readonly executionTime: bigint;
  readonly error: string;
  readonly errorStmt: string;
  readonly hash: string;
  /** `h1:`-prefixed running statement hashes; null once the file completed. */
  readonly partialHashes: readonly string[] | null;
  readonly operatorVersion: string;
}

let cachedOperator: string | undefined;
/** The `operator_version` Meridian writes: `Meridian v<version>`. */
export function operatorVersion(): string {
  if (!cachedOperator) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cachedOperator = `Meridian v${pkg.version}`;
  }
  return cachedOperator;
}

/**
 * A revision row as Meridian writes it fresh: no error, no execution time, no partial hashes, this
 * Meridian as operator. Every row `migrate apply`, `--baseline` and `migrate set` start from.
 *
 * @example
 * newRevision({ version: '1', description: 'init', type: RevisionType.baseline, applied: 0, total: 0, executedAt: new Date(), hash: '' })
 */
export function newRevision(r: Pick<Revision, 'version' | 'description' | 'type' | 'applied' | 'total' | 'executedAt' | 'hash'>): Revision {
  return { ...r, executionTime: 0n, error: '', errorStmt: '', partialHashes: null, operatorVersion: operatorVersion() };
}

/** Which schema holds the revisions table: flag, else the URL's bound schema, else `atlas_schema_revisions`. */
export function revisionsSchemaFor(flag: string | undefined, boundSchema: string | undefined): string {
  return flag ?? boundSchema ?? DEFAULT_REVISIONS_SCHEMA;
}

function tableRef(schema: string): string {
  return `${quoteIdentAlways(schema)}.${quoteIdentAlways(REVISIONS_TABLE)}`;
}

/** True when the table exists. */
export async function revisionsTableExists(q: Queryable, schema: string): Promise<boolean> {
  const r = await q.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r','p')) AS ok`,
    [schema, REVISIONS_TABLE],
  );
  return r.rows[0]!.ok;
}

/** Creates the schema and table as Ent's migrator does for Atlas (idempotent). */
export async function ensureRevisionsTable(q: Queryable, schema: string): Promise<void> {
  await q.exec(
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdentAlways(schema)};
CREATE TABLE IF NOT EXISTS ${tableRef(schema)} ("version" character varying NOT NULL, "description" character varying NOT NULL, "type" bigint NOT NULL DEFAULT 2, "applied" bigint NOT NULL DEFAULT 0, "total" bigint NOT NULL DEFAULT 0, "executed_at" timestamptz NOT NULL, "execution_time" bigint NOT NULL, "error" text NULL, "error_stmt" text NULL, "hash" character varying NOT NULL, "partial_hashes" jsonb NULL, "operator_version" character varying NOT NULL, PRIMARY KEY ("version"));`,
  );
}

interface Row {
  version: string;
  description: string;
  type: string | number;
  applied: string | number;
  total: string | number;
  executed_at: Date | string;
  execution_time: string | number;
  error: string | null;
  error_stmt: string | null;
  hash: string;
  partial_hashes: unknown;
  operator_version: string;
}

function toRevision(r: Row): Revision {
  const ph = typeof r.partial_hashes === 'string' ? (JSON.parse(r.partial_hashes) as unknown) : r.partial_hashes;
  return {
    version: r.version,
    description: r.description,
    type: Number(r.type),
    applied: Number(r.applied),
    total: Number(r.total),
    executedAt: r.executed_at instanceof Date ? r.executed_at : new Date(r.executed_at),
    executionTime: BigInt(r.execution_time),
    error: r.error ?? '',
    errorStmt: r.error_stmt ?? '',
    hash: r.hash,
    partialHashes: Array.isArray(ph) ? (ph as string[]) : null,
    operatorVersion: r.operator_version,
  };
}

/** All revisions in version (byte-wise) order, without Atlas Cloud's identifier row. */
export async function readRevisions(q: Queryable, schema: string): Promise<Revision[]> {
  const r = await q.query<Row>(
    `SELECT version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes::text AS partial_hashes, operator_version
       FROM ${tableRef(schema)} WHERE version <> '.atlas_cloud_identifier' ORDER BY version COLLATE "C"`,
  );
  return r.rows.map(toRevision);
}

/**
 * The revisions, or undefined when the table (or its schema) does not exist: one query, where
 * `revisionsTableExists` + `readRevisions` take two. Outside a transaction only (a missing table is an
 * error that would abort one).
 *
 * @example
 * const revs = (await readRevisionsIfExists(db, 'public')) ?? [];
 */
export async function readRevisionsIfExists(q: Queryable, schema: string): Promise<Revision[] | undefined> {
  try {
    return await readRevisions(q, schema);
  } catch (e) {
    // undefined_table, invalid_schema_name
    if (['42P01', '3F000'].includes(String((e as { sqlState?: unknown }).sqlState))) return undefined;
    throw e;
  }
}

/**
 * Atlas's upsert: every column except version, description and executed_at is updated on conflict.
 */
export async function upsertRevision(q: Queryable, schema: string, rev: Revision): Promise<void> {
  await q.query(
    `INSERT INTO ${tableRef(schema)} ("version", "description", "type", "applied", "total", "executed_at", "execution_time", "error", "error_stmt", "hash", "partial_hashes", "operator_version")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)
     ON CONFLICT ("version") DO UPDATE SET "type" = EXCLUDED."type", "applied" = EXCLUDED."applied", "total" = EXCLUDED."total",
       "execution_time" = EXCLUDED."execution_time", "error" = EXCLUDED."error", "error_stmt" = EXCLUDED."error_stmt",
       "hash" = EXCLUDED."hash", "partial_hashes" = EXCLUDED."partial_hashes", "operator_version" = EXCLUDED."operator_version"`,
    [
      rev.version,
      rev.description,
      rev.type,
      rev.applied,
      rev.total,
      rev.executedAt.toISOString(),
      rev.executionTime.toString(),
      rev.error,
      rev.errorStmt,
      rev.hash,
      JSON.stringify(rev.partialHashes),
      rev.operatorVersion,
    ],
  );
}

export async function deleteRevisionsAfter(q: Queryable, schema: string, version: string): Promise<void> {
  await q.query(`DELETE FROM ${tableRef(schema)} WHERE version COLLATE "C" > $1 AND version <> '.atlas_cloud_identifier'`, [version]);
}

/**
 * Atlas's guard: URL bound to a schema, no flag, no table there, but one in `atlas_schema_revisions`.
 */
export async function checkRevisionSchemaClarity(q: Queryable, flag: string | undefined, boundSchema: string | undefined): Promise<void> {
  if (flag || !boundSchema || boundSchema === DEFAULT_REVISIONS_SCHEMA) return;
  if (await revisionsTableExists(q, boundSchema)) return;
  if (await revisionsTableExists(q, DEFAULT_REVISIONS_SCHEMA)) {
    throw new MeridianError(
      'E_APPLY',
      `ambiguous revision table: the URL is bound to schema "${boundSchema}" but the revisions table lives in "${DEFAULT_REVISIONS_SCHEMA}"; ` +
        `pass --revisions-schema ${DEFAULT_REVISIONS_SCHEMA} to use it, or --revisions-schema ${boundSchema} to start a new history`,
    );
  }
}
