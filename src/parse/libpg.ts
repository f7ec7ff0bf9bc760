/**
 * libpg-query (PostgreSQL's parser and scanner as wasm) and pgsql-deparser, loaded on first use. Importing
 * them at start compiles the wasm and loads the deparser, which every command paid for, including those
 * that parse no SQL (`--version`, `migrate status`).
 *
 * In:  `loadLibpg()` once (awaited), then the synchronous functions. Out: libpg-query's own results.
 * Never: a second instance of the wasm module — the one ESM instance every importer shares.
 */
type LibPgQuery = typeof import('libpg-query');
type Deparser = typeof import('pgsql-deparser');

let lib: LibPgQuery | undefined;
let deparser: Deparser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the parser's wasm and the deparser once; await it before calling the functions below.
 *
 * @example
 * await loadLibpg();
 * parseSync('SELECT 1').stmts.length // 1
 */
export function loadLibpg(): Promise<void> {
  loading ??= (async () => {
    const [l, d] = await Promise.all([import('libpg-query'), import('pgsql-deparser')]);
    await l.loadModule();
    lib = l;
    deparser = d;
  })();
  return loading;
}

function loaded(): { lib: LibPgQuery; deparser: Deparser } {
  if (!lib || !deparser) throw new Error('internal: the SQL parser was used before loadLibpg() resolved');
  return { lib, deparser };
}

/** libpg-query's `parseSync` (the JSON parse tree of `sql`). */
export const parseSync: LibPgQuery['parseSync'] = (sql) => loaded().lib.parseSync(sql);
/** libpg-query's `scanSync` (the scanner's tokens of `sql`). */
export const scanSync: LibPgQuery['scanSync'] = (sql) => loaded().lib.scanSync(sql);
/** pgsql-deparser's `deparseSync` (SQL text of a parse tree). */
export const deparseSync = ((...args: Parameters<Deparser['deparseSync']>) => loaded().deparser.deparseSync(...args)) as Deparser['deparseSync'];
