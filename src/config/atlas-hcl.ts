/**
 * Atlas's project file `atlas.hcl`, read as Atlas reads it (HCL native syntax, ./hcl.ts; evaluation,
 * ./hcl-eval.ts): `env "name" { … }` blocks (or one unlabeled env block for any --env) with `url`, `dev`,
 * `schemas`, `exclude`, `protected` (Meridian's own), `src` / `schema { src }` and a nested
 * `migration { dir, revisions_schema }`; values may use `var.*` (`variable` blocks, `--var name=value`),
 * `local.*`, `getenv()`, `atlas.env`, heredocs and `data "runtimevar"` (constant://, file://). A fleet env
 * (`for_each` over a list, often `toset(data.sql.tenants.values)`) is expanded into one instance per element
 * when the caller asks for it (`expand: true`; `expandAtlasHclEnv` also runs the `data "sql"` queries);
 * otherwise it is refused with `atlas.hcl:line:col`. Only the selected env is evaluated, so the rest of the
 * file never gets in the way of a command.
 */
import { MeridianError } from '../errors.js';
import { hclError, parseHcl, type HclBlock, type HclExpr } from './hcl.js';
import { HclEvaluator, SqlDataNeeded, sqlDataValue, type HclValue } from './hcl-eval.js';

export interface AtlasHclEnv {
  readonly name: string;
  readonly url?: string;
  readonly dev?: string;
  readonly schemas?: string[];
  readonly exclude?: string[];
  readonly revisionsSchema?: string;
  readonly migrationDir?: string;
  readonly schemaSrc?: string;
  /** `protected = true|false`: Meridian's guard rails for this environment (see config/protection.ts). */
  readonly protected?: boolean;
  /**
   * A `for_each` env, expanded (`expand: true`): one instance per element of the list, each evaluated with
   * `each.key` / `each.value` (its `name` is the element). Undefined for an ordinary env.
   */
  readonly instances?: readonly AtlasHclEnv[];
}

export interface AtlasHclOptions {
  /** The env to evaluate (`--env`); without it every labelled env is evaluated. */
  readonly select?: string;
  /** `--var name=value` flags. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Directory relative paths (file(), runtimevar file://) resolve from. */
  readonly cwd?: string;
  /** Expand a `for_each` env into `instances` instead of refusing it. */
  readonly expand?: boolean;
  /** Values of `data "sql"` sources already queried (see hcl-eval.ts). */
  readonly sqlData?: ReadonlyMap<string, HclValue>;
}

/**
 * The env names a project file declares (labels of `env` blocks), for messages; nothing is evaluated.
 *
 * @example
 * atlasHclEnvNames('env "local" {}\nenv "prod" {}', 'atlas.hcl') // ['local', 'prod']
 */
export function atlasHclEnvNames(text: string, file: string): string[] {
  return parseHcl(text, file).blocks.filter((b) => b.type === 'env' && b.labels[0]).map((b) => b.labels[0]!);
}

/**
 * Reads atlas.hcl and evaluates its env blocks (only `opts.select` when given).
 *
 * @example
 * parseAtlasHcl('env "local" { url = "postgres://localhost/db" }', 'atlas.hcl')[0].url
 */
export function parseAtlasHcl(text: string, file: string, environ: NodeJS.ProcessEnv = process.env, opts: AtlasHclOptions = {}): AtlasHclEnv[] {
  const top = parseHcl(text, file);
  const ev = new HclEvaluator(top, { file, cwd: opts.cwd ?? process.cwd(), environ, vars: opts.vars ?? {}, envName: opts.select, sqlData: opts.sqlData });
  const envs = top.blocks.filter((b) => b.type === 'env');
  // A labelled env block of that name wins; an unlabeled one (`env { name = atlas.env … }`) serves any other name.
  const named = envs.filter((b) => b.labels[0] === opts.select);
  const chosen = opts.select === undefined ? envs.filter((b) => b.labels[0]) : named.length ? named : envs.filter((b) => !b.labels[0]);
  return chosen.map((b) => envFrom(b, opts.select ?? b.labels[0]!, ev.with({ envName: opts.select ?? b.labels[0] }), file, opts.expand ?? false));
}

/**
 * `parseAtlasHcl` with `expand: true` that also runs the `data "sql"` queries the selected env needs, through
 * `query` (first column of each row, as Atlas reads it). Each source is queried once.
 *
 * @example
 * const [fleet] = await expandAtlasHclEnv(text, 'atlas.hcl', process.env, { select: 'fleet' }, runQuery);
 * fleet.instances?.map((i) => i.url)
 */
export async function expandAtlasHclEnv(
  text: string,
  file: string,
  environ: NodeJS.ProcessEnv,
  opts: AtlasHclOptions,
  query: (url: string, sql: string, args: ReadonlyArray<string | number | boolean>) => Promise<HclValue[]>,
): Promise<AtlasHclEnv[]> {
  const sqlData = new Map<string, HclValue>(opts.sqlData ?? []);
  for (;;) {
    try {
      return parseAtlasHcl(text, file, environ, { ...opts, expand: true, sqlData });
    } catch (e) {
      if (!(e instanceof SqlDataNeeded) || sqlData.has(e.key)) throw e;
      let rows: HclValue[];
      try {
        rows = await query(e.url, e.query, e.args);
      } catch (err) {
        const where = e.message.slice(0, e.message.indexOf(': data "sql"'));
        throw new MeridianError('E_CONFIG', `${where}: data "${e.key.replace('.', '" "')}": ${(err as Error).message}`, { cause: err });
      }
      sqlData.set(e.key, sqlDataValue(rows));
    }
  }
}

function envFrom(b: HclBlock, name: string, ev: HclEvaluator, file: string, expand: boolean): AtlasHclEnv {
  const attrs = b.body.attrs;
  if (attrs.for_each) {
    const targets = ev.eval(attrs.for_each);
    const entries: Array<[HclValue, HclValue]> = Array.isArray(targets)
      ? targets.map((v, i) => [typeof v === 'string' || typeof v === 'number' ? v : i, v])
      : targets && typeof targets === 'object' ? Object.entries(targets) : [];
    if (!Array.isArray(targets) && !(targets && typeof targets === 'object')) throw hclError(file, attrs.for_each, `env "${name}": for_each needs a list, a set or an object`);
    const n = entries.length;
    if (!expand) {
      throw hclError(file, attrs.for_each, `env "${name}" applies to ${n} target${n === 1 ? '' : 's'} (for_each): only migrate apply, migrate status and migrate diff (a drift report) run over a fleet; run this command once per target with --url`);
    }
    const rest: Record<string, HclExpr> = { ...attrs };
    delete rest.for_each;
    const inner: HclBlock = { ...b, body: { ...b.body, attrs: rest } };
    const instances = entries.map(([key, value]) => envFrom(inner, typeof key === 'string' || typeof key === 'number' ? String(key) : name, ev.with({ each: { key, value } }), file, false));
    return { name, instances };
  }
  const str = (e: HclExpr | undefined): string | undefined => (e ? ev.str(e, ev.eval(e)) : undefined);
  const list = (e: HclExpr | undefined): string[] | undefined => {
    if (!e) return undefined;
    const v = ev.eval(e);
    const items: HclValue[] = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    if (!Array.isArray(v) && typeof v !== 'string') throw hclError(file, e, 'expected a list of strings');
    return items.map((x) => ev.str(e, x));
  };
  const mig = b.body.blocks.find((x) => x.type === 'migration');
  const schemaBlock = b.body.blocks.find((x) => x.type === 'schema');
  const srcExpr = attrs.src ?? schemaBlock?.body.attrs.src;
  const src = srcExpr ? list(srcExpr) : undefined;
  let prot: boolean | undefined;
  if (attrs.protected) {
    const v = ev.eval(attrs.protected);
    if (v === true || v === 'true') prot = true;
    else if (v === false || v === 'false') prot = false;
    else throw hclError(file, attrs.protected, `env "${name}": "protected" must be true or false`);
  }
  const url = str(attrs.url);
  if (!name) throw new MeridianError('E_CONFIG', `${file}: env block without a name`);
  return {
    name,
    ...(prot !== undefined ? { protected: prot } : {}),
    url,
    dev: str(attrs.dev),
    schemas: list(attrs.schemas),
    exclude: list(attrs.exclude),
    revisionsSchema: str(mig?.body.attrs.revisions_schema),
    migrationDir: str(mig?.body.attrs.dir),
    schemaSrc: src?.[0],
  };
}
