/**
 * MR105: a column DEFAULT that is a quoted date/time word (`DEFAULT 'now()'::timestamp`, `DEFAULT 'today'` on a
 * date column). PostgreSQL reads the special inputs `now`, `today`, `tomorrow` and `yesterday` (`now()` too: the
 * date/time parser drops the parentheses) when it converts the string, that is once, when the statement runs:
 * every row then gets the time the migration ran, not its own. Almost always meant as `DEFAULT now()` /
 * `CURRENT_DATE`. (`'CURRENT_TIMESTAMP'::timestamp` is no such input: PostgreSQL rejects it, MR100.)
 *
 * In:  a statement's syntax tree (CREATE TABLE, ALTER TABLE … ADD COLUMN / ALTER COLUMN … SET DEFAULT) and the
 *      schema after it (the column's type for a bare string in SET DEFAULT). Out: the offending columns.
 * Never: touches a database.
 */
import type { Node, Tree } from '../parse/ast.js';
import { qualifiedKey } from '../model/names.js';
import type { Model } from '../model/types.js';

/** The date/time types whose input takes the special words, as a TypeName's last name. */
const DATE_TIME_TYPES = new Set(['timestamp', 'timestamptz', 'date', 'time', 'timetz']);
/** The Model's spelling of the same types (format_type: `timestamp(3) with time zone`, `date`). */
const DATE_TIME_SPELLING = /^(timestamp|time|date)\b/;
/** The words whose value depends on when they are read (not `epoch`, `infinity`, `allballs`: constants anyway). */
const RELATIVE = /^\s*(now\s*(\(\s*\))?|today|tomorrow|yesterday)\s*$/i;

/** One column whose default is fixed when the statement runs. */
export interface FixedTimeDefault {
  readonly column: string;
  /** The string as written (`now()`). */
  readonly text: string;
}

const typeNameOf = (t: Node['TypeName'] | undefined): string | undefined => {
  const names = (t?.names ?? []).map((n) => String(n.String?.sval ?? ''));
  return names[names.length - 1];
};

/** The relative date/time string a default expression converts, when it is one (a bare string takes `columnType`). */
function relativeString(e: Node | undefined, columnIsDateTime: boolean): string | undefined {
  if (!e) return undefined;
  const cast = e.TypeCast;
  const constant = cast ? cast.arg?.A_Const : e.A_Const;
  const text = constant?.sval?.sval;
  if (typeof text !== 'string' || !RELATIVE.test(text)) return undefined;
  const dateTime = cast ? DATE_TIME_TYPES.has(typeNameOf(cast.typeName) ?? '') : columnIsDateTime;
  return dateTime ? text : undefined;
}

/**
 * The columns a statement gives a default that PostgreSQL fixes when the statement runs (see the module comment).
 *
 * @example
 * fixedTimeDefaults(parse("CREATE TABLE t (at timestamp DEFAULT 'now()'::timestamp)"), model) // [{ column: 'at', text: 'now()' }]
 */
export function fixedTimeDefaults(ast: Tree | undefined, after: Pick<Model, 'tables'>): FixedTimeDefault[] {
  if (!ast) return [];
  const out: FixedTimeDefault[] = [];
  const fromColumnDef = (d: Node['ColumnDef'] | undefined) => {
    if (!d?.colname) return;
    const dateTime = DATE_TIME_TYPES.has(typeNameOf(d.typeName) ?? '');
    for (const c of d.constraints ?? []) {
      if (c.Constraint?.contype !== 'CONSTR_DEFAULT') continue;
      const text = relativeString(c.Constraint.raw_expr, dateTime);
      if (text !== undefined) out.push({ column: d.colname, text });
    }
  };
  for (const e of ast.CreateStmt?.tableElts ?? []) fromColumnDef(e.ColumnDef);
  const alter = ast.AlterTableStmt;
  if (alter?.relation?.relname) {
    const table = after.tables[qualifiedKey(alter.relation.schemaname ?? 'public', alter.relation.relname)];
    for (const cmd of alter.cmds ?? []) {
      const c = cmd.AlterTableCmd;
      if (c?.subtype === 'AT_AddColumn') fromColumnDef(c.def?.ColumnDef);
      if (c?.subtype === 'AT_ColumnDefault' && c.name) {
        const type = table?.columns.find((x) => x.name === c.name)?.type ?? '';
        const text = relativeString(c.def, DATE_TIME_SPELLING.test(type));
        if (text !== undefined) out.push({ column: c.name, text });
      }
    }
  }
  return out;
}
