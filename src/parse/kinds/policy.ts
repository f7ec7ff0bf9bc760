/**
 * Row-level security policies, folded: `CREATE POLICY` and `DROP POLICY`.
 */
import type { Policy } from '../../model/types.js';
import type { Payload } from '../ast.js';
import { Problem, type FoldScope } from './scope.js';
import { dropTablePart } from './relation.js';

export function createPolicy(sc: FoldScope, n: Payload<'CreatePolicyStmt'>): void {
  const t = sc.table(n.table)!;
  const policyName = n.policy_name!;
  if (t.obj.policies[policyName]) throw new Problem('E_DUPLICATE', `policy "${n.policy_name}" for table "${t.obj.name}" already exists`);
  const roles = (n.roles ?? []).map((r) => (r.RoleSpec!.roletype === 'ROLESPEC_PUBLIC' ? 'public' : r.RoleSpec!.roletype === 'ROLESPEC_CURRENT_USER' ? 'current_user' : r.RoleSpec!.rolename!)).sort();
  t.obj.policies[policyName] = {
    kind: 'policy', name: policyName, table: t.key, permissive: !!n.permissive, command: (n.cmd_name ?? 'all').toUpperCase() as Policy['command'],
    // PostgreSQL keeps PUBLIC alone when it is among the roles ("ignoring specified roles other than PUBLIC").
    roles: roles.length && !roles.includes('public') ? roles : ['public'], ...(n.qual ? { using: sc.expr(n.qual, t.obj.columns) } : {}), ...(n.with_check ? { withCheck: sc.expr(n.with_check, t.obj.columns) } : {}), loc: sc.loc,
  };
}

/** DROP POLICY. */
export function dropPolicy(sc: FoldScope, names: readonly string[], missingOk: boolean): void {
  dropTablePart(sc, 'policies', 'policy', names, missingOk);
}
