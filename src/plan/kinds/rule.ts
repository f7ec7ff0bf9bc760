/**
 * DDL of rules (`CREATE RULE … AS ON … TO … DO …`). A rule has no ALTER beyond its name and firing state
 * (`ALTER TABLE … ENABLE | DISABLE RULE`): a rule changed otherwise is dropped and created again.
 * Created after every table, view and function it may reference; dropped first.
 */
import { splitKey, quoteIdentAlways as qi } from '../../model/names.js';
import type { Rule } from '../../model/types.js';
import type { KindStatement } from './statement.js';
import { firingSql } from './firing.js';

export function createRule(r: Rule): KindStatement[] {
  const out: KindStatement[] = [{ kind: 'create-rule', comment: `create rule "${r.name}" on "${splitKey(r.table).name}"`, sql: r.definition.trim().replace(/;\s*$/, '') }];
  return r.enabled ? [...out, firing(r)] : out;
}

/** The differ alters a rule only when its firing state alone changed (src/diff/objects.ts: another definition recreates it). */
export function alterRule(_from: Rule, to: Rule): KindStatement[] {
  return [firing(to)];
}

const firing = (r: Rule): KindStatement => ({ kind: 'create-rule', comment: `set firing of rule "${r.name}" on "${splitKey(r.table).name}"`, sql: firingSql('RULE', r.table, r.name, r.enabled ?? 'O') });

export function dropRule(r: Rule): KindStatement[] {
  const t = splitKey(r.table);
  return [{ kind: 'drop-rule', comment: `drop rule "${r.name}" on "${t.name}"`, sql: `DROP RULE ${qi(r.name)} ON ${qi(t.schema)}.${qi(t.name)}` }];
}
