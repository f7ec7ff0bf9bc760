/**
 * Atlas's project file `atlas.hcl`, read as Atlas reads it (HCL native syntax, ./hcl.ts; evaluation,
 * ./hcl-eval.ts): `env "name" { … }` blocks (or one unlabeled env block for any --env) with `url`, `dev`,
 * `schemas`, `exclude`, `protected` (Meridian's own), `src` / `schema { src }` and a nested
 * `migration { dir, revisions_schema }`; values may use `var.*` (`variable` blocks, `--var name=value`),
 * `local.*`, `getenv()`, `atlas.env`, heredocs and `data "runtimevar"` (constant://, file://). What needs a
 * database or a cloud account (`data "sql"`, a `for_each` fleet env) is refused with `atlas.hcl:line:col`
 * when the selected env uses it. Only the selected env is evaluated, so the rest of the file never gets
 * in the way of a command.
 */
import { MeridianError } from '../errors.js';
import { hclError, parseHcl, type HclBlock, type HclExpr } from './hcl.js';
import { HclEvaluator, type HclValue } from './hcl-eval.js';

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
}

export interface AtlasHclOptions {
  /** The env to evaluate (`--env`); without it every labelled env is evaluated. */
  readonly select?: string;
  /** `--var name=value` flags. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Directory relative paths (file(), runtimevar file://) resolve from. */
  readonly cwd?: string;
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
  const ev = new HclEvaluator(top, { file, cwd: opts.cwd ?? process.cwd(), environ, vars: opts.vars ?? {}, envName: opts.select });
  const envs = top.blocks.filter((b) => b.type === 'env');
  // A labelled env block of that name wins; an unlabeled one (`env { name = atlas.env … }`) serves any other name.
  const named = envs.filter((b) => b.labels[0] === opts.select);
  const chosen = opts.select === undefined ? envs.filter((b) => b.labels[0]) : named.length ? named : envs.filter((b) => !b.labels[0]);
  return chosen.map((b) => envFrom(b, opts.select ?? b.labels[0]!, ev.with({ envName: opts.select ?? b.labels[0] }), file));
}

function envFrom(b: HclBlock, name: string, ev: HclEvaluator, file: string): AtlasHclEnv {
  const attrs = b.body.attrs;
  if (attrs.for_each) {
    const targets = ev.eval(attrs.for_each);
    const n = Array.isArray(targets) ? targets.length : targets && typeof targets === 'object' ? Object.keys(targets).length : 0;
    throw hclError(file, attrs.for_each, `env "${name}" applies to ${n} target${n === 1 ? '' : 's'} (for_each): Meridian does not run an env over several targets yet; run the command once per target with --url`);
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
