/**
 * DDL of rules (`CREATE RULE … AS ON … TO … DO …`). A rule has no ALTER beyond its name: a changed rule is
 * dropped and created again. Created after every table, view and function it may reference; dropped first.
 */
import { splitKey, quoteIdentAlways as qi } from '../../model/names.js';
import type { Rule } from '../../model/types.js';
import type { KindStatement } from './statement.js';

export function createRule(r: Rule): KindStatement[] {
  return [{ kind: 'create-rule', comment: `create rule "${r.name}" on "${splitKey(r.table).name}"`, sql: r.definition.trim().replace(/;\s*$/, '') }];
}

export function dropRule(r: Rule): KindStatement[] {
  const t = splitKey(r.table);
  return [{ kind: 'drop-rule', comment: `drop rule "${r.name}" on "${t.name}"`, sql: `DROP RULE ${qi(r.name)} ON ${qi(t.schema)}.${qi(t.name)}` }];
}
