/**
 * The statement splitter lives in `src/parse/split.ts` (shared by parse, migrate, lint and typed SQL);
 * this module keeps the old import path working for code not yet moved to it.
 */
export * from '../parse/split.js';
