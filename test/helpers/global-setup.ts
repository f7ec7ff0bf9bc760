/**
 * Builds the bundled CLI when stale, then starts extra PostgreSQL servers (13 and 17) through testcontainers when a Docker engine answers.
 * Without Docker it prints one line and the suites run on PGlite and DATABASE_URL only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    containerUrls: string[];
    /** The run's directory of built schema states (test/helpers/state-cache.ts); '' turns the sharing off. */
    stateCacheDir: string;
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
  return async () => {
    if (stateCacheDir) rmSync(stateCacheDir, { recursive: true, force: true });
    for (const s of stops) await s().catch(() => undefined);
    await dropTestRoles(process.env.DATABASE_URL);
  };
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
