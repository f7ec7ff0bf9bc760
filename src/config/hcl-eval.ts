/**
 * Evaluates HCL expressions (./hcl.ts) the way Atlas evaluates its project file, for what can run without a
 * database or a cloud account: `var.*` (variable defaults and `--var` flags), `local.*`, `atlas.env`,
 * `getenv()`, string functions, `data "runtimevar"` with `constant://` and `file://` URLs, and `each.*`
 * inside a `for_each` env. A `data "sql"` source needs a database: its value is given by the caller
 * (`EvalContext.sqlData`, filled by `expandAtlasHclEnv`, which runs the query); without it, referencing one
 * throws `SqlDataNeeded`, a located error that carries the evaluated url, query and args.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { MeridianError } from '../errors.js';
import { hclError, type HclBlock, type HclBody, type HclExpr, type Pos } from './hcl.js';

export type HclValue = string | number | boolean | null | HclValue[] | { [k: string]: HclValue };

export interface EvalContext {
  readonly file: string;
  readonly cwd: string;
  readonly environ: NodeJS.ProcessEnv;
  /** `--var name=value` flags. */
  readonly vars: Readonly<Record<string, string>>;
  /** The env the command selected (`atlas.env`). */
  readonly envName?: string;
  /** `each.key` / `each.value` while evaluating one instance of a `for_each` env. */
  readonly each?: { readonly key: HclValue; readonly value: HclValue };
  /** Values of `data "sql"` sources already queried, by `sql.<name>` (`{ count, values, value }` as Atlas gives). */
  readonly sqlData?: ReadonlyMap<string, HclValue>;
}

/**
 * A `data "sql"` source was referenced and its value is not known yet: the caller may run `query` (with
 * `args`) on `url`, put Atlas's `{ count, values, value }` under `key` in `EvalContext.sqlData` and evaluate again.
 * Its message is the located refusal a synchronous caller shows.
 */
export class SqlDataNeeded extends MeridianError {
  constructor(
    message: string,
    readonly key: string,
    readonly url: string,
    readonly query: string,
    readonly args: ReadonlyArray<string | number | boolean>,
  ) {
    super('E_CONFIG', message);
  }
}

/**
 * Atlas's value of a `data "sql"` source from the first column of its rows.
 *
 * @example
 * sqlDataValue(['a', 'b']) // { count: 2, values: ['a', 'b'], value: 'a' }
 */
export function sqlDataValue(values: readonly HclValue[]): HclValue {
  return { count: values.length, values: [...values], value: values[0] ?? null };
}

/**
 * The evaluator of one project file: variables, locals and data sources are looked up by name and
 * evaluated on first use (so an unused `data "sql"` never matters), with cycles reported.
 *
 * @example
 * const ev = new HclEvaluator(parseHcl(text, 'atlas.hcl'), { file: 'atlas.hcl', cwd, environ: process.env, vars: {} });
 * ev.eval(envBlock.body.attrs.url) // 'postgres://…'
 */
export class HclEvaluator {
  private readonly locals = new Map<string, HclExpr>();
  private readonly variables = new Map<string, HclBlock>();
  private readonly data = new Map<string, HclBlock>();
  private readonly cache = new Map<string, HclValue>();
  private readonly active = new Set<string>();

  constructor(private readonly top: HclBody, private readonly ctx: EvalContext) {
    for (const b of top.blocks) {
      if (b.type === 'locals') for (const [k, v] of Object.entries(b.body.attrs)) this.locals.set(k, v);
      if (b.type === 'variable' && b.labels[0]) this.variables.set(b.labels[0], b);
      if (b.type === 'data' && b.labels.length === 2) this.data.set(`${b.labels[0]}.${b.labels[1]}`, b);
    }
    for (const name of Object.keys(ctx.vars)) {
      if (!this.variables.has(name)) throw hclError(ctx.file, undefined, `--var ${name}: the project file declares no variable "${name}"`);
    }
  }

  /** The same evaluator with other `atlas.env` / `each` values (one instance of a for_each env). */
  with(extra: Partial<Pick<EvalContext, 'envName' | 'each'>>): HclEvaluator {
    return new HclEvaluator(this.top, { ...this.ctx, ...extra });
  }

  eval(e: HclExpr): HclValue {
    switch (e.k) {
      case 'lit':
        return e.v;
      case 'tpl':
        return e.parts.map((p) => (typeof p === 'string' ? p : this.str(p, this.eval(p)))).join('');
      case 'list':
        return e.items.map((x) => this.eval(x));
      case 'obj':
        return Object.fromEntries(e.entries.map(([k, v]) => [k, this.eval(v)]));
      case 'cond': {
        const t = this.eval(e.test);
        if (typeof t !== 'boolean') throw hclError(this.ctx.file, e.test, 'a condition must be true or false');
        return this.eval(t ? e.then : e.else);
      }
      case 'call':
        return this.call(e, e.args.map((a) => this.eval(a)));
      case 'ref':
        return this.ref(e);
    }
  }

  /** A value that must be a string (numbers and booleans print as HCL converts them). */
  str(at: Pos, v: HclValue): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw hclError(this.ctx.file, at, `expected a string, got ${v === null ? 'null' : Array.isArray(v) ? 'a list' : 'an object'}`);
  }

  private ref(e: HclExpr & { k: 'ref' }): HclValue {
    const step = (i: number) => {
      const s = e.path[i];
      return s === undefined ? undefined : typeof s === 'string' ? s : this.eval(s);
    };
    const first = step(0);
    let value: HclValue;
    let rest = 1;
    switch (e.root) {
      case 'var':
        value = this.variable(e, String(first));
        break;
      case 'local':
        value = this.local(e, String(first));
        break;
      case 'atlas':
        if (first !== 'env') throw hclError(this.ctx.file, e, `atlas.${String(first)} is not known (atlas.env is)`);
        if (this.ctx.envName === undefined) throw hclError(this.ctx.file, e, 'atlas.env is used but no --env was given');
        value = this.ctx.envName;
        break;
      case 'each':
        if (!this.ctx.each) throw hclError(this.ctx.file, e, 'each.* is only defined inside an env block with for_each');
        if (first !== 'key' && first !== 'value') throw hclError(this.ctx.file, e, 'each has only key and value');
        value = this.ctx.each[first];
        break;
      case 'data':
        value = this.dataSource(e, `${String(first)}.${String(step(1))}`);
        rest = 2;
        break;
      default:
        throw hclError(this.ctx.file, e, `unknown reference "${e.root}" (use var.*, local.*, data.*, each.* or atlas.env)`);
    }
    for (let i = rest; i < e.path.length; i++) {
      const key = step(i)!;
      if (Array.isArray(value) && typeof key === 'number') value = value[key] ?? null;
      else if (value && typeof value === 'object' && !Array.isArray(value) && typeof key === 'string' && key in value) value = value[key]!;
      else throw hclError(this.ctx.file, e, `${e.root}.${e.path.slice(0, i + 1).map((p) => (typeof p === 'string' ? p : '[…]')).join('.')} does not exist`);
    }
    return value;
  }

  private once(key: string, at: Pos, f: () => HclValue): HclValue {
    if (this.cache.has(key)) return this.cache.get(key)!;
    if (this.active.has(key)) throw hclError(this.ctx.file, at, `${key} refers to itself`);
    this.active.add(key);
    try {
      const v = f();
      this.cache.set(key, v);
      return v;
    } finally {
      this.active.delete(key);
    }
  }

  private variable(at: Pos, name: string): HclValue {
    return this.once(`var.${name}`, at, () => {
      const decl = this.variables.get(name);
      if (!decl) throw hclError(this.ctx.file, at, `var.${name}: no variable "${name}" is declared`);
      if (name in this.ctx.vars) return this.ctx.vars[name]!;
      const def = decl.body.attrs.default;
      if (!def) throw hclError(this.ctx.file, decl, `variable "${name}" has no value: pass --var ${name}=… or give it a default`);
      return this.eval(def);
    });
  }

  private local(at: Pos, name: string): HclValue {
    return this.once(`local.${name}`, at, () => {
      const e = this.locals.get(name);
      if (!e) throw hclError(this.ctx.file, at, `local.${name}: no such local value`);
      return this.eval(e);
    });
  }

  private dataSource(at: Pos, key: string): HclValue {
    return this.once(`data.${key}`, at, () => {
      const b = this.data.get(key);
      if (!b) throw hclError(this.ctx.file, at, `data.${key}: no such data source`);
      const kind = b.labels[0];
      if (kind === 'runtimevar') return this.runtimevar(b);
      if (kind === 'sql') return this.sql(b, key);
      throw hclError(this.ctx.file, b, `data "${kind}" sources are not supported by Meridian (supported: runtimevar with constant:// or file://)`);
    });
  }

  /** `data "sql"`: the value the caller queried, else `SqlDataNeeded` with what to query. */
  private sql(b: HclBlock, key: string): HclValue {
    const known = this.ctx.sqlData?.get(key);
    if (known !== undefined) return known;
    const name = `data "sql" "${b.labels[1]}"`;
    const a = b.body.attrs;
    for (const k of Object.keys(a)) {
      if (!['url', 'query', 'args'].includes(k)) throw hclError(this.ctx.file, a[k], `${name}: unexpected attribute "${k}" (url, query and args are)`);
    }
    if (!a.url || !a.query) throw hclError(this.ctx.file, b, `${name} needs url and query`);
    const url = this.str(a.url, this.eval(a.url));
    const query = this.str(a.query, this.eval(a.query));
    const argv = a.args ? this.eval(a.args) : [];
    if (!Array.isArray(argv) || argv.some((x) => x === null || typeof x === 'object')) throw hclError(this.ctx.file, a.args, `${name}: attribute "args" must be a list of strings, numbers or booleans`);
    const where = hclError(this.ctx.file, b, '').message.replace(/: $/, '');
    throw new SqlDataNeeded(
      `${where}: ${name} runs a query on a database to configure an env; only commands that run over a fleet (migrate apply, migrate status, migrate diff) evaluate it: pass the values with --url / --var instead`,
      key, url, query, argv as Array<string | number | boolean>,
    );
  }

  /** `data "runtimevar"`: `constant://?val=…` and `file://path` need no cloud account; others are refused. */
  private runtimevar(b: HclBlock): HclValue {
    const urlExpr = b.body.attrs.url;
    if (!urlExpr) throw hclError(this.ctx.file, b, `data "runtimevar" "${b.labels[1]}" needs a url`);
    const url = this.str(urlExpr, this.eval(urlExpr));
    if (url.startsWith('constant://')) return new URL(url.replace(/^constant:\/\//, 'http://x/')).searchParams.get('val') ?? '';
    if (url.startsWith('file://')) {
      const path = decodeURIComponent(url.slice('file://'.length).split('?')[0]!);
      const full = isAbsolute(path) ? path : resolve(this.ctx.cwd, path);
      try {
        return readFileSync(full, 'utf8').replace(/\r?\n$/, '');
      } catch (e) {
        throw hclError(this.ctx.file, urlExpr, `data "runtimevar" "${b.labels[1]}": cannot read ${full}: ${(e as Error).message}`);
      }
    }
    throw hclError(this.ctx.file, urlExpr, `data "runtimevar" "${b.labels[1]}": "${url.split(':')[0]}" variables need a cloud account; Meridian reads constant:// and file:// (or pass the value with --var)`);
  }

  private call(e: HclExpr & { k: 'call' }, args: HclValue[]): HclValue {
    const s = (i: number) => this.str(e.args[i] ?? e, args[i] ?? null);
    switch (e.name) {
      case 'getenv':
        return this.ctx.environ[s(0)] ?? '';
      case 'lower':
        return s(0).toLowerCase();
      case 'upper':
        return s(0).toUpperCase();
      case 'trimspace':
        return s(0).trim();
      case 'replace':
        return s(0).split(s(1)).join(s(2));
      case 'join': {
        const list = args[1];
        if (!Array.isArray(list)) throw hclError(this.ctx.file, e, 'join(separator, list) needs a list');
        return list.map((x, i) => this.str(e.args[1] ?? e, x ?? String(i))).join(s(0));
      }
      case 'split':
        return s(1).split(s(0));
      case 'format': {
        let i = 1;
        return s(0).replace(/%[sdv%]/g, (m) => (m === '%%' ? '%' : s(i++)));
      }
      case 'toset':
      case 'tolist': {
        const list = args[0];
        if (!Array.isArray(list)) throw hclError(this.ctx.file, e, `${e.name}() needs a list`);
        return e.name === 'toset' ? [...new Map(list.map((x) => [JSON.stringify(x), x])).values()] : list;
      }
      case 'file': {
        const path = s(0);
        return readFileSync(isAbsolute(path) ? path : resolve(this.ctx.cwd, path), 'utf8');
      }
      case 'urlsetpath': {
        const u = new URL(s(0));
        u.pathname = `/${s(1).replace(/^\//, '')}`;
        return u.toString();
      }
      case 'urlqueryset': {
        const u = new URL(s(0));
        u.searchParams.set(s(1), s(2));
        return u.toString();
      }
      case 'urlescape':
        return encodeURIComponent(s(0));
      default:
        throw hclError(this.ctx.file, e, `function ${e.name}() is not supported by Meridian's reading of atlas.hcl`);
    }
  }
}
