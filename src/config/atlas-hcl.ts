/**
 * A small subset of Atlas's project file `atlas.hcl`: `env "name" { … }` blocks with `url`, `dev`,
 * `schemas`, `exclude`, `protected` (Meridian's own: `true`/`false`), `revisions_schema` and a nested `migration { dir = … }` block. Values are string
 * literals, lists of string literals, or `getenv("NAME")`. Anything else is an error naming file:line.
 */
import { MeridianError } from '../errors.js';

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

type Tok = { t: 'ident' | 'str' | 'punct'; v: string; line: number };

function lex(text: string, file: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '/' && text[i + 1] === '*') { const end = text.indexOf('*/', i + 2); const seg = text.slice(i, end < 0 ? text.length : end + 2); line += seg.split('\n').length - 1; i += seg.length; continue; }
    if (c === '"') {
      let j = i + 1; let v = '';
      while (j < text.length && text[j] !== '"') { if (text[j] === '\\') { v += text[j + 1]; j += 2; } else { v += text[j]; j++; } }
      if (j >= text.length) throw new MeridianError('E_CONFIG', `${file}:${line}: unterminated string`);
      out.push({ t: 'str', v, line }); i = j + 1; continue;
    }
    if (/[A-Za-z_]/.test(c)) { let j = i; while (j < text.length && /[\w.-]/.test(text[j]!)) j++; out.push({ t: 'ident', v: text.slice(i, j), line }); i = j; continue; }
    if ('{}[]=(),'.includes(c)) { out.push({ t: 'punct', v: c, line }); i++; continue; }
    throw new MeridianError('E_CONFIG', `${file}:${line}: unexpected character "${c}" (Meridian reads a subset of atlas.hcl: env blocks with string values)`);
  }
  return out;
}

type Value = string | string[] | Block;
interface Block { kind: string; labels: string[]; attrs: Record<string, Value>; blocks: Block[] }

/**
 * Parses atlas.hcl text into its env blocks.
 *
 * @example
 * parseAtlasHcl('env "local" { url = "postgres://localhost/db" }', 'atlas.hcl')[0].url
 */
export function parseAtlasHcl(text: string, file: string, env: NodeJS.ProcessEnv = process.env): AtlasHclEnv[] {
  const toks = lex(text, file);
  let p = 0;
  const err = (msg: string): never => { throw new MeridianError('E_CONFIG', `${file}:${toks[Math.min(p, toks.length - 1)]?.line ?? 1}: ${msg}`); };
  const expect = (v: string) => { if (toks[p]?.v !== v) err(`expected "${v}"`); p++; };
  const value = (): string | string[] => {
    const t = toks[p];
    if (!t) return err('expected a value');
    if (t.t === 'str') { p++; return t.v; }
    if (t.v === '[') {
      p++; const list: string[] = [];
      while (toks[p] && toks[p]!.v !== ']') { const v = value(); if (typeof v !== 'string') err('nested lists are not supported'); list.push(v as string); if (toks[p]?.v === ',') p++; }
      expect(']'); return list;
    }
    if (t.t === 'ident' && (t.v === 'true' || t.v === 'false')) { p++; return t.v; }
    if (t.t === 'ident' && t.v === 'getenv') {
      p++; expect('('); const n = toks[p]; if (n?.t !== 'str') err('getenv expects a string'); p++; expect(')');
      return env[n!.v] ?? '';
    }
    return err(`unsupported value "${t.v}" (Meridian reads string literals, lists and getenv("NAME"))`);
  };
  const block = (kind: string): Block => {
    const labels: string[] = [];
    while (toks[p]?.t === 'str') labels.push(toks[p++]!.v);
    expect('{');
    const b: Block = { kind, labels, attrs: {}, blocks: [] };
    while (toks[p] && toks[p]!.v !== '}') {
      const name = toks[p];
      if (name?.t !== 'ident') err('expected an attribute or block name');
      p++;
      if (toks[p]?.v === '=') { p++; b.attrs[name!.v] = value(); } else b.blocks.push(block(name!.v));
    }
    expect('}');
    return b;
  };
  const top: Block[] = [];
  while (p < toks.length) {
    const t = toks[p]!;
    if (t.t !== 'ident') err('expected a block');
    p++;
    if (toks[p]?.v === '=') { p++; value(); continue; }
    top.push(block(t.v));
  }
  const str = (b: Block, k: string): string | undefined => {
    const v = b.attrs[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new MeridianError('E_CONFIG', `${file}: env "${b.labels[0]}": "${k}" must be a string`);
    return v;
  };
  const list = (b: Block, k: string): string[] | undefined => {
    const v = b.attrs[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw new MeridianError('E_CONFIG', `${file}: env "${b.labels[0]}": "${k}" must be a list of strings`);
    return v;
  };
  return top.filter((b) => b.kind === 'env').map((b) => {
    const name = b.labels[0] ?? str(b, 'name');
    if (!name) throw new MeridianError('E_CONFIG', `${file}: env block without a name`);
    const mig = b.blocks.find((x) => x.kind === 'migration');
    const src = b.attrs['src'];
    const prot = str(b, 'protected');
    if (prot !== undefined && prot !== 'true' && prot !== 'false') throw new MeridianError('E_CONFIG', `${file}: env "${name}": "protected" must be true or false`);
    return {
      name,
      ...(prot !== undefined ? { protected: prot === 'true' } : {}),
      url: str(b, 'url'),
      dev: str(b, 'dev'),
      schemas: list(b, 'schemas'),
      exclude: list(b, 'exclude'),
      revisionsSchema: mig ? str(mig, 'revisions_schema') : undefined,
      migrationDir: mig ? str(mig, 'dir') : undefined,
      schemaSrc: typeof src === 'string' ? src : Array.isArray(src) ? src[0] : undefined,
    };
  });
}
