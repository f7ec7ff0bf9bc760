/**
 * Re-introspection: what `prisma db pull` keeps from the schema.prisma it replaces (prisma-engines'
 * re-introspection rules, tests/re_introspection):
 *
 * - a model, view or enum mapping to the same table/view/type (same `@@schema` when it names one) keeps
 *   its name, documentation, `@@ignore`, its block order, and the `name:` of its `@@id`/`@@unique`;
 * - a field mapping to the same column keeps its name, documentation, `@updatedAt`, `@ignore`, and a
 *   client-side `@default(cuid()|uuid()|nanoid()|ulid())` where the column has no default; view fields
 *   keep their arity (required or optional) unless the column is a list;
 * - enum values keep their names;
 * - relation fields keep their names and relation names, matched by the foreign key (`fields:` on the
 *   same columns, towards the same table), the back side by the relation's name; many-to-many sides by
 *   the join table's relation name, except self-relations (their A/B sides cannot be told apart).
 *
 * In: the previous schema (readPrismaSchema) and the objects being pulled. Out: lookups. Pure.
 */
import type { PslAttribute, PslBlock, PslField, PslSchema } from './existing.js';
import { argument } from './existing.js';
import type { RelationField } from './relations.js';

/** An object being pulled: its key in the Model, kind, schema and database name. */
export interface PulledObject {
  readonly key: string;
  readonly kind: 'model' | 'view' | 'enum';
  readonly schema: string;
  readonly dbName: string;
}

/** Client-side id generators Prisma keeps from the previous schema (the database has no default for them). */
const CLIENT_DEFAULT = /^(cuid|uuid|nanoid|ulid)\(/;

export class PreviousSchema {
  /** Object key → the block it maps to. */
  readonly matched = new Map<string, PslBlock>();
  /** Block name → object key. */
  private readonly keyOfName = new Map<string, string>();
  private readonly order = new Map<PslBlock, number>();

  constructor(
    readonly psl: PslSchema,
    objects: readonly PulledObject[],
  ) {
    psl.blocks.forEach((b, i) => this.order.set(b, i));
    const free = new Set(psl.blocks);
    // Exact schema first, then blocks without @@schema; each block maps once.
    for (const exact of [true, false])
      for (const o of objects) {
        if (this.matched.has(o.key)) continue;
        const b = [...free].find((x) => x.kind === o.kind && x.dbName === o.dbName && (exact ? x.schema === o.schema : x.schema === undefined));
        if (!b) continue;
        free.delete(b);
        this.matched.set(o.key, b);
        this.keyOfName.set(b.name, o.key);
      }
  }

  /** Position of an object's block in the previous schema (Infinity for a new object). */
  position(key: string): number {
    const b = this.matched.get(key);
    return b ? this.order.get(b)! : Infinity;
  }

  private isRelationField(f: PslField): boolean {
    return !!f.relation || this.psl.blocks.some((b) => (b.kind === 'model' || b.kind === 'view') && b.name === f.type);
  }

  /** The previous scalar field mapping to `column` of the object `key`. */
  field(key: string, column: string): PslField | undefined {
    return this.matched.get(key)?.fields.find((f) => f.dbName === column && !this.isRelationField(f));
  }

  /** Block attribute `@@name(...)` with the given field list, e.g. `@@id([first, last], name: "compound")`. */
  blockAttribute(key: string, name: string, fields: readonly string[]): PslAttribute | undefined {
    const list = `[${fields.join(',')}]`;
    return this.matched.get(key)?.attrs.find((a) => a.name === name && (argument(a.args, 'fields') ?? argument(a.args))?.replace(/\([^)]*\)/g, '').replace(/\s+/g, '') === list);
  }

  /** Whether the previous block carries `@@ignore`. */
  ignored(key: string): boolean {
    return !!this.matched.get(key)?.attrs.some((a) => a.name === 'ignore');
  }

  /** Previous name of an enum value (by its label). */
  enumValue(key: string, label: string): string | undefined {
    return this.matched.get(key)?.values.find((v) => v.dbName === label)?.name;
  }

  /** Extra attributes a field keeps: a client-side default (when the column has none), `@updatedAt`, `@ignore`. */
  keptFieldAttrs(f: PslField | undefined, hasDbDefault: boolean): { default?: string; updatedAt: boolean; ignore: boolean } {
    const def = f?.attrs.find((a) => a.name === 'default');
    return {
      ...(!hasDbDefault && def?.args && CLIENT_DEFAULT.test(def.args.trim()) ? { default: def.text } : {}),
      updatedAt: !!f?.attrs.some((a) => a.name === 'updatedAt'),
      ignore: !!f?.attrs.some((a) => a.name === 'ignore'),
    };
  }

  /**
   * Names kept for relation fields: field → name, and relation id → relation name.
   *
   * @example
   * const kept = previous.relationNames(relations);
   * kept.field.get(f) // → 'custom_User'
   */
  relationNames(relations: ReadonlyMap<string, readonly RelationField[]>): { field: Map<RelationField, string>; relation: Map<string, string>; used: Set<PslField> } {
    const field = new Map<RelationField, string>();
    const relation = new Map<string, string>();
    const used = new Set<PslField>();
    const existingName = new Map<string, string>();
    const columnsOf = (b: PslBlock, names: readonly string[]) => names.map((n) => b.fields.find((f) => f.name === n)?.dbName ?? n);
    for (const [key, fields] of relations)
      for (const r of fields) {
        if (r.side !== 'forward') continue;
        const b = this.matched.get(key);
        const f = b?.fields.find(
          (x) => !used.has(x) && x.relation && x.relation.fields.length > 0 && columnsOf(b, x.relation.fields).join('\u0000') === r.columns.join('\u0000') && this.keyOfName.get(x.type) === r.peer,
        );
        if (!f) continue;
        used.add(f);
        field.set(r, f.name);
        existingName.set(r.relationId, f.relation!.name ?? '');
        if (f.relation!.name) relation.set(r.relationId, f.relation!.name);
      }
    for (const [key, fields] of relations)
      for (const r of fields) {
        if (r.side === 'forward') continue;
        const b = this.matched.get(key);
        const peer = this.matched.get(r.peer);
        if (!b || !peer || (r.side === 'm2m' && key === r.peer)) continue;
        const implied = [b.name, peer.name].sort().join('To');
        const want = r.side === 'back' ? existingName.get(r.relationId) ?? (relation.get(r.relationId) || r.relationName) : relation.get(r.relationId) ?? r.relationName;
        const f = b.fields.find((x) => {
          if (used.has(x) || x.type !== peer.name || (x.relation?.fields.length ?? 0) > 0) return false;
          if (r.side === 'm2m') return x.arity === 'list' && (x.relation?.name ?? implied) === (want || implied);
          return (x.relation?.name ?? '') === want;
        });
        if (!f) continue;
        used.add(f);
        field.set(r, f.name);
        if (r.side === 'm2m' && f.relation?.name) relation.set(r.relationId, f.relation.name);
      }
    return { field, relation, used };
  }

  /** Whether the previous datasource leaves relations to Prisma (`relationMode = "prisma"`, formerly `referentialIntegrity`). */
  get prismaRelations(): boolean {
    return /^\s*(relationMode|referentialIntegrity)\s*=\s*"prisma"/m.test(this.psl.datasource ?? '');
  }

  /**
   * With `relationMode = "prisma"` the database has no foreign keys for the schema's relations: the
   * previous relation fields of `key` that no foreign key produced are kept as written (their models
   * still exist, their `fields:` still name fields of the model).
   *
   * @example
   * previous.virtualRelationFields('public.Foo', kept.used) // → ['bar Bar @relation(fields: [bar_id], references: [id])']
   */
  virtualRelationFields(key: string, used: ReadonlySet<PslField>, fieldNames: ReadonlySet<string>): string[] {
    const b = this.matched.get(key);
    if (!b || !this.prismaRelations) return [];
    return b.fields
      .filter((f) => !used.has(f) && this.keyOfName.has(f.type) && this.isRelationField(f) && (f.relation?.fields ?? []).every((n) => fieldNames.has(n)))
      .map((f) => `${f.name} ${f.type}${f.arity === 'list' ? '[]' : f.arity === 'optional' ? '?' : ''}${f.attrs.length ? ` ${f.attrs.map((a) => a.text).join(' ')}` : ''}`);
  }
}
