/**
 * Extensions, folded: `CREATE EXTENSION` (its schema and version) and `DROP EXTENSION`.
 */
import type { Payload } from '../ast.js';
import { Problem, notFound, type FoldScope } from './scope.js';
import { sv } from './nodes.js';

export function createExtension(sc: FoldScope, n: Payload<'CreateExtensionStmt'>): void {
  if (sc.model.extensions[n.extname!]) {
    if (n.if_not_exists) return;
    throw new Problem('E_DUPLICATE', `extension "${n.extname}" already exists`);
  }
  if (n.extname === 'plpgsql') return;
  const opt = (name: string) => (n.options ?? []).map((o) => o.DefElem).find((d) => d!.defname === name);
  const schema = opt('schema') ? sv(opt('schema')!.arg) : sc.schemaOf([n.extname!]);
  const version = opt('new_version') ? sv(opt('new_version')!.arg) : undefined;
  sc.model.extensions[n.extname!] = { kind: 'extension', name: n.extname!, schema, ...(version ? { version } : {}), loc: sc.loc };
}

/** DROP EXTENSION. */
export function dropExtension(sc: FoldScope, names: readonly string[], missingOk: boolean): void {
  if (!sc.model.extensions[names[0]!]) return notFound('extension', names, missingOk);
  delete sc.model.extensions[names[0]!];
}
