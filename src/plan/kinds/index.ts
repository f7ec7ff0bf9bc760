/**
 * The per-kind rule table of the planner for the Model's `objects` (see src/model/objects.ts): for each kind,
 * the statements that create, drop and alter one object, each with its statement kind (its place in the
 * planner's layout, ../layout.ts, among statements its dependency graph leaves free; the graph's edges of each
 * kind are declared in ../edges.ts). One file per kind family: ./foreign.ts, ./rule.ts.
 */
import type { CatalogObject, Model } from '../../model/types.js';
import * as eventTrigger from './event-trigger.js';
import * as foreign from './foreign.js';
import * as publication from './publication.js';
import * as statistics from './statistics.js';
import * as collation from './collation.js';
import * as cast from './cast.js';
import * as rule from './rule.js';
import * as textSearch from './text-search.js';
import * as privileges from './privileges.js';
import * as defaultPrivileges from './default-privileges.js';
import * as operator from './operator.js';
import * as operatorClass from './operator-class.js';

import type { KindStatement } from './statement.js';
import { plannerRecreates } from '../../diff/in-place.js';

export type { KindStatement } from './statement.js';

type Rules<T extends CatalogObject> = {
  create(o: T): KindStatement[];
  drop(o: T): KindStatement[];
  /**
   * Statements that turn `from` into `to` in place; undefined when it must be recreated (drop + create). `desired`:
   * the Model planned to, for what a kind's own object does not say (a column's type's default storage: its domain).
   */
  alter?(from: T, to: T, desired?: Pick<Model, 'types'>): KindStatement[] | undefined;
};

const RULES: { [K in CatalogObject['kind']]: Rules<Extract<CatalogObject, { kind: K }>> } = {
  rule: { create: rule.createRule, drop: rule.dropRule, alter: rule.alterRule },
  foreign_data_wrapper: { create: foreign.createWrapper, drop: foreign.dropWrapper, alter: foreign.alterWrapper },
  server: { create: foreign.createServer, drop: foreign.dropServer, alter: foreign.alterServer },
  user_mapping: { create: foreign.createUserMapping, drop: foreign.dropUserMapping, alter: foreign.alterUserMapping },
  foreign_table: { create: foreign.createForeignTable, drop: foreign.dropForeignTable, alter: foreign.alterForeignTable },
  event_trigger: { create: eventTrigger.createEventTrigger, drop: eventTrigger.dropEventTrigger, alter: eventTrigger.alterEventTrigger },
  cast: { create: cast.createCast, drop: cast.dropCast },
  // No ALTER: a changed collation is dropped and created again in its alter_object's place (kindRules).
  collation: { create: collation.createCollation, drop: collation.dropCollation },
  statistics: { create: statistics.createStatistics, drop: statistics.dropStatistics, alter: statistics.alterStatistics },
  publication: { create: publication.createPublication, drop: publication.dropPublication, alter: publication.alterPublication },
  ts_dictionary: { create: textSearch.createDictionary, drop: textSearch.dropDictionary, alter: textSearch.alterDictionary },
  privileges: { create: privileges.createPrivileges, drop: privileges.dropPrivileges, alter: privileges.alterPrivileges },
  default_privileges: { create: defaultPrivileges.createDefaultPrivileges, drop: defaultPrivileges.dropDefaultPrivileges, alter: defaultPrivileges.alterDefaultPrivileges },
  ts_configuration: { create: textSearch.createConfiguration, drop: textSearch.dropConfiguration, alter: textSearch.alterConfiguration },
  operator: { create: operator.createOperator, drop: operator.dropOperator, alter: operator.alterOperator },
  operator_family: { create: operatorClass.createOperatorFamily, drop: operatorClass.dropOperatorFamily },
  operator_class: { create: operatorClass.createOperatorClass, drop: operatorClass.dropOperatorClass },
};

/**
 * The rules of an object's kind.
 *
 * @example
 * kindRules(server).create(server)[0].sql // 'CREATE SERVER "files" FOREIGN DATA WRAPPER "file_fdw"'
 */
export function kindRules<T extends CatalogObject>(o: T): Rules<T> {
  const rules = RULES[o.kind] as unknown as Rules<T>;
  // A kind the differ recreates in the place of an ALTER (diff/in-place.ts) has none: dropped and created.
  return plannerRecreates(o.kind) ? { create: rules.create, drop: rules.drop } : rules;
}
