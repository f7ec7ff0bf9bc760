/**
 * The contrib extensions of every embedded database, installed without loading their libraries.
 *
 * In:  the names of PGlite's contrib extensions (PGLITE_CONTRIB). Out: one PGlite extension that writes their
 * files (control files, SQL scripts, libraries) into a new instance's file system before PostgreSQL starts.
 * Never: compiles a library at start. Given as PGlite extensions, each bundle was unpacked at every start and its
 * library compiled and linked (`.so` files are wasm modules, preloaded by emscripten) whether or not the database
 * ever created the extension: ~0.25 s of CPU of every start for 19 libraries nobody used. Written as plain files,
 * a library is compiled by PostgreSQL's own dlopen when `CREATE EXTENSION` (or a function of it) first needs it,
 * in that database only; `pg_available_extensions` lists the same extensions as before. The bundles are read and
 * unpacked once per process.
 *
 * An extension whose setup does more than name its bundle (shared preload libraries, a namespace, an init step)
 * is handed to PGlite as it is.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** A PGlite extension (the part of @electric-sql/pglite's `Extension` this module uses). */
interface PgliteExtension {
  readonly name: string;
  setup(pg: unknown, emscriptenOpts: Record<string, unknown>, clientOnly?: boolean): Promise<Record<string, unknown>>;
}

/** A file of an extension's bundle, relative to PGlite's installation prefix (`lib/postgresql/x.so`). */
interface BundleFile {
  readonly path: string;
  readonly data: Uint8Array;
}

/** The emscripten module as a preRun step sees it (its file system and installation prefix). */
interface EmscriptenModule {
  readonly WASM_PREFIX?: string;
  readonly FS: {
    analyzePath(path: string): { exists: boolean };
    mkdirTree(path: string): void;
    writeFile(path: string, data: Uint8Array): void;
  };
}

/**
 * The files of a tar archive (ustar, with GNU long names and pax paths), directories left out.
 *
 * @example
 * untar(gunzipSync(readFileSync('cube.tar.gz'))) // [{ path: 'lib/postgresql/cube.so', data }, …]
 */
export function untar(bytes: Uint8Array): BundleFile[] {
  const out: BundleFile[] = [];
  const text = (from: number, to: number): string => {
    let end = from;
    while (end < to && bytes[end] !== 0) end++;
    return Buffer.from(bytes.buffer, bytes.byteOffset + from, end - from).toString('utf8');
  };
  let nextName: string | undefined;
  for (let off = 0; off + 512 <= bytes.length; ) {
    if (bytes[off] === 0) break; // the end-of-archive blocks
    const size = parseInt(text(off + 124, off + 136).trim() || '0', 8);
    const type = String.fromCharCode(bytes[off + 156] || 48);
    const prefix = text(off + 257, off + 262) === 'ustar' ? text(off + 345, off + 500) : '';
    const name = nextName ?? (prefix ? `${prefix}/` : '') + text(off, off + 100);
    nextName = undefined;
    const data = bytes.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') nextName = Buffer.from(data).toString('utf8').replace(/\0[\s\S]*$/, '');
    else if (type === 'x') nextName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.from(data).toString('utf8'))?.[1];
    else if (type === '0' || type === '7') out.push({ path: name.replace(/^\.\//, ''), data });
  }
  return out;
}

/** The extensions' modules, and the files of those that only name a bundle: read once per process (per list of names). */
const prepared = new Map<string, Promise<{ files: BundleFile[]; others: Record<string, PgliteExtension> }>>();

async function prepare(names: readonly string[]): Promise<{ files: BundleFile[]; others: Record<string, PgliteExtension> }> {
  const files: BundleFile[] = [];
  const others: Record<string, PgliteExtension> = {};
  await Promise.all(
    names.map(async (name) => {
      const ext = ((await import(`@electric-sql/pglite/contrib/${name}`)) as Record<string, PgliteExtension>)[name]!;
      const setup = await ext.setup(undefined, {}).catch(() => undefined);
      const bundle = setup?.bundlePath;
      if (!setup || Object.keys(setup).length !== 1 || !(bundle instanceof URL) || bundle.protocol !== 'file:') {
        others[name] = ext;
        return;
      }
      files.push(...untar(gunzipSync(readFileSync(fileURLToPath(bundle)))));
    }),
  );
  // Libraries last: a bundle's other files in the order PGlite wrote them (sorted by name).
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, others };
}

/**
 * The `extensions` option of PGlite.create for these contrib extensions: one extension that writes every
 * bundle's files before PostgreSQL starts, and those whose setup does more, as they are.
 *
 * @example
 * const db = await PGlite.create({ extensions: await contribExtensions(['citext', 'pgcrypto']) });
 * await db.exec('CREATE EXTENSION pgcrypto'); // pgcrypto.so compiled now, in this database only
 */
export async function contribExtensions(names: readonly string[]): Promise<Record<string, unknown>> {
  const key = names.join(',');
  if (!prepared.has(key)) prepared.set(key, prepare(names));
  const { files, others } = await prepared.get(key)!;
  const installed: PgliteExtension = {
    name: 'meridian_contrib_files',
    setup: async (_pg, emscriptenOpts) => ({
      emscriptenOpts: {
        ...emscriptenOpts,
        preRun: [
          ...((emscriptenOpts.preRun as unknown[] | undefined) ?? []),
          (mod: EmscriptenModule) => {
            const root = mod.WASM_PREFIX ?? (emscriptenOpts.WASM_PREFIX as string);
            for (const f of files) {
              const path = `${root}/${f.path}`;
              const dir = path.slice(0, path.lastIndexOf('/'));
              if (!mod.FS.analyzePath(dir).exists) mod.FS.mkdirTree(dir);
              mod.FS.writeFile(path, f.data);
            }
          },
        ],
      },
    }),
  };
  return { ...others, meridian_contrib_files: installed };
}
