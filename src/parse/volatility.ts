/**
 * Whether an expression may be volatile, read from its syntax tree: PostgreSQL adds a column whose default
 * is not volatile without rewriting the table (the value is stored once, "fast default", PostgreSQL 11+),
 * and rewrites it when the default is volatile (`random()`, `gen_random_uuid()`, `clock_timestamp()`,
 * `nextval()`…). Built-in functions are looked up in the catalog snapshot (any VOLATILE overload counts),
 * functions of the Model by their declared volatility; anything unknown counts as volatile.
 */
import type { Expr, Model } from '../model/types.js';
import { BUILTIN_FUNCTIONS, BUILTIN_VOLATILE_FUNCTIONS } from './catalog/builtins.js';
import { stringValue, walk } from './ast.js';
import { parseExpression } from './pg.js';

/**
 * True when evaluating the expression may call a volatile function (or cannot be told). Needs the parser
 * loaded (`initParser()`).
 *
 * @example
 * isVolatileExpression({ canonical: '', text: 'now()' }, model)              // false (STABLE)
 * isVolatileExpression({ canonical: '', text: 'gen_random_uuid()' }, model)  // true
 */
export function isVolatileExpression(e: Expr, model?: Model): boolean {
  const tree = parseExpression(e.text);
  if (!tree) return true;
  let volatile = false;
  walk(tree, (node) => {
    if (volatile) return;
    const call = node.FuncCall;
    if (call?.funcname) {
      const parts = call.funcname.map(stringValue);
      const name = parts.at(-1)!;
      const schema = parts.length > 1 ? parts[0] : undefined;
      if (!schema || schema === 'pg_catalog') {
        if (BUILTIN_VOLATILE_FUNCTIONS.has(name)) volatile = true;
        else if (!(name in BUILTIN_FUNCTIONS)) volatile = userVolatile(name, schema, model);
      } else volatile = userVolatile(name, schema, model);
    }
    // A subquery, or a call through an operator PostgreSQL resolves later, cannot be judged here.
    if (node.SubLink) volatile = true;
  });
  return volatile;
}

/** A function of the Model: volatile unless every overload of that name is declared STABLE or IMMUTABLE. */
function userVolatile(name: string, schema: string | undefined, model: Model | undefined): boolean {
  const fns = Object.values(model?.functions ?? {}).filter((f) => f.name === name && (schema === undefined || f.schema === schema));
  return fns.length === 0 || fns.some((f) => f.volatility === 'VOLATILE');
}
