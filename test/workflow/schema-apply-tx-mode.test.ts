/**
 * `schema apply --tx-mode`: the plan in one transaction (`file`, the default) or each statement on its own
 * (`none`), and the error a transaction too large for the server's lock table gets (hunt 14a: GitLab's
 * structure.sql, ~9,000 relations created at once, failed with a bare `out of shared memory`).
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { MeridianError } from '../../src/errors.js';
import type { Statement } from '../../src/plan/index.js';
import { executeStatements } from '../../src/workflow/schema-apply.js';

const stmt = (sql: string): Statement => ({ sql, transactional: true, hazards: [] } as unknown as Statement);

/** A database that records where each statement ran, failing with `fail` (a pg error shape) at `failAt`. */
function recorder(fail?: { at: string; sqlState: string }) {
  const log: string[] = [];
  const run = (where: string) => async (sql: string) => {
    if (fail && sql === fail.at) throw Object.assign(new MeridianError('E_DB', 'out of shared memory'), { sqlState: fail.sqlState });
    log.push(`${where}:${sql}`);
  };
  const db = { exec: run('alone'), transaction: async (fn: (tx: { exec: (s: string) => Promise<void> }) => Promise<void>) => fn({ exec: run('tx') }) };
  return { db: db as unknown as Database, log };
}

describe('schema apply transaction modes', () => {
  it('runs the plan in one transaction by default, and each statement on its own with txMode none', async () => {
    const a = recorder();
    await executeStatements(a.db, [stmt('CREATE TABLE a ()'), stmt('CREATE TABLE b ()')]);
    expect(a.log).toEqual(['tx:CREATE TABLE a ()', 'tx:CREATE TABLE b ()']);
    const b = recorder();
    const r = await executeStatements(b.db, [stmt('CREATE TABLE a ()'), stmt('CREATE TABLE b ()')], undefined, { txMode: 'none' });
    expect(b.log).toEqual(['alone:CREATE TABLE a ()', 'alone:CREATE TABLE b ()']);
    expect(r.executed).toBe(2);
  });

  it('says what to do when the transaction runs out of lock slots (SQLSTATE 53200)', async () => {
    const { db } = recorder({ at: 'CREATE TABLE b ()', sqlState: '53200' });
    const err = await executeStatements(db, [stmt('CREATE TABLE a ()'), stmt('CREATE TABLE b ()')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeridianError);
    expect((err as MeridianError).code).toBe('E_DB');
    expect((err as Error).message).toMatch(/out of shared memory: 2 statements in one transaction .*max_locks_per_transaction.*--tx-mode none/);
    // Any other error is left as it is.
    const other = recorder({ at: 'CREATE TABLE b ()', sqlState: '42P07' });
    expect(((await executeStatements(other.db, [stmt('CREATE TABLE b ()')]).catch((e: unknown) => e)) as Error).message).toBe('out of shared memory');
  });
});
