/**
 * libpg-query (PostgreSQL's parser and scanner as wasm) and pgsql-deparser, loaded on first use. Importing
 * them at start compiles the wasm and loads the deparser, which every command paid for, including those
 * that parse no SQL (`--version`, `migrate status`).
 *
 * In:  `loadLibpg()` once (awaited), then the synchronous functions. Out: libpg-query's own results.
 * Never: a second instance of the wasm module — the one instance (Node's CommonJS cache) every importer shares.
 */
import { createRequire } from 'node:module';

type LibPgQuery = typeof import('libpg-query');
type Deparser = typeof import('pgsql-deparser');
const requireCjs = createRequire(import.meta.url);

let lib: LibPgQuery | undefined;
let deparser: Deparser | undefined;
let loadingLib: Promise<void> | undefined;
let loading: Promise<void> | undefined;

let baselineWasm = false;

/**
 * Compiles the parser's wasm with V8's baseline compiler (Liftoff) only, never recompiled by the optimizing
 * one (TurboFan). By default V8 recompiles hot wasm functions in the background, which a short process pays
 * for and does not live long enough to get back: `migrate diff` on the example project 0.37 → 0.19 s of
 * CPU. Long parses gain too: 3,000 tables parsed three times, 0.82–0.98 → 0.56–0.67 s of CPU. A V8 flag of
 * the whole process, set only while this module compiles: the CLI asks for it (src/cli/bin.ts); a library
 * host's V8 is left alone. (PGlite is not compiled this way: its start is ~0.3 s cheaper so, but executing
 * a big schema's DDL ran ~1.5× slower without TurboFan, 4.2–5.2 → 6.0–8.0 s for 1,400 statements.)
 *
 * @example
 * preferBaselineWasm(); // before the first loadLibpgQuery()
 */
export function preferBaselineWasm(): void {
  baselineWasm = true;
}

/**
 * Loads the parser's wasm only (enough for the scanner and `parseSync`: the statement splitter needs no
 * deparser, so `migrate status`/`apply` do not load it).
 *
 * @example
 * await loadLibpgQuery();
 * scanSync('SELECT 1').tokens.length // 2
 */
export function loadLibpgQuery(): Promise<void> {
  loadingLib ??= (async () => {
    // require(), not import(): both packages are CommonJS, and import() of CommonJS first scans its source for
    // named exports (cjs-module-lexer; pgsql-deparser is 470 KB), ~7 ms of `migrate diff`. The module cache is
    // the same, so an import() elsewhere still gets this one instance.
    const l = requireCjs('libpg-query') as LibPgQuery;
    if (baselineWasm) {
      const { setFlagsFromString } = await import('node:v8');
      setFlagsFromString('--liftoff-only');
      try {
        await l.loadModule();
      } finally {
        setFlagsFromString('--no-liftoff-only');
      }
    } else {
      await l.loadModule();
    }
    lib = l;
  })();
  return loadingLib;
}

/**
 * Loads the parser's wasm and the deparser once; await it before calling the functions below.
 *
 * @example
 * await loadLibpg();
 * parseSync('SELECT 1').stmts.length // 1
 */
export function loadLibpg(): Promise<void> {
  loading ??= Promise.all([
    loadLibpgQuery(),
    Promise.resolve().then(() => {
      deparser = requireCjs('pgsql-deparser') as Deparser;
    }),
  ]).then(() => undefined);
  return loading;
}

function loaded(): { lib: LibPgQuery } {
  if (!lib) throw new Error('internal: the SQL parser was used before loadLibpg() resolved');
  return { lib };
}

function loadedDeparser(): Deparser {
  if (!deparser) throw new Error('internal: the SQL deparser was used before loadLibpg() resolved');
  return deparser;
}

/** libpg-query's `parseSync` (the JSON parse tree of `sql`). */
export const parseSync: LibPgQuery['parseSync'] = (sql) => loaded().lib.parseSync(sql);
/** PL/pgSQL's own parser (`CREATE FUNCTION … LANGUAGE plpgsql` → its datums and statements), libpg-query's. */
export const parsePlPgSQLSync: LibPgQuery['parsePlPgSQLSync'] = (sql) => loaded().lib.parsePlPgSQLSync(sql);
/**
 * The scanner's own error (an unterminated quoted string, quoted identifier, dollar-quoted string or
 * comment; a bad escape…), with the UTF-8 byte offset where PostgreSQL puts its cursor (where the
 * unterminated token opens).
 */
export class ScanError extends Error {
  constructor(message: string, readonly cursor: number) {
    super(message);
    this.name = 'ScanError';
  }
}

/**
 * libpg-query's `scanSync` (the scanner's tokens of `sql`). Where the scanner fails, libpg-query hands its
 * message to JSON.parse ("Unexpected token 'u', \"unterminat\"… is not valid JSON"); this throws a
 * `ScanError` with PostgreSQL's message and position instead.
 *
 * @example
 * scanSync('SELECT $$ 1') // throws ScanError('unterminated dollar-quoted string at or near "$$ 1"', 7)
 */
export const scanSync: LibPgQuery['scanSync'] = (sql) => {
  try {
    return loaded().lib.scanSync(sql);
  } catch (e) {
    throw scannerError(sql) ?? e;
  }
};

/** Longest text of the token an error message quotes (`at or near "…"`): an unterminated one runs to the end of the file. */
const NEAR_LIMIT = 40;

/**
 * The scanner error of `sql`, located: the parser runs the scanner as it goes, so its first error is the
 * scanner's when nothing before it is a grammar error; after a grammar error the parse restarts at that
 * error's token (the scanner is between tokens there), a bounded number of times.
 */
/** Bytes that are always a token of their own (never start a quote, a comment or a longer operator). */
const SINGLE_CHAR_TOKENS = [...'(),;[]'].map((c) => c.charCodeAt(0));

function scannerError(sql: string): ScanError | undefined {
  const buf = Buffer.from(sql, 'utf8');
  let base = 0;
  // A grammar error on the first token of the rest (`oops; …`): parsed again behind `SELECT `, which
  // makes most single tokens an expression, so the scanner gets past it.
  let lead = '';
  for (let round = 0; round < 64 && base < buf.length; round++) {
    try {
      loaded().lib.parseSync(lead + (base === 0 ? sql : buf.toString('utf8', base)));
      return undefined;
    } catch (e) {
      const d = (e as { sqlDetails?: { cursorPosition?: number; fileName?: string } }).sqlDetails;
      const cursor = (d?.cursorPosition ?? 0) - lead.length;
      // Grammar errors also come through scan.l (scanner_yyerror), as "syntax error at or near …".
      if (d?.fileName === 'scan.l' && !/^syntax error\b/.test((e as Error).message)) return new ScanError(shortenNear((e as Error).message), base + Math.max(0, cursor));
      if (!d || cursor < 0) return undefined;
      if (cursor === 0 && SINGLE_CHAR_TOKENS.includes(buf[base]!)) {
        base += 1; // `)`, `,`, `;`…: a token of one byte, stepped over
        lead = '';
        continue;
      }
      if (cursor === 0 && lead) return undefined;
      lead = cursor === 0 ? 'SELECT ' : '';
      base += cursor;
    }
  }
  return undefined;
}

function shortenNear(message: string): string {
  return message.replace(/ at or near "([\s\S]*)"$/, (_, near: string) => {
    const line = near.split('\n')[0]!;
    return ` at or near "${line.length > NEAR_LIMIT ? line.slice(0, NEAR_LIMIT) : line}${line.length > NEAR_LIMIT || line.length < near.replace(/\n+$/, '').length ? '…' : ''}"`;
  });
}
/** pgsql-deparser's `deparseSync` (SQL text of a parse tree). */
export const deparseSync = ((...args: Parameters<Deparser['deparseSync']>) => loadedDeparser().deparseSync(...args)) as Deparser['deparseSync'];
