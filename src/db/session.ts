/**
 * The settings of every session Meridian opens (servers and PGlite, src/db/postgres.ts and ./pglite.ts).
 *
 * TimeZone is UTC whatever the server, database, role, URL `options` or PGOPTIONS say. PostgreSQL reads a
 * timestamptz constant written without a UTC offset (`FOR VALUES FROM ('2026-06-01')`, `DEFAULT '2026-01-01'`) in the
 * TimeZone of the session that runs the DDL, and stores the instant. The native fold cannot ask a session, so it
 * reads such a constant in UTC (src/model/constants.ts), and the sessions that run what Meridian plans or applies
 * (`schema apply`, `migrate apply`, the dev database) read it the same way: the plan means what the fold compared,
 * and converges on any server. The inspector sets it for its reading transaction as well (src/inspect/reads.ts).
 */

/** The select-list item that sets the session's TimeZone to UTC (`SELECT ${SESSION_TIMEZONE}`). */
export const SESSION_TIMEZONE = `pg_catalog.set_config('TimeZone', 'UTC', false)`;
