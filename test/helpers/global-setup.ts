/**
 * Builds the bundled CLI when stale, then starts extra PostgreSQL servers (13 and 17) through testcontainers when a Docker engine answers.
 * Without Docker it prints one line and the suites run on PGlite and DATABASE_URL only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    containerUrls: string[];
    /** The run's directory of built schema states (test/helpers/state-cache.ts); '' turns the sharing off. */
    stateCacheDir: string;
    /** The run's part of the server databases' names (`meridian_t_<tag>_…`, test/helpers/databases.ts); '' when not pooled. */
    serverDatabaseTag: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The CLI the tests spawn (bin/meridian.js) runs the bundle in dist/bundle: build it once here when the
  // sources changed, instead of in the first (and possibly several parallel) spawned processes.
  // @ts-expect-error: a plain .mjs script without type declarations
  const { ensureCliBuilt } = (await import('../../scripts/build-cli.mjs')) as { ensureCliBuilt: () => Promise<boolean> };
  const t0 = performance.now();
  if (await ensureCliBuilt()) console.log(`[cli] built dist/bundle/cli.mjs (${Math.round(performance.now() - t0)} ms)`);
  const stops: Array<() => Promise<unknown>> = [];
  const urls: string[] = [];
  if (process.env.MERIDIAN_TEST_CONTAINERS === '0') {
    console.log('[databases] testcontainers disabled (MERIDIAN_TEST_CONTAINERS=0): PostgreSQL 13/17 skipped');
  } else {
    try {
      const tc = await import('testcontainers');
      await tc.getContainerRuntimeClient();
      for (const tag of ['13-alpine', '17-alpine']) {
        const c = await new tc.GenericContainer(`postgres:${tag}`)
          .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
          .withExposedPorts(5432)
          .withWaitStrategy(tc.Wait.forLogMessage(/database system is ready to accept connections/, 2))
          .start();
        stops.push(() => c.stop());
        urls.push(`postgres://postgres@${c.getHost()}:${c.getMappedPort(5432)}/postgres`);
      }
      console.log(`[databases] testcontainers: ${urls.length} extra PostgreSQL servers`);
    } catch (e) {
      console.log(`[databases] no Docker engine (${String((e as Error).message).split('\n')[0]}): PostgreSQL 13/17 via testcontainers skipped`);
    }
  }
  project.provide('containerUrls', urls);
  // Built schema states shared by the suites for this run only (MERIDIAN_TEST_STATE_CACHE=0: every file reads its own).
  const stateCacheDir = process.env.MERIDIAN_TEST_STATE_CACHE === '0' ? '' : mkdtempSync(join(tmpdir(), 'meridian-states-'));
  project.provide('stateCacheDir', stateCacheDir);
  // Server databases are handed back clean and lent again within a worker; this run's are dropped at its end.
  const serverDatabaseTag = process.env.MERIDIAN_TEST_SERVER_POOL === '0' ? '' : randomBytes(3).toString('hex');
  project.provide('serverDatabaseTag', serverDatabaseTag);
  return async () => {
    if (stateCacheDir) rmSync(stateCacheDir, { recursive: true, force: true });
    if (serverDatabaseTag) await Promise.all([process.env.DATABASE_URL, ...urls].map((u) => dropRunDatabases(u, serverDatabaseTag)));
    for (const s of stops) await s().catch(() => undefined);
    await dropTestRoles(process.env.DATABASE_URL);
  };
}

/**
 * The databases this run left on a server (`meridian_t_<tag>_…`, kept for reuse by test/helpers/databases.ts),
 * dropped side by side: a DROP DATABASE waits for a checkpoint, and drops waiting together share one.
 */
async function dropRunDatabases(url: string | undefined, tag: string): Promise<void> {
  if (!url) return;
  const { default: pg } = await import('pg');
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  };
  try {
    const admin = await connect();
    let names: string[];
    try {
      names = (await admin.query<{ datname: string }>(`SELECT datname FROM pg_catalog.pg_database WHERE starts_with(datname, $1)`, [`meridian_t_${tag}_`])).rows.map((r) => r.datname);
    } finally {
      await admin.end().catch(() => undefined);
    }
    const queue = [...names];
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, async () => {
      const c = await connect();
      try {
        for (let name = queue.pop(); name; name = queue.pop()) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      } finally {
        await c.end().catch(() => undefined);
      }
    }));
  } catch {
    // the server is gone: nothing to clean
  }
}

/**
 * Roles the acceptance cases create (cluster-wide on PostgreSQL, see test/acceptance/cases-kinds.ts): dropped
 * once every test database is gone. A role still holding privileges somewhere stays (the error is ignored).
 */
async function dropTestRoles(url: string | undefined): Promise<void> {
  if (!url) return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    for (const role of ['m27a_reader', 'm27a_writer']) await client.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
  } catch {
    // the server is gone: nothing to clean
  } finally {
    await client.end().catch(() => undefined);
  }
}
