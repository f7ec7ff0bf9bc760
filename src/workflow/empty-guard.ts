/**
 * The empty-schema guard: a desired state with no objects at all, against a current state that has
 * some, is far more often a broken file (truncated to zero bytes, a bad checkout, everything commented
 * out) than a wish to drop everything. `migrate diff` and `schema apply` refuse it unless the user says
 * so: `--allow-empty`, or a line `-- meridian:allow-empty` in one of the schema files (which survives in
 * version control, so a file that really is meant to be empty says so itself).
 *
 * In:  the two Models and the schema sources. Out: nothing, or an `E_EMPTY_SCHEMA` error. Never: I/O.
 */
import { MeridianError } from '../errors.js';
import type { Model } from '../model/types.js';

/** The marker a schema file carries when it is meant to hold no objects. */
export const ALLOW_EMPTY_MARKER = '-- meridian:allow-empty';

const MARKER_LINE = /^[ \t]*--[ \t]*meridian:allow-empty[ \t]*\r?$/m;

/**
 * How many schema objects a Model holds (schemas other than `public`, extensions, types, sequences,
 * tables, views, functions, rules and SQL/MED objects, event triggers, opaque statements).
 *
 * @example
 * objectCount(emptyModel()) // 0
 */
export function objectCount(model: Model): number {
  return (
    Object.keys(model.schemas).filter((s) => s !== 'public').length +
    Object.keys(model.extensions).length + Object.keys(model.types).length + Object.keys(model.sequences).length +
    Object.keys(model.tables).length + Object.keys(model.views).length + Object.keys(model.functions).length + Object.keys(model.objects ?? {}).length + model.opaque.length
  );
}

/**
 * Refuses to make `current` empty from schema sources that hold no objects, unless allowed.
 *
 * @example
 * assertNotEmptied(desired, current, sources, { allowEmpty: opts.allowEmpty });
 * // throws E_EMPTY_SCHEMA: "schema.sql defines no objects, but the current state has 5 tables …"
 */
export function assertNotEmptied(desired: Model, current: Model, sources: readonly { file: string; text: string }[], opts: { allowEmpty?: boolean } = {}): void {
  if (opts.allowEmpty || objectCount(desired) > 0) return;
  const held = objectCount(current);
  if (held === 0) return;
  if (sources.some((s) => MARKER_LINE.test(s.text))) return;
  const files = sources.length ? sources.map((s) => s.file).join(', ') : 'the schema path (no .sql file found)';
  const tables = Object.keys(current.tables).length;
  const bytes = sources.reduce((n, s) => n + Buffer.byteLength(s.text, 'utf8'), 0);
  throw new MeridianError(
    'E_EMPTY_SCHEMA',
    `${files} define${sources.length === 1 ? 's' : ''} no objects (${bytes} byte${bytes === 1 ? '' : 's'}), but the current state has ${held} object(s)` +
      `${tables ? `, ${tables} of them table(s)` : ''}: the plan would drop everything. If the file was emptied by mistake, restore it; ` +
      `to really drop everything, pass --allow-empty or put the line "${ALLOW_EMPTY_MARKER}" in the file`,
  );
}
