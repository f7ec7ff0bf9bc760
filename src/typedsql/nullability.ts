/**
 * What the statement's syntax tree says about nullability, beyond what the server's Describe reports:
 * relations on the nullable side of outer joins, and result expressions that can never be NULL
 * (`count(…)`, `COALESCE(…, <non-null constant>)`, non-null constants, `EXISTS`).
 *
 * In:  one statement's libpg-query AST. Out: hints. Pure.
 */

type Node = Record<string, unknown>;

export interface NullabilityHints {
  /** `schema.relation` / `relation` names that may be NULL-extended by an outer join. */
  readonly outerJoined: readonly { schema: string | undefined; name: string }[];
  /** True when something other than a plain table sits on a nullable side (be conservative). */
  readonly opaqueOuterJoin: boolean;
  /** Per result position, true when the expression can never be NULL; undefined when unknown (e.g. `*`). */
  readonly neverNull: readonly boolean[] | undefined;
}

function relationsOf(node: unknown, out: { schema: string | undefined; name: string }[], flags: { opaque: boolean }): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (n.RangeVar) {
    const rv = n.RangeVar as { schemaname?: string; relname: string };
    out.push({ schema: rv.schemaname, name: rv.relname });
  } else if (n.JoinExpr) {
    const j = n.JoinExpr as { larg: unknown; rarg: unknown };
    relationsOf(j.larg, out, flags);
    relationsOf(j.rarg, out, flags);
  } else {
    flags.opaque = true; // subquery, function, VALUES… on a nullable side
  }
}

function walkFrom(node: unknown, out: { schema: string | undefined; name: string }[], flags: { opaque: boolean }): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (!n.JoinExpr) return;
  const j = n.JoinExpr as { jointype: string; larg: unknown; rarg: unknown };
  if (j.jointype === 'JOIN_LEFT' || j.jointype === 'JOIN_FULL') relationsOf(j.rarg, out, flags);
  if (j.jointype === 'JOIN_RIGHT' || j.jointype === 'JOIN_FULL') relationsOf(j.larg, out, flags);
  walkFrom(j.larg, out, flags);
  walkFrom(j.rarg, out, flags);
}

function isNonNullConst(n: Node): boolean {
  const c = n.A_Const as { isnull?: boolean } | undefined;
  return Boolean(c && !c.isnull);
}

function neverNull(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const n = node as Node;
  if (isNonNullConst(n)) return true;
  if (n.TypeCast) return neverNull((n.TypeCast as { arg: unknown }).arg);
  if (n.FuncCall) {
    const f = n.FuncCall as { funcname: Array<{ String: { sval: string } }>; over?: unknown };
    const name = f.funcname.at(-1)?.String.sval.toLowerCase();
    return name === 'count';
  }
  if (n.CoalesceExpr) return ((n.CoalesceExpr as { args: unknown[] }).args ?? []).some(neverNull);
  if (n.SubLink) return (n.SubLink as { subLinkType: string }).subLinkType === 'EXISTS_SUBLINK';
  return false;
}

/**
 * Nullability hints of a parsed statement (`parseSync(sql).stmts[0].stmt`).
 *
 * @example
 * nullabilityHints(parseSync('SELECT count(*) FROM a LEFT JOIN b ON true').stmts[0].stmt)
 * // → { outerJoined: [{ schema: undefined, name: 'b' }], opaqueOuterJoin: false, neverNull: [true] }
 */
export function nullabilityHints(stmt: unknown): NullabilityHints {
  const outerJoined: { schema: string | undefined; name: string }[] = [];
  const flags = { opaque: false };
  const s = (stmt as Node | undefined) ?? {};
  let targets: unknown[] | undefined;
  if (s.SelectStmt) {
    const sel = s.SelectStmt as { fromClause?: unknown[]; targetList?: unknown[]; op?: string };
    if (sel.op && sel.op !== 'SETOP_NONE') return { outerJoined, opaqueOuterJoin: false, neverNull: undefined };
    for (const f of sel.fromClause ?? []) walkFrom(f, outerJoined, flags);
    targets = sel.targetList;
  } else {
    const dml = (s.InsertStmt ?? s.UpdateStmt ?? s.DeleteStmt ?? s.MergeStmt) as { returningList?: unknown[]; fromClause?: unknown[] } | undefined;
    for (const f of dml?.fromClause ?? []) walkFrom(f, outerJoined, flags);
    targets = dml?.returningList;
  }
  let nn: boolean[] | undefined;
  if (targets) {
    nn = [];
    for (const t of targets) {
      const val = (t as { ResTarget?: { val?: Node } }).ResTarget?.val;
      const ref = val?.ColumnRef as { fields?: Array<Node> } | undefined;
      if (ref?.fields?.some((f) => 'A_Star' in f)) {
        nn = undefined; // `*` expands to an unknown number of columns
        break;
      }
      nn.push(neverNull(val));
    }
  }
  return { outerJoined, opaqueOuterJoin: flags.opaque, neverNull: nn };
}
