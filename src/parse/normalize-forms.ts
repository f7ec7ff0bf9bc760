/**
 * The normaliser's entry points (./normalize.ts): a node or an SQL text to its canonical form as a string (the JSON
 * of a Canon), so that the user's spelling and PostgreSQL's compare equal. Text → canonical results are cached
 * (the inspector's texts repeat a lot).
 *
 * In:  parse nodes or SQL text and an optional context to resolve relations. Out: a string.
 * Never: does I/O.
 */
import { parseExpression, parseOne } from './pg.js';
import type { Node } from './ast.js';
import { Normalizer } from './normalize.js';
import { observeConstants, tellConstants } from './normalize-expr.js';
import { NONE, type NormalizeContext } from './normalize-context.js';
import type { ScopeItem } from './normalize-parts.js';

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;
/** The constants a cached form keeps as written (./normalize-expr.ts `observeConstants`), by cache key; none: absent. */
const kept = new Map<string, (readonly [string, string])[]>();

/**
 * Text → canonical form, cached by `key` (the inspector's texts repeat a lot). The constants a form keeps as written
 * are told to a fold that observes them (./normalize-expr.ts `observeConstants`) again on every hit.
 */
export function cached(key: string, f: () => string): string {
  let v = cache.get(key);
  if (v !== undefined) {
    const k = kept.get(key);
    if (k) tellConstants(k);
    return v;
  }
  const seen: (readonly [string, string])[] = [];
  v = observeConstants((text, type) => seen.push([text, type]), f);
  if (cache.size > CACHE_LIMIT) {
    cache.clear();
    kept.clear();
  }
  cache.set(key, v);
  if (seen.length) kept.set(key, seen);
  return v;
}

/**
 * Canonical form of an expression node.
 *
 * @example
 * normalizeExpr(parseExpression("'active'::character varying")) === normalizeExpr(parseExpression("'active'")) // true
 */
export function normalizeExpr(n: Node, ctx: NormalizeContext = NONE): string {
  return JSON.stringify(new Normalizer(ctx).expr(n));
}

/** Typed form of a SELECT (casts, constants' kinds, functions' schemas kept): see `canonicalQueryForms`. */
export function normalizeQueryTyped(n: Node, ctx: NormalizeContext = NONE): string {
  return JSON.stringify(new Normalizer(ctx, true).viewQuery(n));
}

/** Canonical form of a SELECT (a view's query), with relations resolved through `ctx`. */
export function normalizeQuery(n: Node, ctx: NormalizeContext = NONE): string {
  return JSON.stringify(new Normalizer(ctx).viewQuery(n));
}

/**
 * A view query's canonical form and its typed form (casts, constants' kinds and functions' schemas kept: what
 * decides its output column types), from one parse; the trimmed text twice when it is not a SELECT.
 *
 * @example
 * canonicalQueryForms('SELECT a::text FROM t', ctx).typed // keeps the cast that `canonical` drops
 */
export function canonicalQueryForms(text: string, ctx: NormalizeContext = NONE): { canonical: string; typed: string } {
  const p = parseOne(text.trim().replace(/;\s*$/, ''));
  if (!p || p.type !== 'SelectStmt') return { canonical: text.trim(), typed: text.trim() };
  const n = { SelectStmt: p.node };
  return { canonical: JSON.stringify(new Normalizer(ctx).viewQuery(n)), typed: JSON.stringify(new Normalizer(ctx, true).viewQuery(n)) };
}

/** Canonical form of an expression given as text (cached); the trimmed text itself when it does not parse. */
export function canonicalExprText(text: string): string {
  return cached(`e\u0000${text}`, () => {
    const n = parseExpression(text);
    return n === undefined ? text.trim() : normalizeExpr(n);
  });
}

/**
 * Canonical form of an expression given as text that PostgreSQL deparses inside a query level of its own whose FROM
 * items are `scope` (a policy's expression over its table, printed with bare columns: `t.owner` is `owner`),
 * resolved through `ctx` (not cached); the trimmed text when it does not parse.
 *
 * @example
 * canonicalExprTextIn('t.owner = current_user', [{ refname: 't', columns: ['owner'] }]) === canonicalExprTextIn('owner = CURRENT_USER', …) // true
 */
export function canonicalExprTextIn(text: string, scope: ScopeItem[], ctx: NormalizeContext = NONE): string {
  const n = parseExpression(text);
  return n === undefined ? text.trim() : JSON.stringify(new Normalizer(ctx).exprIn(n, scope));
}

/** Canonical form of a view query given as text, resolved through `ctx` (not cached: depends on ctx). */
export function canonicalQueryText(text: string, ctx: NormalizeContext = NONE): string {
  const p = parseOne(text.trim().replace(/;\s*$/, ''));
  if (!p || p.type !== 'SelectStmt') return text.trim();
  return normalizeQuery({ SelectStmt: p.node }, ctx);
}
