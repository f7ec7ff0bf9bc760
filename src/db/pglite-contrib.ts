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
import { extract } from 'tar-stream';

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
 * The regular files of a tar archive (through tar-stream, which handles ustar, GNU long names and pax paths),
 * directories and links left out.
 *
 * @example
 * await untar(gunzipSync(readFileSync('cube.tar.gz'))) // [{ path: 'lib/postgresql/cube.so', data }, …]
 */
export async function untar(bytes: Uint8Array): Promise<BundleFile[]> {
  const out: BundleFile[] = [];
  const archive = extract();
  archive.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  for await (const entry of archive) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    if (entry.header.type === 'file' || entry.header.type === 'contiguous-file') out.push({ path: entry.header.name.replace(/^\.\//, ''), data: new Uint8Array(Buffer.concat(chunks)) });
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
      files.push(...(await untar(gunzipSync(readFileSync(fileURLToPath(bundle))))));
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
