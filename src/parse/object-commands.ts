/**
 * The object commands every kind shares a statement for: `DROP`, `RENAME` and `SET SCHEMA` (one parse node type
 * each, the object's kind a field of it), dispatched to the kind's fold module in ./kinds/.
 *
 * In: the fold's scope and one statement. Out: the Model changed in place. Never: does I/O.
 */
import { qualifiedKey } from '../model/names.js';
import * as eventTrigger from './kinds/event-trigger.js';
import * as publication from './kinds/publication.js';
import * as statistics from './kinds/statistics.js';
import * as collations from './kinds/collation.js';
import * as casts from './kinds/cast.js';
import * as operators from './kinds/operator.js';
import * as opClasses from './kinds/operator-class.js';
import * as foreign from './kinds/foreign.js';
import * as rule from './kinds/rule.js';
import * as textSearch from './kinds/text-search.js';
import * as privileges from './kinds/privileges.js';
import * as schema from './kinds/schema.js';
import * as extension from './kinds/extension.js';
import * as types from './kinds/type.js';
import * as sequence from './kinds/sequence.js';
import * as table from './kinds/table.js';
import { renameColumn } from './kinds/column.js';
import { renameConstraint } from './kinds/constraint.js';
import * as indexes from './kinds/indexes.js';
import * as view from './kinds/view.js';
import { renameViewColumn } from './kinds/view-rename.js';
import * as fn from './kinds/function.js';
import * as fnAlter from './kinds/function-alter.js';
import * as trigger from './kinds/trigger.js';
import * as renames from './kinds/rename.js';
import * as named from './kinds/rename-named.js';
import * as policy from './kinds/policy.js';
import { sv } from './kinds/nodes.js';
import { notFound, Problem, type FoldScope } from './kinds/scope.js';
import { truncateIdent } from '../model/naming.js';
import type { Payload } from './ast.js';
import { statementKind } from './statement-kind.js';

/**
 * `DROP <kind> …`: each object named, by its kind's fold module.
 *
 * @example dropObjects(scope, parseOne('DROP VIEW v, w').DropStmt) // both views leave the Model
 */
export function dropObjects(scope: FoldScope, n: Payload<'DropStmt'>): void {
  const cascade = n.behavior === 'DROP_CASCADE';
  const missingOk = !!n.missing_ok;
  for (const obj of n.objects ?? []) {
    const names: string[] = (obj.List?.items ?? (obj.String ? [obj] : obj.TypeName?.names ?? [])).map(sv);
    switch (n.removeType) {
      case 'OBJECT_TABLE': table.dropTable(scope, names, cascade, missingOk); break;
      case 'OBJECT_VIEW': case 'OBJECT_MATVIEW': view.dropView(scope, names, cascade, missingOk); break;
      case 'OBJECT_SEQUENCE': sequence.dropSequence(scope, names, missingOk); break;
      case 'OBJECT_INDEX': indexes.dropIndex(scope, names, missingOk); break;
      case 'OBJECT_TYPE': case 'OBJECT_DOMAIN': types.dropType(scope, names, cascade, missingOk); break;
      case 'OBJECT_SCHEMA': schema.dropSchema(scope, names, cascade, missingOk); break;
      case 'OBJECT_EXTENSION': extension.dropExtension(scope, names, missingOk); break;
      case 'OBJECT_FUNCTION': case 'OBJECT_PROCEDURE': case 'OBJECT_AGGREGATE': fn.dropFunction(scope, obj.ObjectWithArgs!, missingOk); break;
      case 'OBJECT_TRIGGER': trigger.dropTrigger(scope, names, missingOk); break;
      case 'OBJECT_POLICY': policy.dropPolicy(scope, names, missingOk); break;
      case 'OBJECT_RULE': rule.dropRule(scope, names, missingOk); break;
      case 'OBJECT_EVENT_TRIGGER': eventTrigger.dropEventTrigger(scope, names[0]!, missingOk); break;
      case 'OBJECT_PUBLICATION': publication.dropPublication(scope, names[0]!, missingOk); break;
      case 'OBJECT_COLLATION': collations.dropCollation(scope, names, scope.searchPath, missingOk); break;
      case 'OBJECT_CAST': casts.dropCast(scope, obj.List?.items ?? [], missingOk); break;
      case 'OBJECT_TSDICTIONARY': textSearch.dropTextSearch(scope, 'ts_dictionary', names, scope.searchPath, cascade, missingOk); break;
      case 'OBJECT_TSCONFIGURATION': textSearch.dropTextSearch(scope, 'ts_configuration', names, scope.searchPath, cascade, missingOk); break;
      case 'OBJECT_OPERATOR': operators.dropOperator(scope, obj.ObjectWithArgs!, scope.searchPath, missingOk); break;
      case 'OBJECT_OPCLASS': opClasses.dropOpClass(scope, 'operator_class', names, missingOk); break;
      case 'OBJECT_OPFAMILY': opClasses.dropOpClass(scope, 'operator_family', names, missingOk); break;
      case 'OBJECT_STATISTIC_EXT': statistics.dropStatistics(scope, names, scope.searchPath, missingOk); break;
      case 'OBJECT_FDW': foreign.dropSqlMed(scope, 'foreign_data_wrapper', names[0]!, cascade, missingOk); break;
      case 'OBJECT_FOREIGN_SERVER': foreign.dropSqlMed(scope, 'server', names[0]!, cascade, missingOk); break;
      case 'OBJECT_FOREIGN_TABLE': {
        const ft = foreign.foreignTableNamed(scope.model.objects, names, scope.searchPath);
        if (!ft) { notFound('foreign table', names, missingOk); break; }
        delete scope.model.objects[`foreign_table ${qualifiedKey(ft.schema, ft.name)}`];
        privileges.forgetPrivileges(scope, (o) => o.on === 'COLUMN' && o.schema === ft.schema && o.name === ft.name);
        scope.release(ft.schema, ft.name);
        for (const c of ft.checks ?? []) scope.releaseCon(ft.schema, c.name);
        break;
      }
      default:
        return scope.unsupported(statementKind('DropStmt', n));
    }
  }
}

/**
 * `ALTER <kind> … RENAME [COLUMN | CONSTRAINT …] TO …`, by the renamed object's kind.
 *
 * @example renameObject(scope, parseOne('ALTER TABLE t RENAME TO u').RenameStmt) // t is now u
 */
export function renameObject(scope: FoldScope, n: Payload<'RenameStmt'>): void {
  const newname = truncateIdent(n.newname!);
  switch (n.renameType) {
    case 'OBJECT_TABLE': case 'OBJECT_VIEW': case 'OBJECT_MATVIEW': return table.renameRelation(scope, n, newname);
    case 'OBJECT_COLUMN': {
      if (n.relationType === 'OBJECT_FOREIGN_TABLE') return renames.renameForeignColumn(scope, n, newname);
      const names = scope.rangeNames(n.relation);
      const v = scope.lookup(scope.model.tables, names) ? undefined : scope.lookup(scope.model.views, names);
      return v ? renameViewColumn(scope, v.key, n.subname!, newname) : renameColumn(scope, n, newname);
    }
    case 'OBJECT_TABCONSTRAINT': return renameConstraint(scope, n, newname);
    case 'OBJECT_INDEX': return indexes.renameIndex(scope, n, newname);
    case 'OBJECT_SEQUENCE': return sequence.renameSequence(scope, n, newname);
    case 'OBJECT_TYPE': case 'OBJECT_DOMAIN': return types.renameType(scope, n, newname);
    case 'OBJECT_TRIGGER': return trigger.renameTrigger(scope, n, newname);
    case 'OBJECT_PUBLICATION': case 'OBJECT_EVENT_TRIGGER': case 'OBJECT_STATISTIC_EXT': case 'OBJECT_RULE': return renames.renameObject(scope, n, newname);
    case 'OBJECT_POLICY': return renames.renamePolicy(scope, n, newname);
    case 'OBJECT_FOREIGN_SERVER': case 'OBJECT_FDW': case 'OBJECT_FOREIGN_TABLE': return renames.renameSqlMed(scope, n, newname);
    case 'OBJECT_DOMCONSTRAINT': return renames.renameDomainConstraint(scope, n, newname);
    case 'OBJECT_ATTRIBUTE': return renames.renameAttribute(scope, n, newname);
    case 'OBJECT_FUNCTION': case 'OBJECT_PROCEDURE': case 'OBJECT_ROUTINE': case 'OBJECT_AGGREGATE': return fnAlter.renameFunction(scope, n, newname);
    case 'OBJECT_SCHEMA': return named.renameSchema(scope, n, newname);
    default:
      if (named.isNamedKind(n.renameType)) return named.renameNamed(scope, n, newname);
      return scope.unsupported(statementKind('RenameStmt', n));
  }
}

/**
 * `ALTER … SET SCHEMA`: the object (and a table's owned sequences, indexes and constraints) moves.
 *
 * @example setObjectSchema(scope, parseOne('ALTER TABLE t SET SCHEMA app').AlterObjectSchemaStmt)
 */
export function setObjectSchema(scope: FoldScope, n: Payload<'AlterObjectSchemaStmt'>): void {
  const to = n.newschema!;
  if (!scope.model.schemas[to]) throw new Problem('E_UNKNOWN', `schema "${to}" does not exist`);
  switch (n.objectType) {
    case 'OBJECT_TABLE': return table.setTableSchema(scope, n, to);
    case 'OBJECT_SEQUENCE': return sequence.setSequenceSchema(scope, n, to);
    case 'OBJECT_TYPE': case 'OBJECT_DOMAIN': return types.setTypeSchema(scope, n, to);
    case 'OBJECT_FUNCTION': case 'OBJECT_PROCEDURE': case 'OBJECT_ROUTINE': case 'OBJECT_AGGREGATE': return fnAlter.setFunctionSchema(scope, n, to);
    case 'OBJECT_STATISTIC_EXT': return renames.setStatisticsSchema(scope, n, to);
    case 'OBJECT_VIEW': case 'OBJECT_MATVIEW': return view.setViewSchema(scope, n, to);
    case 'OBJECT_FOREIGN_TABLE': return renames.setForeignTableSchema(scope, n, to);
    default:
      if (named.isNamedKind(n.objectType)) return named.setNamedSchema(scope, n, to);
      return scope.unsupported(statementKind('AlterObjectSchemaStmt', n));
  }
}
