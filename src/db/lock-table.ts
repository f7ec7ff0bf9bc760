/**
 * A transaction too big for the server's lock table (SQLSTATE 53200, `out of shared memory`): each relation created
 * or altered in a transaction holds a lock until it ends, and the shared lock table has room for
 * max_locks_per_transaction × (max_connections + max_prepared_transactions) of them. `schema apply` and `migrate
 * apply` say what to do (hunt 14a: GitLab's ~9,000 relations created in one transaction).
 *
 * In:  the error a database driver threw (src/db/pglite.ts and postgres.ts attach `sqlState`). Out: whether it is
 * that error, and the sentence saying what to do. Never: touches a database.
 */

/** SQLSTATE 53200: the shared lock table is full. */
export const OUT_OF_SHARED_MEMORY = '53200';

/**
 * Whether `e` is PostgreSQL's `out of shared memory` (SQLSTATE 53200).
 *
 * @example
 * isLockTableFull(Object.assign(new Error('out of shared memory'), { sqlState: '53200' })) // true
 */
export function isLockTableFull(e: unknown): boolean {
  return (e as { sqlState?: string } | undefined)?.sqlState === OUT_OF_SHARED_MEMORY;
}

/**
 * What to do about a transaction that ran out of lock slots: `what` is what ran in it, `instead` how to run it
 * without one transaction (the command's flag, a file's directive).
 *
 * @example
 * lockTableHint('2 statements in one transaction', 'run the plan with --tx-mode none')
 * // '2 statements in one transaction hold more locks than … Raise max_locks_per_transaction on the server, or run the plan with --tx-mode none'
 */
export function lockTableHint(what: string, instead: string): string {
  return `${what} hold more locks than the server's lock table has room for (max_locks_per_transaction × (max_connections + max_prepared_transactions)); the transaction was rolled back. Raise max_locks_per_transaction on the server, or ${instead}`;
}
