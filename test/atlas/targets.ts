/**
 * The databases Atlas's testscripts run against, as Meridian's test/atlas suites use them: a URL bound to
 * one schema (Atlas's `URL` in its PostgreSQL testscripts carries `search_path=<script schema>`), and
 * direct reads of that schema between commands.
 *
 * - `postgres` (only when DATABASE_URL is set): a fresh database on the server; `full` is true.
 * - `pglite` (always): a file-backed embedded directory, opened by each command in turn as a user's
 *   `pglite://./.meridian/pglite` is; each open costs a PGlite start, so scripts run their long
 *   sequences only where `full` is true.
 *
 * @example
 * for (const t of atlasTargets('script_cli_migrate_status')) describe(t.name, () => { … await t.setup() … });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createServerDatabase } from '../helpers/databases.js';

export interface AtlasTarget {
  /** The schema-bound URL to pass as `--url`. */
  readonly url: string;
  /** Tables of the schema, without Atlas's revisions table, sorted. */
  tables(): Promise<string[]>;
  /** Index names of the schema, sorted. */
  indexes(): Promise<string[]>;
  /** Runs SQL in the script's database. */
  exec(sql: string): Promise<void>;
  /** Atlas's `clearSchema`: drop the schema with everything in it and create it empty. */
  clear(): Promise<void>;
}

export interface AtlasTargetSetup {
  readonly name: string;
  readonly full: boolean;
  setup(): Promise<{ target: AtlasTarget; done: () => Promise<void> }>;
}

const tablesSql = (schema: string) =>
  `SELECT tablename AS n FROM pg_tables WHERE schemaname = '${schema}' AND tablename <> 'atlas_schema_revisions' ORDER BY 1`;
const indexesSql = (schema: string) =>
  `SELECT indexname AS n FROM pg_indexes WHERE schemaname = '${schema}' AND indexname NOT LIKE 'atlas_schema_revisions%' ORDER BY 1`;

function targetOver(schema: string, url: string, withDb: <T>(f: (db: Database) => Promise<T>) => Promise<T>): AtlasTarget {
  const names = (sql: string) => withDb(async (db) => (await db.query<{ n: string }>(sql)).rows.map((r) => r.n));
  return {
    url,
    tables: () => names(tablesSql(schema)),
    indexes: () => names(indexesSql(schema)),
    exec: (sql) => withDb((db) => db.exec(sql)),
    clear: () => withDb((db) => db.exec(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`)),
  };
}

export function atlasTargets(schema: string): AtlasTargetSetup[] {
  const out: AtlasTargetSetup[] = [];
  const base = process.env.DATABASE_URL;
  if (base) {
    out.push({
      name: 'postgres',
      full: true,
      setup: async () => {
        const server = await createServerDatabase(base);
        const admin = await openDatabase(server.url);
        await admin.exec(`CREATE SCHEMA ${schema}`);
        const url = new URL(server.url);
        url.searchParams.set('search_path', schema);
        return {
          target: targetOver(schema, url.toString(), (f) => f(admin)),
          done: async () => {
            await admin.close();
            await server.drop();
          },
        };
      },
    });
  }
  out.push({
    name: 'pglite',
    full: false,
    setup: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'meridian-atlas-pglite-'));
      const withDb = async <T>(f: (db: Database) => Promise<T>): Promise<T> => {
        const db = await openDatabase(`pglite://${dataDir}`);
        try {
          return await f(db);
        } finally {
          await db.close();
        }
      };
      await withDb((db) => db.exec(`CREATE SCHEMA ${schema}`));
      return {
        target: targetOver(schema, `pglite://${dataDir}?search_path=${schema}`, withDb),
        done: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  });
  return out;
}
