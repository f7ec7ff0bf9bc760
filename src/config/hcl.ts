/**
 * HCL native syntax, as far as Atlas project files use it: blocks with labels, attributes, string templates
 * with `${…}` interpolation, heredocs (`<<EOT`, `<<-EOT`), numbers, booleans, null, lists, objects,
 * traversals (`var.url`, `data.sql.tenants.values`, `each.value`, `x[0]`), function calls and the
 * conditional `c ? a : b`. Every node keeps its line and column, so an error names `atlas.hcl:line:col`.
 * Evaluation lives in ./hcl-eval.ts; the Atlas meaning of the blocks in ./atlas-hcl.ts.
 */
import { MeridianError } from '../errors.js';

export interface Pos {
  readonly line: number;
  readonly col: number;
}

export type HclExpr =
  | (Pos & { readonly k: 'lit'; readonly v: string | number | boolean | null })
  | (Pos & { readonly k: 'tpl'; readonly parts: ReadonlyArray<string | HclExpr> })
  | (Pos & { readonly k: 'list'; readonly items: readonly HclExpr[] })
  | (Pos & { readonly k: 'obj'; readonly entries: ReadonlyArray<readonly [string, HclExpr]> })
  | (Pos & { readonly k: 'ref'; readonly root: string; readonly path: ReadonlyArray<string | HclExpr> })
  | (Pos & { readonly k: 'call'; readonly name: string; readonly args: readonly HclExpr[] })
  | (Pos & { readonly k: 'cond'; readonly test: HclExpr; readonly then: HclExpr; readonly else: HclExpr });

export interface HclBody {
  readonly attrs: Readonly<Record<string, HclExpr>>;
  readonly blocks: readonly HclBlock[];
}

export interface HclBlock extends Pos {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclBody;
}

type Tok = Pos & ({ t: 'ident' | 'punct'; v: string } | { t: 'num'; v: number } | { t: 'tpl'; v: ReadonlyArray<string | HclExpr> });

/** A located configuration error: `file:line:col: message`. */
export function hclError(file: string, at: Pos | undefined, message: string): MeridianError {
  // The position is in the message (the CLI prints a MeridianError's location as a prefix too, so it is not set twice).
  return new MeridianError('E_CONFIG', `${file}:${at?.line ?? 1}:${at?.col ?? 1}: ${message}`);
}

class Lexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  constructor(private readonly text: string, private readonly file: string, private readonly base: Pos = { line: 1, col: 1 }) {}

  private pos(at = this.i): Pos {
    return this.line === 1 ? { line: this.base.line, col: this.base.col + at - this.lineStart } : { line: this.base.line + this.line - 1, col: at - this.lineStart + 1 };
  }
  private newline(at: number): void {
    this.line++;
    this.lineStart = at + 1;
  }

  tokens(): Tok[] {
    const out: Tok[] = [];
    const s = this.text;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '\n') { this.newline(this.i); this.i++; continue; }
      if (/\s/.test(c)) { this.i++; continue; }
      if (c === '#' || (c === '/' && s[this.i + 1] === '/')) { while (this.i < s.length && s[this.i] !== '\n') this.i++; continue; }
      if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        if (end < 0) throw hclError(this.file, this.pos(), 'unterminated /* comment');
        for (let j = this.i; j < end; j++) if (s[j] === '\n') this.newline(j);
        this.i = end + 2;
        continue;
      }
      const at = this.pos();
      if (c === '"') { out.push({ t: 'tpl', v: this.quoted(), ...at }); continue; }
      if (c === '<' && s[this.i + 1] === '<') { out.push({ t: 'tpl', v: this.heredoc(), ...at }); continue; }
      if (/[0-9]/.test(c)) {
        const m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(this.i))!;
        out.push({ t: 'num', v: Number(m[0]), ...at });
        this.i += m[0].length;
        continue;
      }
      if (/[A-Za-z_]/.test(c)) {
        const m = /^[A-Za-z_][\w-]*/.exec(s.slice(this.i))!;
        out.push({ t: 'ident', v: m[0], ...at });
        this.i += m[0].length;
        continue;
      }
      const two = s.slice(this.i, this.i + 2);
      if (['==', '!=', '<=', '>=', '&&', '||', '=>', '...'].includes(two)) throw hclError(this.file, at, `operator "${two}" is not supported in Meridian's reading of atlas.hcl`);
      if ('{}[](),=.:?'.includes(c)) { out.push({ t: 'punct', v: c, ...at }); this.i++; continue; }
      throw hclError(this.file, at, `unexpected character "${c}"`);
    }
    return out;
  }

  /** A "…" template: escapes, and `${expr}` parsed as an expression. */
  private quoted(): Array<string | HclExpr> {
    const s = this.text;
    const start = this.pos();
    this.i++;
    const parts: Array<string | HclExpr> = [];
    let lit = '';
    while (this.i < s.length && s[this.i] !== '"') {
      const c = s[this.i]!;
      if (c === '\n') throw hclError(this.file, start, 'unterminated string (use a heredoc <<EOT for several lines)');
      if (c === '\\') {
        const e = s[this.i + 1]!;
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (e === 'u') { lit += String.fromCodePoint(parseInt(s.slice(this.i + 2, this.i + 6), 16)); this.i += 6; continue; }
        if (!(e in map)) throw hclError(this.file, this.pos(), `unknown escape "\\${e}"`);
        lit += map[e];
        this.i += 2;
        continue;
      }
      if (c === '$' && s[this.i + 1] === '{') { if (lit) parts.push(lit); lit = ''; parts.push(this.interpolation()); continue; }
      if (c === '$' && s[this.i + 1] === '$' && s[this.i + 2] === '{') { lit += '${'; this.i += 3; continue; }
      lit += c;
      this.i++;
    }
    if (this.i >= s.length) throw hclError(this.file, start, 'unterminated string');
    this.i++;
    if (lit || !parts.length) parts.push(lit);
    return parts;
  }

  /** `${ … }` inside a template: the text up to the matching brace, parsed as one expression. */
  private interpolation(): HclExpr {
    const s = this.text;
    const at = this.pos(this.i + 2);
    let depth = 0;
    let j = this.i + 2;
    for (; j < s.length; j++) {
      const c = s[j];
      if (c === '"') { j = s.indexOf('"', j + 1); if (j < 0) break; continue; }
      if (c === '{') depth++;
      if (c === '}') { if (depth === 0) break; depth--; }
    }
    if (j >= s.length) throw hclError(this.file, at, 'unterminated ${ interpolation');
    const inner = s.slice(this.i + 2, j);
    this.i = j + 1;
    const p = new Parser(new Lexer(inner, this.file, at).tokens(), this.file);
    const e = p.expr();
    p.end();
    return e;
  }

  /** `<<EOT` … `EOT` (or `<<-EOT`, which removes the common indentation), a template like "…". */
  private heredoc(): Array<string | HclExpr> {
    const s = this.text;
    const start = this.pos();
    const m = /^<<(-?)([A-Za-z_]\w*)\r?\n/.exec(s.slice(this.i));
    if (!m) throw hclError(this.file, start, 'a heredoc starts with <<NAME (or <<-NAME) at the end of a line');
    const bodyStart = this.i + m[0].length;
    const from = this.i;
    const lines: string[] = [];
    let j = bodyStart;
    for (;;) {
      const nl = s.indexOf('\n', j);
      const line = s.slice(j, nl < 0 ? s.length : nl);
      if (line.trim() === m[2]) { this.i = nl < 0 ? s.length : nl; break; }
      if (nl < 0) throw hclError(this.file, start, `heredoc <<${m[2]} has no closing ${m[2]} line`);
      lines.push(line.replace(/\r$/, ''));
      j = nl + 1;
    }
    for (let k = from; k < this.i; k++) if (s[k] === '\n') this.newline(k);
    let body = lines;
    if (m[1] === '-') {
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
      body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
    }
    const text = body.map((l) => `${l}\n`).join('');
    // Interpolations inside a heredoc: re-read its text as a quoted template would be (escapes aside).
    if (!text.includes('${')) return [text];
    const inner = new Lexer(`"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`, this.file, start);
    const tok = inner.tokens()[0];
    return tok && tok.t === 'tpl' ? [...tok.v] : [text];
  }
}

class Parser {
  private p = 0;
  constructor(private readonly toks: Tok[], private readonly file: string) {}

  private peek(v?: string): Tok | undefined {
    const t = this.toks[this.p];
    return v === undefined || (t && (t.t === 'punct' || t.t === 'ident') && t.v === v) ? t : undefined;
  }
  private take(v: string): Tok {
    const t = this.toks[this.p];
    if (!t || !((t.t === 'punct' || t.t === 'ident') && t.v === v)) throw hclError(this.file, t ?? this.toks.at(-1), `expected "${v}"`);
    this.p++;
    return t;
  }
  end(): void {
    const t = this.toks[this.p];
    if (t) throw hclError(this.file, t, 'unexpected text after the expression');
  }

  body(closing: boolean): HclBody {
    const attrs: Record<string, HclExpr> = {};
    const blocks: HclBlock[] = [];
    for (;;) {
      const t = this.toks[this.p];
      if (!t) {
        if (closing) throw hclError(this.file, this.toks.at(-1), 'missing "}"');
        break;
      }
      if (t.t === 'punct' && t.v === '}') {
        if (!closing) throw hclError(this.file, t, 'unexpected "}"');
        break;
      }
      if (t.t !== 'ident') throw hclError(this.file, t, 'expected an attribute or a block name');
      this.p++;
      if (this.peek('=')) {
        this.p++;
        if (t.v in attrs) throw hclError(this.file, t, `attribute "${t.v}" is set twice`);
        attrs[t.v] = this.expr();
        continue;
      }
      const labels: string[] = [];
      for (let l = this.toks[this.p]; l && (l.t === 'tpl' || l.t === 'ident'); l = this.toks[this.p]) {
        if (l.t === 'tpl' && (l.v.length > 1 || typeof l.v[0] !== 'string')) throw hclError(this.file, l, 'a block label is a plain string');
        labels.push(l.t === 'tpl' ? (l.v[0] as string) : l.v);
        this.p++;
      }
      this.take('{');
      const inner = this.body(true);
      this.take('}');
      blocks.push({ type: t.v, labels, body: inner, line: t.line, col: t.col });
    }
    return { attrs, blocks };
  }

  expr(): HclExpr {
    const test = this.postfix();
    if (!this.peek('?')) return test;
    this.p++;
    const then = this.expr();
    this.take(':');
    return { k: 'cond', test, then, else: this.expr(), line: test.line, col: test.col };
  }

  private postfix(): HclExpr {
    let e = this.primary();
    for (;;) {
      if (this.peek('.')) {
        this.p++;
        const n = this.toks[this.p];
        if (!n || (n.t !== 'ident' && n.t !== 'num')) throw hclError(this.file, n, 'expected an attribute name after "."');
        this.p++;
        e = this.extend(e, String(n.v));
      } else if (this.peek('[')) {
        this.p++;
        const index = this.expr();
        this.take(']');
        e = this.extend(e, index);
      } else return e;
    }
  }

  private extend(e: HclExpr, step: string | HclExpr): HclExpr {
    if (e.k !== 'ref') throw hclError(this.file, e, 'only variables and data sources can be indexed here');
    return { ...e, path: [...e.path, step] };
  }

  private primary(): HclExpr {
    const t = this.toks[this.p];
    if (!t) throw hclError(this.file, this.toks.at(-1), 'expected a value');
    this.p++;
    const at = { line: t.line, col: t.col };
    if (t.t === 'num') return { k: 'lit', v: t.v, ...at };
    if (t.t === 'tpl') return t.v.length === 1 && typeof t.v[0] === 'string' ? { k: 'lit', v: t.v[0], ...at } : { k: 'tpl', parts: t.v, ...at };
    if (t.t === 'ident') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true', ...at };
      if (t.v === 'null') return { k: 'lit', v: null, ...at };
      if (this.peek('(')) {
        this.p++;
        const args: HclExpr[] = [];
        while (!this.peek(')')) {
          args.push(this.expr());
          if (!this.peek(')')) this.take(',');
        }
        this.take(')');
        return { k: 'call', name: t.v, args, ...at };
      }
      return { k: 'ref', root: t.v, path: [], ...at };
    }
    if (t.v === '[') {
      const items: HclExpr[] = [];
      while (!this.peek(']')) {
        items.push(this.expr());
        if (!this.peek(']')) this.take(',');
      }
      this.take(']');
      return { k: 'list', items, ...at };
    }
    if (t.v === '{') {
      const entries: Array<[string, HclExpr]> = [];
      while (!this.peek('}')) {
        const key = this.toks[this.p];
        if (!key || (key.t !== 'ident' && key.t !== 'tpl')) throw hclError(this.file, key, 'expected an object key');
        this.p++;
        if (this.peek('=') || this.peek(':')) this.p++;
        else throw hclError(this.file, this.toks[this.p], 'expected "=" or ":" after an object key');
        entries.push([key.t === 'ident' ? key.v : String(key.v[0] ?? ''), this.expr()]);
        if (this.peek(',')) this.p++;
      }
      this.take('}');
      return { k: 'obj', entries, ...at };
    }
    if (t.v === '(') {
      const e = this.expr();
      this.take(')');
      return e;
    }
    throw hclError(this.file, t, `unexpected "${t.v}"`);
  }
}

/**
 * Parses an HCL file into its top-level body.
 *
 * @example
 * parseHcl('env "local" {\n  url = getenv("DATABASE_URL")\n}\n', 'atlas.hcl').blocks[0].labels // ['local']
 */
export function parseHcl(text: string, file: string): HclBody {
  return new Parser(new Lexer(text, file).tokens(), file).body(false);
}
