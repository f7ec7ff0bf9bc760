/**
 * An aggregate's `CREATE AGGREGATE` statement rendered from its options, in one order for both edges (the fold
 * reads the options from the parse tree, the inspector from pg_aggregate; pg_get_functiondef has no aggregates).
 */
import { quoteLiteral } from './names.js';
import type { AggregateOptions } from './types.js';

/**
 * `CREATE AGGREGATE key(args) (SFUNC = …, STYPE = …, …)`: every option given, PostgreSQL's defaults left out.
 *
 * @example
 * aggregateDefinition('app.total', 'integer', { sfunc: 'int4pl', stype: 'integer', initcond: '0' })
 * // "CREATE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0')"
 * aggregateDefinition('app.n', '', { sfunc: 'app.inc', stype: 'bigint', finalfunc: 'app.fin', finalfuncExtra: true })
 * // 'CREATE AGGREGATE app.n(*) (SFUNC = app.inc, STYPE = bigint, FINALFUNC = app.fin, FINALFUNC_EXTRA)'
 * aggregateDefinition('app.pick', 'double precision, integer', { sfunc: 'app.acc', stype: 'integer[]', signature: 'double precision ORDER BY integer' })
 * // 'CREATE AGGREGATE app.pick(double precision ORDER BY integer) (SFUNC = app.acc, STYPE = integer[])'
 */
export function aggregateDefinition(key: string, identityArgs: string, a: AggregateOptions): string {
  const opts = [`SFUNC = ${a.sfunc}`, `STYPE = ${a.stype}`];
  if (a.sspace) opts.push(`SSPACE = ${a.sspace}`);
  if (a.finalfunc) opts.push(`FINALFUNC = ${a.finalfunc}`);
  if (a.finalfuncExtra) opts.push('FINALFUNC_EXTRA');
  if (a.finalfunc && a.finalfuncModify) opts.push(`FINALFUNC_MODIFY = ${a.finalfuncModify}`);
  if (a.combinefunc) opts.push(`COMBINEFUNC = ${a.combinefunc}`);
  if (a.serialfunc) opts.push(`SERIALFUNC = ${a.serialfunc}`);
  if (a.deserialfunc) opts.push(`DESERIALFUNC = ${a.deserialfunc}`);
  if (a.initcond !== undefined) opts.push(`INITCOND = ${quoteLiteral(a.initcond)}`);
  // The moving-aggregate group (PostgreSQL stores each in pg_aggregate's aggm* columns).
  if (a.msfunc) opts.push(`MSFUNC = ${a.msfunc}`);
  if (a.minvfunc) opts.push(`MINVFUNC = ${a.minvfunc}`);
  if (a.mstype) opts.push(`MSTYPE = ${a.mstype}`);
  if (a.msspace) opts.push(`MSSPACE = ${a.msspace}`);
  if (a.mfinalfunc) opts.push(`MFINALFUNC = ${a.mfinalfunc}`);
  if (a.mfinalfuncExtra) opts.push('MFINALFUNC_EXTRA');
  if (a.mfinalfunc && a.mfinalfuncModify) opts.push(`MFINALFUNC_MODIFY = ${a.mfinalfuncModify}`);
  if (a.minitcond !== undefined) opts.push(`MINITCOND = ${quoteLiteral(a.minitcond)}`);
  if (a.sortop) opts.push(`SORTOP = OPERATOR(${a.sortop})`);
  if (a.parallel) opts.push(`PARALLEL = ${a.parallel}`);
  if (a.hypothetical) opts.push('HYPOTHETICAL');
  return `CREATE AGGREGATE ${key}(${a.signature ?? (identityArgs || '*')}) (${opts.join(', ')})`;
}

/**
 * An aggregate's options from one edge's reading, each option named (so both edges read them all) and those
 * absent (`undefined`, `null`) left out: what each edge stores in `Func.aggregate`.
 *
 * @example
 * aggregateOptions({ sfunc: 'int4pl', stype: 'integer', sspace: undefined, …, initcond: '' }) // { sfunc: 'int4pl', stype: 'integer', initcond: '' }
 */
export function aggregateOptions(o: { readonly [K in keyof Required<AggregateOptions>]: Required<AggregateOptions>[K] | undefined | null }): AggregateOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as unknown as AggregateOptions;
}
