/**
 * Change data: what differs between two Models, as typed, readonly records (no SQL here).
 * Each change names the object it is about; `plan` turns changes into ordered statements.
 */
import { qualifiedKey } from '../model/names.js';
import type { CatalogObject, Column, ColumnSettings, Constraint, Expr, Extension, Func, Grant, Index, Policy, SchemaDef, Sequence, Table, Trigger, TypeDef, View } from '../model/types.js';
import type { Firing } from '../model/firing.js';

export type Change =
  | { readonly kind: 'create_schema'; readonly schema: SchemaDef }
  | { readonly kind: 'drop_schema'; readonly schema: SchemaDef }
  | { readonly kind: 'create_extension'; readonly extension: Extension }
  | { readonly kind: 'drop_extension'; readonly extension: Extension }
  /** An extension updated (`version`: ALTER EXTENSION … UPDATE TO) or moved (`schema`: SET SCHEMA) in place, see ./extensions.ts. */
  | { readonly kind: 'alter_extension'; readonly from: Extension; readonly to: Extension; readonly version?: string; readonly schema?: string }
  | { readonly kind: 'create_type'; readonly type: TypeDef }
  | { readonly kind: 'drop_type'; readonly type: TypeDef }
  /**
   * A partition whose bound changes under the same parent, a partition that becomes a table of its own, a table
   * that becomes a partition, or a partition moved to another parent: DETACH PARTITION (when `from` is a
   * partition), then ATTACH PARTITION with the new bound (when `table` is one). Its rows stay; the changes in
   * between turn one detached state into the other (model/partition.ts); the attach checks the rows fit.
   */
  | { readonly kind: 'reattach_partition'; readonly table: Table; readonly from: Table }
  /**
   * A table's parents (INHERITS) change in place: `NO INHERIT` each of `detach` before the table is changed (its
   * columns and checks from them become its own), then `INHERIT` each of `attach`, in order, once the table and
   * those parents are in their desired state (diff/inheritance.ts). `from` is the current table.
   */
  | { readonly kind: 'set_inherits'; readonly table: Table; readonly from: Table; readonly detach: readonly string[]; readonly attach: readonly string[] }
  /**
   * A domain or composite type changed in place (ALTER DOMAIN … SET DEFAULT / ADD CONSTRAINT, ALTER TYPE …
   * ADD ATTRIBUTE …): same kind, base type and collation; a composite's kept attributes in the same order with
   * the new ones after them. `usedBy` are the columns (`table key.column`) whose type it is.
   */
  | { readonly kind: 'alter_type'; readonly from: TypeDef; readonly to: TypeDef; readonly usedBy: readonly string[]; /** Keys of the typed tables of the type, kept: its attribute changes reach them (CASCADE). */ readonly typedTables?: readonly string[] }
  | { readonly kind: 'add_enum_value'; readonly type: TypeDef & { kind: 'enum' }; readonly label: string; readonly before?: string; readonly after?: string }
  /**
   * An enum's labels removed or reordered, or a composite's attributes changed while columns use it (PostgreSQL
   * refuses ALTER ATTRIBUTE … TYPE and DROP TYPE then): rebuild the type and convert the columns that use it. The planner adds the
   * types over the enum (`types`: desired definitions in dependency order; `existed`: renamed aside and dropped
   * after; `drops`: those that go) and their columns (`type`: the column's type when it is not the enum itself), see plan/kinds/enum-rebuild.ts.
   */
  | {
      readonly kind: 'rebuild_type'; readonly from: TypeDef & { kind: 'enum' | 'composite' }; readonly to: TypeDef & { kind: 'enum' | 'composite' };
      readonly columns: readonly { table: string; column: string; default?: string; dropDefault?: boolean; array?: boolean; type?: string }[];
      readonly types?: readonly { readonly to: TypeDef; readonly existed: boolean }[];
      /** Types over the enum that the desired Model drops: dropped by the rebuild, before the old enum. */
      readonly drops?: readonly TypeDef[];
    }
  | { readonly kind: 'create_sequence'; readonly sequence: Sequence }
  | { readonly kind: 'alter_sequence'; readonly from: Sequence; readonly to: Sequence }
  | { readonly kind: 'drop_sequence'; readonly sequence: Sequence }
  /** `beforeDrops`: released (OWNED BY NONE) before the tables are dropped, so the drop does not take it along (planner-made). */
  | { readonly kind: 'sequence_owned_by'; readonly sequence: Sequence; readonly beforeDrops?: boolean }
  /**
   * `attach`: a partition created as a table of its own, then `ALTER TABLE parent ATTACH PARTITION`: PostgreSQL then
   * attaches its keys to the parent's plain indexes of their shape (Constraint.attachedTo) instead of creating an
   * index on it for each (`CREATE TABLE … PARTITION OF` does, before its keys exist).
   */
  | { readonly kind: 'create_table'; readonly table: Table; readonly attach?: boolean }
  | { readonly kind: 'drop_table'; readonly table: Table }
  /** `afterTypeChanges`: a generated column added again once the columns it reads have their new type (planner-made: plan/regenerated.ts). */
  | { readonly kind: 'add_column'; readonly table: Table; readonly column: Column; readonly afterTypeChanges?: boolean }
  /** `regenerated`: a generated column dropped only to be added again after a type change (planner-made): no data is lost. */
  | { readonly kind: 'drop_column'; readonly table: Table; readonly column: Column; readonly regenerated?: boolean }
  /**
   * `regenerate`: a generated column dropped and added again although its expression is the same (planner-made).
   * `settings`: only the per-column settings ADD COLUMN cannot state, on a column just added again (planner-made: plan/regenerated.ts).
   */
  /** `setExpression`: a generated column's new expression set in place (PostgreSQL 17+, planner-made: plan/regenerated.ts). */
  | { readonly kind: 'alter_column'; readonly table: Table; readonly from: Column; readonly to: Column; readonly regenerate?: boolean; readonly settings?: boolean; readonly setExpression?: boolean; /** A typed table's column whose type or collation its type's `ALTER ATTRIBUTE … TYPE … CASCADE` changes (no ALTER COLUMN … TYPE of its own: PostgreSQL refuses one on a typed table). */ readonly viaType?: boolean }
  /**
   * `validate`: the constraint exists NOT VALID and is otherwise the same: only VALIDATE CONSTRAINT. `optionsFrom`: the
   * constraint exists with these storage parameters on its index and is otherwise the same: `ALTER INDEX … SET/RESET (…)`.
   * `deferral`: the foreign key exists and only its deferral changes: `ALTER CONSTRAINT … [NOT] DEFERRABLE INITIALLY …`.
   */
  | { readonly kind: 'add_constraint'; readonly table: Table; readonly constraint: Constraint; readonly newTable: boolean; readonly validate?: boolean; readonly optionsFrom?: readonly string[]; readonly deferral?: boolean;
      /** Only `ALTER INDEX <constraint.attachedTo> ATTACH PARTITION <its index>` (the key exists, or is added by another change). */
      readonly attach?: boolean;
      /** With `validate`: `table` holds a copy of the check of this table (CheckConstraint.validCopies), validated there. */
      readonly copyOf?: string }
  | { readonly kind: 'drop_constraint'; readonly table: Table; readonly constraint: Constraint }
  /** `statisticsFrom`: the index exists with these column statistics targets and is otherwise the same: `ALTER INDEX … SET STATISTICS`. */
  /** `statisticsFrom` / `optionsFrom`: the index exists with these column statistics targets / storage parameters and is otherwise the same: altered in place. */
  | { readonly kind: 'create_index'; readonly index: Index; readonly newTable: boolean; readonly statisticsFrom?: readonly string[]; readonly optionsFrom?: readonly string[];
      /** Built after `ATTACH PARTITION` to this parent (key), which would otherwise adopt it (diff/partition-moves.ts `shadowedIndexes`). */
      readonly afterAttach?: string }
  | { readonly kind: 'drop_index'; readonly index: Index }
  /**
   * `ALTER INDEX <index> ATTACH PARTITION <child>`: a partition's own index of the shape of an index `ON ONLY` its
   * parent (Index.only) becomes the parent's; once each partition has one, PostgreSQL marks the parent's valid.
   */
  | { readonly kind: 'attach_index'; readonly index: Index; readonly child: Index }
  | { readonly kind: 'set_rls'; readonly table: Table }
  /** Persistence (LOGGED/UNLOGGED) or storage parameters changed. */
  | { readonly kind: 'alter_table'; readonly from: Table; readonly table: Table }
  /**
   * `from`: the view exists as this and is replaced in place (`CREATE OR REPLACE VIEW`: same leading columns, see
   * diff/view-replace.ts); it keeps its privileges, comments, triggers, rules and the views over it.
   */
  | { readonly kind: 'create_view'; readonly view: View; readonly from?: View }
  | { readonly kind: 'drop_view'; readonly view: View; readonly recreated: boolean }
  /** `afterRelations`: a SQL-standard body recreated once the relations it reads exist again (planner-made). */
  | { readonly kind: 'create_function'; readonly function: Func; readonly replace: boolean; readonly afterRelations?: boolean }
  /** `beforeRelations`: dropped before the relations its SQL-standard body reads are dropped or changed (planner-made). */
  | { readonly kind: 'drop_function'; readonly function: Func; readonly beforeRelations?: boolean }
  | { readonly kind: 'create_trigger'; readonly trigger: Trigger }
  | { readonly kind: 'drop_trigger'; readonly trigger: Trigger }
  /** A kept trigger's firing state changes (`ALTER TABLE … ENABLE | DISABLE | ENABLE REPLICA | ENABLE ALWAYS TRIGGER`). */
  | { readonly kind: 'trigger_enabled'; readonly trigger: Trigger }
  /**
   * A partition's copy of its parent's trigger `trigger` set to fire as `enabled` (`ALTER TABLE table … TRIGGER`,
   * which reaches the copies below it): after the parent's own firing statement, which reaches it (../diff/cloned-triggers.ts).
   */
  | { readonly kind: 'cloned_trigger_enabled'; readonly table: string; readonly parent: string; readonly trigger: string; readonly enabled: Firing }
  /**
   * `from`: changed in place (`ALTER POLICY … TO … USING … WITH CHECK …`), the policy as it is; only its roles and
   * added or changed expressions differ (src/diff/in-place.ts: `policyInPlace`).
   */
  | { readonly kind: 'create_policy'; readonly policy: Policy; readonly from?: Policy }
  /** `beforeTable`: dropped on its own although its table is dropped too (it reads a relation dropped before the table). */
  | { readonly kind: 'drop_policy'; readonly policy: Policy; readonly beforeTable?: boolean }
  | { readonly kind: 'comment'; readonly target: CommentTarget; readonly comment: string | undefined }
  /** A materialized view's column settings (`View.columnSettings`) from `from` to `view`'s. */
  | { readonly kind: 'view_column_settings'; readonly view: View; readonly from: Readonly<Record<string, ColumnSettings>>; readonly fromTypes?: Readonly<Record<string, string>> }
  /** A view's column defaults (`View.columnDefaults`) from `from` to `view`'s: SET DEFAULT / DROP DEFAULT in place. */
  | { readonly kind: 'view_column_defaults'; readonly view: View; readonly from: Readonly<Record<string, Expr>> }
  /** Privileges on a table or view: revoked ones, then granted ones. */
  | { readonly kind: 'grants'; readonly schema: string; readonly name: string; readonly grant: readonly Grant[]; readonly revoke: readonly Grant[] }
  /** Objects of the kinds in the Model's `objects` (rules, SQL/MED objects): one rule table per kind in src/plan/kinds/. */
  | { readonly kind: 'create_object'; readonly object: CatalogObject }
  | { readonly kind: 'drop_object'; readonly object: CatalogObject }
  | { readonly kind: 'alter_object'; readonly from: CatalogObject; readonly to: CatalogObject }
  /** A rename the user asked for (never guessed): see `src/diff/renames.ts`. */
  | {
    readonly kind: 'rename'; readonly object: 'table' | 'column' | 'index' | 'constraint' | 'sequence'; readonly schema: string; readonly table: string; readonly from: string; readonly to: string;
    /** `from` is a temporary name an earlier rename of the plan gave (a cycle of index renames broken: src/diff/index-renames.ts). */
    readonly temporary?: boolean;
  };

export type CommentTarget =
  | { readonly on: 'SCHEMA'; readonly schema: string }
  | { readonly on: 'EXTENSION' | 'FOREIGN DATA WRAPPER' | 'SERVER' | 'EVENT TRIGGER' | 'PUBLICATION'; readonly name: string }
  /** `name` is `(source AS target)`, written as is. */
  | { readonly on: 'CAST'; readonly name: string }
  | { readonly on: 'TABLE' | 'VIEW' | 'MATERIALIZED VIEW' | 'SEQUENCE' | 'TYPE' | 'INDEX' | 'FOREIGN TABLE' | 'STATISTICS' | 'COLLATION' | 'TEXT SEARCH DICTIONARY' | 'TEXT SEARCH CONFIGURATION'; readonly schema: string; readonly name: string }
  | { readonly on: 'COLUMN'; readonly schema: string; readonly name: string; readonly column: string }
  | { readonly on: 'FUNCTION' | 'PROCEDURE'; readonly schema: string; readonly name: string; readonly args: string }
  | { readonly on: 'CONSTRAINT' | 'TRIGGER' | 'POLICY' | 'RULE'; readonly schema: string; readonly name: string; readonly table: string };

/**
 * Keys of the tables that `changes` drop (`drop_table`).
 *
 * @example
 * droppedTableKeys([{ kind: 'drop_table', table: t }]) // Set { 'public.t' }
 */
export function droppedTableKeys(changes: readonly Change[]): Set<string> {
  return new Set(changes.flatMap((c) => (c.kind === 'drop_table' ? [qualifiedKey(c.table.schema, c.table.name)] : [])));
}

/**
 * Keys of the indexes that `changes` drop (`drop_index`: dropped for good or to be built again).
 *
 * @example
 * droppedIndexKeys([{ kind: 'drop_index', index: i }]) // Set { 'public.t_a_idx' }
 */
export function droppedIndexKeys(changes: readonly Change[]): Set<string> {
  return new Set(changes.flatMap((c) => (c.kind === 'drop_index' ? [qualifiedKey(c.index.schema, c.index.name)] : [])));
}
