/**
 * Meridian's public library API. Everything here is free of console output and `process.exit`.
 *
 * @example
 * import { openDatabase } from 'meridian';
 * const db = await openDatabase('pglite://memory');
 */
export { MeridianError, NotImplementedError, type ErrorCode, type SourceLocation } from './errors.js';
export { openDatabase, parseDatabaseUrl, redactUrl, DEFAULT_PGLITE_URL, type Database, type Queryable, type QueryResult } from './db/index.js';
export { resolveConfig, type ResolvedConfig, type ConfigFlags } from './config/config.js';
export type * from './model/types.js';
export { emptyModel } from './model/types.js';
export { quoteIdent, qualifiedKey, qualifiedName, splitKey, quoteLiteral } from './model/names.js';
