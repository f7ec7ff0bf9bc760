/**
 * User-defined operator families and classes, folded (carried kinds: see src/plan/kinds/operator-class.ts):
 * `CREATE OPERATOR FAMILY`, `ALTER OPERATOR FAMILY … ADD`, `CREATE OPERATOR CLASS`, their DROP and COMMENT ON
 * (dispatched from ../fold.ts). Members are kept as the inspector prints them (src/inspect/kinds/operator-class.ts):
 * `OPERATOR 1 <(integer,integer)`, `FUNCTION 1 (integer, integer) public.cmp(integer,integer)` — operators and
 * functions as regoperator / regprocedure print them under an empty search_path (pg_catalog's unqualified),
 * types as format_type does.
 *
 * Like PostgreSQL: a class without FAMILY gets (or joins) the family of its own name; the operand types a member
 * leaves out are the class's type, except a btree comparison (1) or in_range (3) function's and a hash function's,
 * taken from the function's arguments; a btree or hash member whose two operand types differ belongs to the family
 * (a loose member), not the class; so does a GiST, GIN or SP-GiST operator and an optional support function of the four
 * (REQUIRED_PROCS).
 * `FOR ORDER BY f` is kept as `FOR ORDER BY schema.f`. Not folded (E_UNSUPPORTED, with what to write instead):
 * `ALTER OPERATOR FAMILY … DROP`, and a member of a built-in function named without its argument types.
 */
import type { Payload, Tree } from '../ast.js';
import { qualifiedKey, quoteIdent } from '../../model/names.js';
import { objectKey, opMemberOrder } from '../../model/objects.js';
import type { OperatorClass, OperatorFamily } from '../../model/types.js';
import type { FoldScope, Mut } from './scope.js';

const str = (n: Tree | undefined): string => n?.String?.sval ?? '';
const typeNames = (list: Tree[] | undefined): Payload<'TypeName'>[] => (list ?? []).flatMap((n) => (n.TypeName ? [n.TypeName] : []));

/** `[schema, ]name` of a qualified name list, the schema through `creating` or the search_path. */
function familyKey(sc: FoldScope, names: string[], method: string): string | undefined {
  const name = names[names.length - 1]!;
  const schemas = names.length > 1 ? [names[names.length - 2]!] : sc.searchPath;
  for (const schema of schemas) {
    const key = `operator_family ${qualifiedKey(schema, name)} USING ${method}`;
    if (sc.objects[key]) return key;
  }
  return undefined;
}

/** The operator class or family a DROP / COMMENT names (`[method, schema?, name]`), through the search_path. */
export function opClassNamed(sc: FoldScope, kind: 'operator_class' | 'operator_family', items: readonly string[]): Mut<OperatorClass | OperatorFamily> | undefined {
  const [method, ...names] = items;
  const name = names[names.length - 1]!;
  const schemas = names.length > 1 ? [names[names.length - 2]!] : sc.searchPath;
  for (const schema of schemas) {
    const o = sc.objects[`${kind} ${qualifiedKey(schema, name)} USING ${method}`];
    if (o?.kind === kind) return o as Mut<OperatorClass | OperatorFamily>;
  }
  return undefined;
}

/** An operator's schema through the search_path: a user operator of the file, else pg_catalog's. */
function operatorText(sc: FoldScope, names: string[], left: string, right: string): string {
  const name = names[names.length - 1]!;
  let schema = names.length > 1 ? names[names.length - 2]! : undefined;
  if (!schema) {
    schema = sc.searchPath.find((s) => sc.objects[`operator ${qualifiedKey(s, name)}(${left},${right})`]) ?? 'pg_catalog';
  }
  return `${schema === 'pg_catalog' ? '' : `${quoteIdent(schema)}.`}${name}(${left},${right})`;
}

/** The members of a CREATE OPERATOR CLASS / ALTER OPERATOR FAMILY, split into the class's and the family's. */
function members(sc: FoldScope, items: Tree[] | undefined, method: string, classType: string | undefined): { own: string[]; loose: string[]; storage?: string } {
  const own: string[] = [];
  const loose: string[] = [];
  let storage: string | undefined;
  for (const it of (items ?? []).flatMap((x) => (x.CreateOpClassItem ? [x.CreateOpClassItem] : []))) {
    if (it.itemtype === 3) {
      storage = sc.type(it.storedtype);
      continue;
    }
    const n = it.number ?? 0;
    const classArgs = typeNames(it.class_args).map((t) => sc.type(t));
    const names = (it.name?.objname ?? []).map(str);
    let left: string;
    let right: string;
    let text: string;
    if (it.itemtype === 1) {
      const args = typeNames(it.name?.objargs).map((t) => sc.type(t));
      [left, right] = args.length === 2 ? [args[0]!, args[1]!] : [classType ?? '', classType ?? ''];
      if (!left) sc.fail('E_SYNTAX', `operator argument types must be specified in ALTER OPERATOR FAMILY (OPERATOR ${n} ${names.join('.')})`);
      text = `OPERATOR ${n} ${operatorText(sc, names, left, right)}${it.order_family?.length ? ` FOR ORDER BY ${sortFamilyText(sc, it.order_family.map(str))}` : ''}`;
    } else {
      const fn = functionText(sc, names, it.name?.args_unspecified ? undefined : typeNames(it.name?.objargs).map((t) => sc.type(t)));
      const d = defaultProcTypes(method, n, fn.args, classType);
      [left, right] = classArgs.length === 2 ? [classArgs[0]!, classArgs[1]!] : classArgs.length === 1 ? [classArgs[0]!, classArgs[0]!] : d;
      if (!left) sc.fail('E_SYNTAX', `operator family member types must be specified in ALTER OPERATOR FAMILY (FUNCTION ${n} ${names.join('.')})`);
      text = `FUNCTION ${n} (${left}, ${right}) ${fn.text}`;
    }
    // btree, hash and BRIN tie cross-type members to the family (btadjustmembers / hashadjustmembers); GiST, GIN and
    // SP-GiST all their operators; the four tie their optional support functions to it (gistadjustmembers, …).
    const looseOperator = it.itemtype === 1 && (method === 'gist' || method === 'gin' || method === 'spgist');
    const optionalProc = it.itemtype !== 1 && method in REQUIRED_PROCS && !REQUIRED_PROCS[method]!.includes(n);
    if (classType !== undefined && !((method === 'btree' || method === 'hash' || method === 'brin') && left !== right) && !looseOperator && !optionalProc) own.push(text);
    else loose.push(text);
  }
  return { own: own.sort(opMemberOrder), loose: loose.sort(opMemberOrder), ...(storage !== undefined ? { storage } : {}) };
}

/**
 * The support functions of btree, hash, GiST, GIN, SP-GiST and BRIN classes that PostgreSQL ties to the class (its
 * `amadjustmembers`: required ones); their operators and the other (optional) functions go to the family, and
 * pg_dump writes them with `ALTER OPERATOR FAMILY … ADD`.
 */
const REQUIRED_PROCS: Readonly<Record<string, readonly number[]>> = {
  btree: [1], // the comparison (sortsupport, in_range, equalimage, options are optional: btadjustmembers)
  hash: [1], // the standard hash (the extended one and options are optional: hashadjustmembers)
  gist: [1, 2, 3, 4, 5, 6, 7], // consistent, union, compress, decompress, penalty, picksplit, same
  gin: [2, 3], // extractValue, extractQuery (compare, consistent, comparePartial, triConsistent, options are optional)
  spgist: [1, 2, 3, 4, 5], // config, choose, picksplit, inner_consistent, leaf_consistent
  brin: [1, 2, 3, 4], // opcinfo, add_value, consistent, union
};

/** `FOR ORDER BY family` as the inspector prints it: a btree family of the file through the search_path, else pg_catalog's. */
function sortFamilyText(sc: FoldScope, names: string[]): string {
  const name = names[names.length - 1]!;
  const schema = names.length > 1 ? names[names.length - 2]! : sc.searchPath.find((s) => sc.objects[`operator_family ${qualifiedKey(s, name)} USING btree`]) ?? 'pg_catalog';
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A support function as regprocedure prints it, with its argument types (given, or a user function's). */
function functionText(sc: FoldScope, names: string[], given: string[] | undefined): { text: string; args: string[] } {
  const name = names[names.length - 1]!;
  let schema = names.length > 1 ? names[names.length - 2]! : undefined;
  let args = given;
  const user = schema ? sc.functionsNamed(qualifiedKey(schema, name)) : sc.searchPath.flatMap((s) => sc.functionsNamed(qualifiedKey(s, name)));
  const argsOf = (f: (typeof user)[number]) => f.args.filter((a) => a.mode !== 'OUT' && a.mode !== 'TABLE').map((a) => a.type);
  const match = user.find((f) => !args || argsOf(f).join(',') === args.join(','));
  if (match) {
    schema = match.schema;
    args ??= argsOf(match);
  }
  if (!args) sc.fail('E_UNSUPPORTED', `support function ${names.join('.')} needs its argument types in a schema file (write ${names.join('.')}(type, …))`);
  schema ??= 'pg_catalog';
  return { text: `${schema === 'pg_catalog' ? '' : `${quoteIdent(schema)}.`}${quoteIdent(name)}(${args.join(',')})`, args };
}

/** The operand types PostgreSQL gives a support function that states none (opclasscmds.c, assignProcTypes). */
function defaultProcTypes(method: string, n: number, args: string[], classType: string | undefined): [string, string] {
  if (method === 'btree' && n === 1 && args.length >= 2) return [args[0]!, args[1]!];
  if (method === 'btree' && n === 3 && args.length >= 3) return [args[0]!, args[2]!];
  if (method === 'hash' && args.length >= 1) return [args[0]!, args[0]!];
  return [classType ?? '', classType ?? ''];
}

/**
 * @example
 * createOperatorFamily(scope, stmt) // scope.objects['operator_family app.f USING btree'] = { kind: 'operator_family', … }
 */
export function createOperatorFamily(sc: FoldScope, n: Payload<'CreateOpFamilyStmt'>): void {
  const { schema, name } = sc.creating((n.opfamilyname ?? []).map(str));
  const f: OperatorFamily = { kind: 'operator_family', schema, name, method: n.amname ?? '', members: [], loc: sc.loc };
  const key = objectKey(f);
  if (sc.objects[key]) sc.fail('E_DUPLICATE', `operator family "${name}" for access method "${f.method}" already exists`);
  sc.objects[key] = f;
}

/** `ALTER OPERATOR FAMILY … ADD` (loose members); DROP is refused. */
export function alterOperatorFamily(sc: FoldScope, n: Payload<'AlterOpFamilyStmt'>): void {
  const names = (n.opfamilyname ?? []).map(str);
  const f = opClassNamed(sc, 'operator_family', [n.amname ?? '', ...names]) as Mut<OperatorFamily> | undefined;
  if (!f) sc.fail('E_UNKNOWN', `operator family "${names.join('.')}" does not exist for access method "${n.amname}"`);
  if (n.isDrop) sc.fail('E_UNSUPPORTED', 'ALTER OPERATOR FAMILY … DROP is not supported in a schema file; write the family as it ends up');
  const { loose } = members(sc, n.items, f.method, undefined);
  for (const m of loose) if (f.members.includes(m)) sc.fail('E_DUPLICATE', `operator family "${f.name}" already has ${m}`);
  f.members = [...f.members, ...loose].sort(opMemberOrder);
}

/**
 * @example
 * createOperatorClass(scope, stmt) // scope.objects['operator_class app.c USING btree'] = { kind: 'operator_class', … }
 */
export function createOperatorClass(sc: FoldScope, n: Payload<'CreateOpClassStmt'>): void {
  const { schema, name } = sc.creating((n.opclassname ?? []).map(str));
  const method = n.amname ?? '';
  const type = sc.type(n.datatype);
  const familyNames = (n.opfamilyname ?? []).map(str);
  let familyAt = familyNames.length ? familyKey(sc, familyNames, method) : sc.objects[`operator_family ${qualifiedKey(schema, name)} USING ${method}`] ? `operator_family ${qualifiedKey(schema, name)} USING ${method}` : undefined;
  if (!familyAt && familyNames.length) sc.fail('E_UNKNOWN', `operator family "${familyNames.join('.')}" does not exist for access method "${method}"`);
  if (!familyAt) {
    // PostgreSQL creates the family of the class's name with it.
    const f: OperatorFamily = { kind: 'operator_family', schema, name, method, members: [], loc: sc.loc };
    familyAt = objectKey(f);
    sc.objects[familyAt] = f;
  }
  const family = sc.objects[familyAt] as Mut<OperatorFamily>;
  const { own, loose, storage } = members(sc, n.items, method, type);
  const o: OperatorClass = {
    kind: 'operator_class', schema, name, method, type, default: !!n.isDefault, family: qualifiedKey(family.schema, family.name),
    ...(storage !== undefined && storage !== type ? { storage } : {}), members: own, loc: sc.loc,
  };
  const key = objectKey(o);
  if (sc.objects[key]) sc.fail('E_DUPLICATE', `operator class "${name}" for access method "${method}" already exists`);
  sc.objects[key] = o;
  if (loose.length) family.members = [...family.members, ...loose].sort(opMemberOrder);
}

/** DROP OPERATOR CLASS / FAMILY (a family takes its classes with it, as in PostgreSQL). */
export function dropOpClass(sc: FoldScope, kind: 'operator_class' | 'operator_family', items: readonly string[], missingOk: boolean): void {
  const o = opClassNamed(sc, kind, items);
  if (!o) {
    if (!missingOk) sc.fail('E_UNKNOWN', `operator ${kind === 'operator_class' ? 'class' : 'family'} "${items.slice(1).join('.')}" does not exist for access method "${items[0]}"`);
    return;
  }
  delete sc.objects[objectKey(o)];
  if (o.kind === 'operator_family') {
    const fam = qualifiedKey(o.schema, o.name);
    for (const [k, c] of Object.entries(sc.objects)) if (c.kind === 'operator_class' && c.method === o.method && c.family === fam) delete sc.objects[k];
  }
}
