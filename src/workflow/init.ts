/**
 * `meridian init`: sets up a project the way the Database Schema Update Guide lays it out, so that its
 * next commands (`migrate diff`, `migrate apply`, `migrate status`) work at once on the embedded database.
 *
 * In:  the project directory (and optionally the database URL to write into `.env`).
 * Out: what was created, what was already there and left as it was, and what `.gitignore` received.
 * Idempotent: an existing file or folder is never overwritten or changed (each file is created with
 * O_EXCL, so not even a concurrent run can overwrite one), and `.gitignore` gets each entry once.
 * Never prints: the CLI says what happened (as `prisma init` does, with the next steps).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDatabaseUrl } from '../db/url.js';
import { MeridianError } from '../errors.js';
import { PRISMA_DEFAULT_DATASOURCE, PRISMA_DEFAULT_GENERATOR } from '../prisma/pull.js';
import { ensureGitignore, GITIGNORE_COMMENT, GITIGNORE_ENTRIES } from './backup.js';

export interface InitOptions {
  /** The project directory (created when missing). */
  readonly cwd: string;
  /** A database URL to write into `.env` as `DATABASE_URL` (default: none, the embedded database). */
  readonly url?: string;
}

/** One path `initProject` looked at, relative to the project, with what it is for. */
export interface InitEntry {
  readonly path: string;
  readonly kind: 'file' | 'dir';
  readonly purpose: string;
}

export interface InitResult {
  readonly cwd: string;
  /** Created by this run. */
  readonly created: readonly InitEntry[];
  /** There already: left exactly as it was. */
  readonly kept: readonly InitEntry[];
  /** Not written, with the reason (e.g. the installed package has no Taskfile.yml). */
  readonly skipped: readonly (InitEntry & { readonly reason: string })[];
  /** `.gitignore`: created by this run or appended to, and the entries added (empty: all were there). */
  readonly gitignore: { readonly created: boolean; readonly added: readonly string[] };
  /** What the caller asked for that was not done, and why (e.g. `--url` with an existing `.env`). */
  readonly warnings: readonly string[];
}

/** The entries `init` adds to `.gitignore` besides `.meridian/`: the files that hold database passwords. */
export const ENV_GITIGNORE_ENTRIES: readonly string[] = ['.env', '.env.staging', '.env.production'];
const ENV_GITIGNORE_COMMENT = '# Meridian: environment files hold database URLs and passwords (never commit them)';

const SCHEMA_SQL = `-- The desired state of the database. Edit this file, then:
--   npx meridian migrate diff <name>   writes database/migrations/<version>_<name>.sql and atlas.sum
--   npx meridian migrate apply         applies it (the embedded database in .meridian/ unless DATABASE_URL is set)
--   npx meridian migrate status        shows what is applied and what is pending
--
-- For example:
--
-- CREATE SCHEMA app;
--
-- CREATE TABLE app.users (
--     id SERIAL PRIMARY KEY,
--     email VARCHAR(255) NOT NULL UNIQUE,
--     created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
-- );
`;

const SEED_SQL = `-- Seed data: loaded by \`meridian db reset\` after every migration, and by \`meridian dev setup\` on a new
-- database; \`meridian test schema\` checks that it loads. For example:
--
-- INSERT INTO app.users (email) VALUES ('ada@example.com');
`;

const ATLAS_HCL = `# Atlas's project file, read when a command names an env: --env local|staging|production
# (task env:staging <task>…). A URL in .env.<name> wins over the env's url here: keep passwords out of this file.
# Atlas itself needs a dev database for migrate diff (dev = "docker://postgres/15/dev"); Meridian uses an
# embedded one unless DEV_DATABASE_URL or dev is set.

env "local" {
  src = "file://database/schema/schema.sql"
  # Empty: Meridian's embedded database (.meridian/pglite).
  url = getenv("DATABASE_URL")
  migration {
    dir = "file://database/migrations"
  }
}

env "staging" {
  src = "file://database/schema/schema.sql"
  # url: DATABASE_URL in .env.staging
  migration {
    dir = "file://database/migrations"
  }
}

env "production" {
  src = "file://database/schema/schema.sql"
  # url: DATABASE_URL in .env.production. Protected (the name says so): confirmation, hazards named, a backup first.
  migration {
    dir = "file://database/migrations"
  }
}
`;

const dotenv = (url: string | undefined) => `# Settings of every command run without --env (the process environment wins over this file).
# Without DATABASE_URL, Meridian uses the embedded database in .meridian/pglite (nothing to install).
${url ? `DATABASE_URL=${url}` : '# DATABASE_URL=postgres://user:password@localhost:5432/app'}
# The dev database migrate diff replays on when a state needs a real database (default: an in-memory one):
# DEV_DATABASE_URL=postgres://user:password@localhost:5432/app_dev
`;

const envFor = (name: 'staging' | 'production') => `# --env ${name} (task env:${name} <task>…): the ${name} database. Never commit this file.
# Replace the placeholder with the real URL; until then commands with --env ${name} fail to connect.
DATABASE_URL=postgres://app:CHANGE_ME@${name}-db.example.com:5432/app
${name === 'production' ? '# Guard rails (confirmation, hazards named with --allow-hazards, a backup first): on for this name anyway.\nMERIDIAN_PROTECTED=1\n' : ''}`;

const SCHEMA_PRISMA = `// Prisma's view of the database (dual strategy): the models are written by
// \`npx meridian prisma pull --generate\` from the database after each \`migrate apply\`.

${PRISMA_DEFAULT_DATASOURCE}

${PRISMA_DEFAULT_GENERATOR}
`;

/** The Taskfile this package ships (the guide's task names), or undefined when it is not there. */
function shippedTaskfile(): string | undefined {
  // src/workflow/init.ts, dist/workflow/init.js and dist/bundle/<chunk>.mjs are all two levels below the package root.
  const path = fileURLToPath(new URL('../../Taskfile.yml', import.meta.url));
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

interface Planned extends InitEntry {
  /** The file's text (absent for a folder), or why it cannot be written. */
  readonly text?: string | { readonly skip: string };
  /** Owner-only: files that hold database passwords. */
  readonly private?: boolean;
}

/**
 * Sets up a project as the guide expects: `database/schema/schema.sql`, `database/migrations/`,
 * `database/fixtures/seed-simple.sql`, `atlas.hcl` (envs local, staging, production), `.env`,
 * `.env.staging`, `.env.production` (owner-only), the guide's `Taskfile.yml`, `prisma/schema.prisma`,
 * and `.gitignore` entries for `.meridian/` (embedded database, backups) and the env files. Whatever
 * exists already is left as it is and reported as kept; a second run creates nothing.
 *
 * @example
 * const r = initProject({ cwd: process.cwd() });
 * r.created.map((e) => e.path) // ['database/schema/schema.sql', 'database/migrations/', …] the first time, [] after
 * r.gitignore                  // { created: true, added: ['.meridian/', '.env', '.env.staging', '.env.production'] }
 */
export function initProject(opts: InitOptions): InitResult {
  const cwd = opts.cwd;
  if (opts.url) parseDatabaseUrl(opts.url); // a malformed URL is refused before anything is written
  if (existsSync(cwd) && !statSync(cwd).isDirectory()) throw new MeridianError('E_USAGE', `init: ${cwd} is not a directory`);
  mkdirSync(cwd, { recursive: true });
  const taskfile = shippedTaskfile();
  const plan: Planned[] = [
    { path: 'database/schema/schema.sql', kind: 'file', purpose: 'the desired schema (edit it, then migrate diff)', text: SCHEMA_SQL },
    { path: 'database/migrations', kind: 'dir', purpose: 'migration files and atlas.sum, written by migrate diff' },
    { path: 'database/fixtures/seed-simple.sql', kind: 'file', purpose: 'seed data for db reset and dev setup', text: SEED_SQL },
    { path: 'atlas.hcl', kind: 'file', purpose: 'envs local, staging, production (--env <name>)', text: ATLAS_HCL },
    { path: '.env', kind: 'file', purpose: opts.url ? 'DATABASE_URL of commands without --env' : 'DATABASE_URL of commands without --env (unset: the embedded database)', text: dotenv(opts.url), private: true },
    { path: '.env.staging', kind: 'file', purpose: 'the staging database URL (a placeholder to replace)', text: envFor('staging'), private: true },
    { path: '.env.production', kind: 'file', purpose: 'the production database URL (a placeholder to replace), protected', text: envFor('production'), private: true },
    { path: 'Taskfile.yml', kind: 'file', purpose: "the guide's tasks for go-task (task migrate:diff …)", text: taskfile ?? { skip: 'this installation of meridian has no Taskfile.yml to copy' } },
    { path: 'prisma/schema.prisma', kind: 'file', purpose: 'Prisma schema (dual strategy): models written by prisma pull', text: SCHEMA_PRISMA },
  ];
  const created: InitEntry[] = [];
  const kept: InitEntry[] = [];
  const skipped: (InitEntry & { reason: string })[] = [];
  for (const p of plan) {
    const entry: InitEntry = { path: p.kind === 'dir' ? `${p.path}/` : p.path, kind: p.kind, purpose: p.purpose };
    const abs = join(cwd, p.path);
    if (typeof p.text === 'object') {
      skipped.push({ ...entry, reason: p.text.skip });
      continue;
    }
    if (existsSync(abs)) {
      kept.push(entry);
      continue;
    }
    if (p.kind === 'dir') {
      mkdirSync(abs, { recursive: true });
      // Git keeps no empty folder: without this a fresh clone has no migration directory (E_MIGRATE_DIR).
      writeFileSync(join(abs, '.gitkeep'), '', { flag: 'wx' });
      created.push(entry);
      continue;
    }
    mkdirSync(join(abs, '..'), { recursive: true });
    try {
      writeFileSync(abs, p.text!, { flag: 'wx', mode: p.private ? 0o600 : 0o644 });
      created.push(entry);
    } catch (e) {
      // Created by someone else between the check and the write: theirs, left as it is.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new MeridianError('E_USAGE', `init: cannot create ${p.path}: ${(e as Error).message}`);
      kept.push(entry);
    }
  }
  const warnings: string[] = [];
  if (opts.url && kept.some((e) => e.path === '.env')) {
    warnings.push('.env exists and was left as it was: the URL was not written into it (set DATABASE_URL there yourself)');
  }
  const hadGitignore = existsSync(join(cwd, '.gitignore'));
  const added = [
    ...ensureGitignore(cwd, { entries: GITIGNORE_ENTRIES, comment: GITIGNORE_COMMENT, anyDirectory: true }),
    ...ensureGitignore(cwd, { entries: ENV_GITIGNORE_ENTRIES, comment: ENV_GITIGNORE_COMMENT, anyDirectory: true }),
  ];
  return { cwd, created, kept, skipped, gitignore: { created: !hadGitignore && added.length > 0, added }, warnings };
}
