/**
 * Extensions, folded: `CREATE EXTENSION` (its schema and version), `ALTER EXTENSION … UPDATE [TO]` and
 * `DROP EXTENSION`. The folded Model has a version only where the files state one (`VERSION '1.8'`,
 * `UPDATE TO '1.8'`): the workflow reads the stated versions from here (src/workflow/native.ts
 * `statedExtensions`), also when a dev database builds the rest.
 */
import type { Payload } from '../ast.js';
import { Problem, notFound, type FoldScope } from './scope.js';
import { sv } from './nodes.js';
import { forgetPrivileges } from './privileges.js';

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

/**
 * `ALTER EXTENSION … UPDATE TO 'v'` states version v; a bare `UPDATE` goes to the server's default, which no file
 * states (the version is then not compared).
 *
 * @example
 * // CREATE EXTENSION hstore VERSION '1.7'; ALTER EXTENSION hstore UPDATE TO '1.8';
 * model.extensions.hstore.version // '1.8'
 */
export function alterExtension(sc: FoldScope, n: Payload<'AlterExtensionStmt'>): void {
  const e = sc.model.extensions[n.extname!];
  if (!e) {
    if (n.extname === 'plpgsql') return;
    return notFound('extension', [n.extname!], false);
  }
  const to = (n.options ?? []).map((o) => o.DefElem).find((d) => d!.defname === 'new_version');
  const { version: _, ...rest } = e;
  sc.model.extensions[n.extname!] = to ? { ...rest, version: sv(to.arg) } : rest;
}

/** DROP EXTENSION. */
export function dropExtension(sc: FoldScope, names: readonly string[], missingOk: boolean): void {
  if (!sc.model.extensions[names[0]!]) return notFound('extension', names, missingOk);
  delete sc.model.extensions[names[0]!];
  // The privileges on the language a PL extension created go with it (`languageExists`).
  forgetPrivileges(sc, (p) => p.on === 'LANGUAGE' && p.name === names[0]);
}
