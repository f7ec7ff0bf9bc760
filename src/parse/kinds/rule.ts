/**
 * Rules, folded: `CREATE [OR REPLACE] RULE name AS ON event TO rel [WHERE …] DO [ALSO|INSTEAD] …`,
 * `DROP RULE name ON rel`, `COMMENT ON RULE name ON rel`. The definition is kept as PostgreSQL would print it
 * in the ways that matter for comparing: relations schema-qualified, an INSERT's target columns written out.
 */
import { objectKey } from '../../model/objects.js';
import { qualifiedKey, splitKey } from '../../model/names.js';
import type { Rule } from '../../model/types.js';
import { deparseStatement, parseOne } from '../pg.js';
import type { Node, Payload } from '../ast.js';
import { Problem, type FoldScope } from './scope.js';
import { renameRelationInTree } from './relation-refs.js';

/**
 * @example
 * foldRule(scope, ruleStmtNode) // scope.objects['rule public.t.t_log'] = { kind: 'rule', … }
 */
export function foldRule(s: FoldScope, n: Payload<'RuleStmt'>): void {
  const names = s.rangeNames(n.relation);
  const rel = s.relation(names);
  if (!rel) s.fail('E_UNKNOWN', `relation "${names.join('.')}" does not exist`, n.relation!.location);
  const probe: Rule = { kind: 'rule', schema: rel.schema, name: n.rulename!, table: rel.key, definition: '' };
  const key = objectKey(probe);
  const prev = s.objects[key] as Rule | undefined;
  if (prev && !n.replace) s.fail('E_DUPLICATE', `rule "${n.rulename}" for relation "${rel.name}" already exists`);
  const actions = (n.actions ?? []).map((a) => withInsertColumns(s, s.qualify(qualifyTargets(s, a))));
  const q = { ...s.qualify({ ...n, actions: [] }), replace: false, relation: { ...n.relation, schemaname: rel.schema, relname: rel.name }, actions };
  s.objects[key] = { ...probe, definition: deparseStatement('RuleStmt', q), ...(prev?.comment ? { comment: prev.comment } : {}), loc: s.loc };
}

/** The target relations of INSERT / UPDATE / DELETE actions (bare `relation` fields, which `qualify` does not see). */
function qualifyTargets(s: FoldScope, a: Node): Node {
  const type = Object.keys(a)[0]!;
  const stmt = (a as Record<string, { relation?: Payload<'RangeVar'> } | undefined>)[type]; // INSERT / UPDATE / DELETE
  const rv = stmt?.relation;
  if (!rv || rv.schemaname) return a;
  const rel = s.relation([rv.relname!]);
  return rel ? { [type]: { ...stmt, relation: { ...rv, schemaname: rel.schema } } } : a;
}

/** `INSERT INTO t VALUES (…)` / `INSERT INTO t SELECT …` without a column list: the columns it fills, as PostgreSQL records them. */
function withInsertColumns(s: FoldScope, a: Node): Node {
  const ins = a.InsertStmt;
  if (!ins || ins.cols?.length || !ins.selectStmt) return a;
  const target = s.relation([ins.relation!.schemaname, ins.relation!.relname].filter((x): x is string => !!x));
  const sel = ins.selectStmt.SelectStmt;
  const count = sel?.valuesLists?.[0]?.List?.items?.length ?? sel?.targetList?.length;
  if (!target || !count) return a;
  return { InsertStmt: { ...ins, cols: target.columns.slice(0, count).map((name) => ({ ResTarget: { name } })) } };
}

/** `DROP RULE [IF EXISTS] name ON rel`. */
export function dropRule(s: FoldScope, names: readonly string[], missingOk: boolean): void {
  const rel = s.relation(names.slice(0, -1));
  const key = rel && objectKey({ kind: 'rule', schema: rel.schema, name: names[names.length - 1]!, table: rel.key, definition: '' });
  if (!key || !s.objects[key]) {
    if (!missingOk) s.fail('E_UNKNOWN', `rule "${names[names.length - 1]}" for relation "${names.slice(0, -1).join('.')}" does not exist`);
    return;
  }
  delete s.objects[key];
}

/** The rule `COMMENT ON RULE name ON rel` is about. */
export function ruleNamed(s: FoldScope, names: readonly string[]): Rule {
  const rel = s.relation(names.slice(0, -1));
  const r = rel && (s.objects[objectKey({ kind: 'rule', schema: rel.schema, name: names[names.length - 1]!, table: rel.key, definition: '' })] as Rule | undefined);
  if (!r) s.fail('E_UNKNOWN', `rule "${names[names.length - 1]}" for relation "${names.slice(0, -1).join('.')}" does not exist`);
  return r;
}

/** Rules on a relation that is dropped go with it. */
export function dropRulesOn(s: FoldScope, relationKey: string): void {
  for (const [k, o] of Object.entries(s.objects)) if (o.kind === 'rule' && o.table === relationKey) delete s.objects[k];
}

/**
 * A relation renamed or moved (`from` key → `to`): the rules on it are keyed and rendered with its new name, and
 * every rule naming it in its actions or condition follows it, as PostgreSQL holds them by OID. Structural: each
 * definition (every relation schema-qualified) is parsed, its RangeVars naming `from` and the references qualified
 * by its name repointed (./relation-refs.ts `renameRelationInTree`), and printed again.
 *
 * @example
 * retargetRules(scope, 'public.log', { schema: 'public', name: 'audit_log' }) // … DO ALSO INSERT INTO public.audit_log …
 */
export function retargetRules(s: Pick<FoldScope, 'objects'>, from: string, to: { schema: string; name: string }): void {
  const { schema: fromSchema, name: fromName } = splitKey(from);
  const toKey = qualifiedKey(to.schema, to.name);
  for (const [k, o] of Object.entries(s.objects)) {
    if (o.kind !== 'rule') continue;
    const p = parseOne(o.definition);
    if (p?.type !== 'RuleStmt') continue;
    const refuse = (why: string): never => {
      throw new Problem('E_NATIVE', `renaming ${from} named by rule ${o.name} (${why}) is not folded natively (PostgreSQL rewrites the rule); the dev database replays it`);
    };
    const node = renameRelationInTree(p.node as Node, { schema: fromSchema, name: fromName, toSchema: to.schema, toName: to.name }, refuse);
    const changed = node !== p.node;
    if (!changed && o.table !== from) continue;
    const moved: Rule = { ...o, ...(o.table === from ? { table: toKey, schema: to.schema } : {}), definition: deparseStatement('RuleStmt', node) };
    delete s.objects[k];
    s.objects[objectKey(moved)] = moved;
  }
}
