/**
 * Functions as ids of the planner's graph (./graph.ts): one id per signature, `fn:<schema.name>(<identity
 * args>)` (the Model's key of the function), so a statement that reads one overload waits for that overload
 * alone. A reference that names a function without its argument types (a trigger's function, a view's calls, a
 * cast's or wrapper's regproc) stands for every overload of that name; a call in an expression (../model/expr-refs.ts)
 * for the overloads it can resolve to:
 *  - those that accept as many arguments as it passes (input arguments, those with defaults optional, a
 *    VARIADIC one taking any number);
 *  - among them, when the canonical form tells the type of every argument (each one a cast, none named), the
 *    overload whose input types are exactly those: PostgreSQL picks an exact match first;
 *  - every overload of the name when none fits (a conservative reading).
 */
import { qualifiedKey } from '../model/names.js';
import type { Change } from '../diff/changes.js';
import type { Func, Model } from '../model/types.js';
import type { FnCall } from '../model/expr-refs.js';
import { byName } from './by-name.js';
import { nodeId } from './graph.js';

/**
 * A function's graph id: its identity as PostgreSQL knows it, name and input types (parameter names left out:
 * a function whose parameter is renamed is dropped before the new one is created, as they share the identity).
 * The identity arguments stand in when the input types are not known.
 *
 * @example fnId(f) // 'fn:public.f(integer, text)'
 */
export const fnId = (f: Func): string => nodeId.fn(`${qualifiedKey(f.schema, f.name)}(${identityTypes(f.identityArgs, f.kind === 'procedure')})`);

/** The multi-word type names format_type writes, by first word → the words that may follow it (`double precision`). */
const MULTI_WORD_TYPES: Readonly<Record<string, readonly string[]>> = {
  double: ['precision'], character: ['varying'], bit: ['varying'], time: ['with', 'without'], timestamp: ['with', 'without'],
  interval: ['year', 'month', 'day', 'hour', 'minute', 'second'],
};
const bare = (w: string) => w.replace(/\(.*$/, '').toLowerCase();

/**
 * The input types of identity arguments as `pg_get_function_identity_arguments` (and the fold) write them:
 * modes and parameter names left out, and OUT arguments of a function (PostgreSQL 14+ writes them, but a
 * function's identity is its input types; a procedure's OUT arguments are part of its identity).
 *
 * @example
 * identityTypes('a integer, VARIADIC "my list" text[], double precision') // 'integer, text[], double precision'
 * identityTypes('a integer, OUT b text') // 'integer'
 */
export function identityTypes(identityArgs: string, procedure = false): string {
  return splitArgs(identityArgs).filter((arg) => procedure || !/^OUT\s/i.test(arg)).map((arg) => {
    let rest = arg.replace(/^(IN|INOUT|OUT|VARIADIC)\s+/i, '');
    if (rest.startsWith('"')) {
      // A quoted name: up to its closing quote ("" inside is a quote).
      let i = 1;
      while (i < rest.length && !(rest[i] === '"' && rest[i + 1] !== '"')) i += rest[i] === '"' ? 2 : 1;
      if (rest[i + 1] === ' ') return rest.slice(i + 2).trim();
      return rest;
    }
    const words = rest.split(' ');
    const typeGoesOn = MULTI_WORD_TYPES[bare(words[0]!)]?.includes(bare(words[1] ?? ''));
    if (words.length > 1 && !typeGoesOn) rest = words.slice(1).join(' ');
    return rest;
  }).join(', ');
}

/**
 * The functions `all` drops and creates again: a drop and a create with the same identity (`fnId`: name and input
 * types; a renamed parameter, another result or other OUT parameters are the same function to a caller), as ids.
 *
 * @example
 * recreatedFunctions([dropF, createF]) // Set { 'fn:public.f(integer)' }
 */
export function recreatedFunctions(all: readonly Change[]): Set<string> {
  const created = new Set(all.flatMap((c) => (c.kind === 'create_function' ? [fnId(c.function)] : [])));
  return new Set(all.flatMap((c) => (c.kind === 'drop_function' && created.has(fnId(c.function)) ? [fnId(c.function)] : [])));
}

/** Unqualified name → the functions of that name in any schema. */
const functionsNamed = byName((model) => Object.values(model.functions).map((f) => [f.name, f] as const));
/** `schema.name` (the Model's qualified key) → its overloads. */
const functionsKeyed = byName((model) => Object.values(model.functions).map((f) => [qualifiedKey(f.schema, f.name), f] as const));

const NONE: readonly string[] = [];

/** Every overload of an unqualified function name, in any schema, as ids. @example functionIds(model, 'f') // ['fn:public.f(integer)', 'fn:public.f(text)'] */
export function functionIds(model: Model, name: string): readonly string[] {
  return functionsNamed(model).get(name)?.map(fnId) ?? NONE;
}

/**
 * Every overload of a function named `schema.name` (quotes as the Model's keys write them), as ids; with
 * `args` (identity arguments), that signature's alone when the Model has it.
 *
 * @example
 * overloadIds(model, 'public.f') // ['fn:public.f(integer)', 'fn:public.f(text)']
 * overloadIds(model, 'public.f', 'a integer') // ['fn:public.f(integer)'] (the Model's key names parameters, the id does not)
 */
export function overloadIds(model: Model, key: string, args?: string): readonly string[] {
  const f = args !== undefined ? model.functions[`${key}(${args})`] : undefined;
  if (f) return [fnId(f)];
  return functionsKeyed(model).get(key)?.map(fnId) ?? NONE;
}

/** Splits identity arguments at their top-level commas (`a integer, b numeric(10,2)` → two). */
function splitArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === ',') out.push(args.slice(from, i).trim()), (from = i + 1);
  }
  const last = args.slice(from).trim();
  if (last) out.push(last);
  return out;
}

interface Arity {
  /** Input arguments (IN, INOUT, VARIADIC). */
  readonly inputs: number;
  /** The fewest a call may pass (defaults are optional). */
  readonly min: number;
  readonly variadic: boolean;
  /** The input types, when known (the parser's arguments, or the inspector's types of a function without OUT arguments). */
  readonly types?: readonly string[];
}

const arities = new WeakMap<Func, Arity>();
/** What calls a function accepts, from its arguments (parsed) or its identity arguments and definition (inspected). */
function arity(f: Func): Arity {
  let a = arities.get(f);
  if (a) return a;
  const inputs = f.args.filter((x) => x.mode === 'IN' || x.mode === 'INOUT' || x.mode === 'VARIADIC');
  if (f.args.length) {
    a = { inputs: inputs.length, min: inputs.filter((x) => !x.default).length, variadic: inputs.some((x) => x.mode === 'VARIADIC'), types: inputs.map((x) => x.type) };
  } else {
    const items = splitArgs(f.identityArgs);
    // pg_get_functiondef writes the arguments, defaults included, on the definition's first line; defaults are
    // the last arguments (a DEFAULT in a default's own text only makes the reading more conservative).
    const defaults = (f.definition.split('\n', 1)[0] ?? '').match(/\bDEFAULT\b/gi)?.length ?? 0;
    const types = f.signatureTypes && f.signatureTypes.length === items.length + 1 ? f.signatureTypes.slice(0, items.length) : undefined;
    a = { inputs: items.length, min: Math.max(0, items.length - defaults), variadic: items.some((x) => /^VARIADIC\b/i.test(x)), ...(types ? { types } : {}) };
  }
  arities.set(f, a);
  return a;
}

/** Can `f` take a call with these arguments (count; an explicit VARIADIC array counts as one)? */
function accepts(f: Func, call: FnCall): boolean {
  if (f.kind === 'aggregate' && call.star) return true;
  const a = arity(f);
  if (call.arity < a.min && !(a.variadic && call.arity >= a.min - 1)) return false;
  return call.arity <= a.inputs || (a.variadic && !call.variadic);
}

/**
 * The overloads a call in an expression of `model` can resolve to, as ids (see above).
 *
 * @example
 * callIds(model, { name: 'f', arity: 2, types: [undefined, undefined], named: false, variadic: false, star: false })
 * // ['fn:public.f(integer, integer)'] — not f(a integer)
 */
export function callIds(model: Model, call: FnCall): readonly string[] {
  const all = functionsNamed(model).get(call.name);
  if (!all?.length) return NONE;
  if (all.length === 1) return [fnId(all[0]!)];
  const fit = all.filter((f) => accepts(f, call));
  if (!fit.length) return all.map(fnId);
  if (!call.named && call.types.every((t) => t !== undefined)) {
    const exact = fit.filter((f) => {
      const types = arity(f).types;
      return types?.length === call.types.length && types.every((t, i) => t === call.types[i]);
    });
    if (exact.length === 1) return [fnId(exact[0]!)];
  }
  return fit.map(fnId);
}
