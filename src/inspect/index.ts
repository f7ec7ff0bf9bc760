/**
 * The inspector: live database → Model.
 *
 * In:  a Database and a scope (the schema the URL is bound to, an explicit list, or every user schema).
 * Out: the Model of the managed schemas plus the objects of kinds the Model does not support.
 * Never: issues a query per object. A fixed set of batched catalog queries (./queries.ts) runs inside one
 * read-only transaction with `search_path = ''`, so every user-defined name comes back schema-qualified.
 * Extension-owned objects and Atlas's revisions table are excluded.
 */
import type { Database, Queryable } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { qualifiedKey } from '../model/names.js';
import type {
  Column, Constraint, DomainType, Expr, FkAction, Func, Grant, Index, Model, Policy, SchemaDef, Sequence, Table, Trigger, TypeDef, Unmanaged, View,
} from '../model/types.js';
import * as Q from './queries.js';

export interface InspectOptions {
  /** Manage only these schemas (Atlas's `--schema`); default: the URL's bound schema, else all user schemas. */
  readonly schemas?: readonly string[];
  /** Glob patterns (`schema`, `schema.table`, `*.tmp_*`) of objects to leave out (Atlas's `--exclude`). */
  readonly exclude?: readonly string[];
}

export interface InspectResult {
  readonly model: Model;
  readonly unmanaged: readonly Unmanaged[];
  /** Number of catalog queries issued (fixed, independent of the schema size). */
  readonly queries: number;
}

const expr = (text: string): Expr => ({ canonical: text, text });
const FK_ACTION: Record<string, FkAction> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const REVISIONS = 'atlas_schema_revisions';

/** Glob (`*`, `?`) → RegExp over `schema` or `schema.name`. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^.]*').replace(/\?/g, '[^.]') + '$');
}

type Row = Record<string, unknown>;
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const arr = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.startsWith('{')) {
    // text[] returned as a literal by some drivers
    return v.slice(1, -1).split(',').filter(Boolean).map((x) => x.replace(/^"(.*)"$/, '$1'));
  }
  return [];
};
const json = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * Reads the managed schemas of a database into a Model.
 *
 * @example
 * const db = await openDatabase(process.env.DATABASE_URL!);
 * const { model } = await inspect(db, { schemas: ['practice_app'] });
 * Object.keys(model.tables) // ['practice_app.users', …]
 */
export async function inspect(db: Database, opts: InspectOptions = {}): Promise<InspectResult> {
  let queries = 0;
  const version = await db.serverVersion();
  return db.transaction(async (tx: Queryable) => {
    const q = async (sql: string, params: unknown[]): Promise<Row[]> => {
      queries++;
      try {
        return (await tx.query<Row>(sql, params)).rows;
      } catch (e) {
        // 42501 insufficient_privilege: a hardened server revoked SELECT on a catalog from PUBLIC.
        const hint = (e as { sqlState?: unknown }).sqlState === '42501' ? ' (inspection reads the pg_catalog tables of this database: the connecting role needs SELECT on them; ask an administrator to GRANT it, or connect as the schema owner)' : '';
        throw new MeridianError('E_INSPECT', `inspecting ${db.displayUrl}: ${(e as Error).message}${hint}`, { cause: e });
      }
    };
    // No JIT: catalog queries on thousands of tables cross jit_optimize_above_cost and spent more time
    // compiling than running (Q_COLUMNS 1.4 s → 0.4 s on 5,000 tables, PostgreSQL 15).
    await tx.query(`SELECT pg_catalog.set_config('search_path', '', true), pg_catalog.set_config('jit', 'off', true)`);
    let schemas: string[];
    const explicit = db.boundSchema ? db.boundSchema.split(',').map((s) => s.trim()) : opts.schemas?.length ? [...opts.schemas] : undefined;
    if (explicit) {
      const found = new Set((await q(Q.Q_SCHEMAS, [explicit])).map((r) => String(r.name)));
      const missing = explicit.filter((s) => !found.has(s));
      if (missing.length) throw new MeridianError('E_INSPECT', `schema ${missing.map((s) => `"${s}"`).join(', ')} does not exist in ${db.displayUrl}`);
      schemas = explicit;
    } else {
      schemas = (await q(Q.Q_ALL_SCHEMAS, [])).map((r) => String(r.name));
    }
    const excludes = (opts.exclude ?? []).map(globToRegExp);
    const excluded = (schema: string, name?: string) => excludes.some((re) => re.test(name === undefined ? schema : `${schema}.${name}`));
    schemas = schemas.filter((s) => !excluded(s));

    const [schemaRows, extRows, typeRows, seqRows, relRows, colRows, conRows, idxRows, fnRows, aggRows, trgRows, polRows, unRows] = [
      await q(Q.Q_SCHEMAS, [schemas]),
      await q(Q.Q_EXTENSIONS, []),
      await q(Q.Q_TYPES, [schemas]),
      await q(Q.Q_SEQUENCES, [schemas]),
      await q(Q.Q_RELATIONS, [schemas]),
      await q(Q.Q_COLUMNS, [schemas]),
      await q(Q.Q_CONSTRAINTS, [schemas]),
      await q(Q.Q_INDEXES, [schemas]),
      await q(Q.Q_FUNCTIONS, [schemas]),
      await q(Q.Q_AGGREGATES, [schemas]),
      await q(version >= 130000 ? Q.Q_TRIGGERS : Q.Q_TRIGGERS_PRE13, [schemas]),
      await q(Q.Q_POLICIES, [schemas]),
      await q(Q.Q_UNMANAGED, [schemas]),
    ];

    const isRevisions = (schema: string, name: string) => name === REVISIONS;
    const model = {
      schemas: {} as Record<string, SchemaDef>,
      extensions: {} as Model['extensions'] & Record<string, Model['extensions'][string]>,
      types: {} as Record<string, TypeDef>,
      sequences: {} as Record<string, Sequence>,
      tables: {} as Record<string, Table>,
      views: {} as Record<string, View>,
      functions: {} as Record<string, Func>,
      opaque: [],
      unmanaged: [] as Unmanaged[],
    };
    for (const r of schemaRows) {
      const name = String(r.name);
      // The revisions schema holding only Atlas's table is bookkeeping, not the user's schema.
      if (name === REVISIONS && !relRows.some((x) => x.schema === REVISIONS && x.name !== REVISIONS)) continue;
      model.schemas[name] = { kind: 'schema', name, ...(r.comment ? { comment: String(r.comment) } : {}) };
    }
    for (const r of extRows) {
      model.extensions[String(r.name)] = { kind: 'extension', name: String(r.name), schema: String(r.schema), version: str(r.version), ...(r.comment ? { comment: String(r.comment) } : {}) };
    }
    for (const r of typeRows) {
      const schema = String(r.schema);
      const name = String(r.name);
      if (excluded(schema, name)) continue;
      const key = qualifiedKey(schema, name);
      const comment = r.comment ? { comment: String(r.comment) } : {};
      if (r.kind === 'e') model.types[key] = { kind: 'enum', schema, name, labels: arr(r.labels), ...comment };
      else if (r.kind === 'd') {
        const d: DomainType = {
          kind: 'domain', schema, name, baseType: String(r.base_type), notNull: !!r.not_null,
          ...(r.default_expr ? { default: expr(String(r.default_expr)) } : {}),
          checks: (json<{ name: string; def: string }[]>(r.checks) ?? []).map((c) => ({ name: c.name, expr: expr(c.def) })),
          ...comment,
        };
        model.types[key] = d;
      } else if (r.kind === 'r') {
        const g = json<{ subtype: string; diff: string | null; canonical: string | null; opclass: string | null; collation: string | null; multirange: string | null }>(r.range)!;
        model.types[key] = {
          kind: 'range', schema, name, subtype: g.subtype,
          ...(g.diff ? { subtypeDiff: g.diff } : {}), ...(g.canonical ? { canonical: g.canonical } : {}), ...(g.opclass ? { subtypeOpclass: g.opclass } : {}),
          ...(g.collation ? { collation: g.collation } : {}), ...(g.multirange ? { multirange: g.multirange } : {}), ...comment,
        };
      } else model.types[key] = { kind: 'composite', schema, name, attributes: json<{ name: string; type: string }[]>(r.attributes) ?? [], ...comment };
    }
    for (const r of seqRows) {
      if (r.owned_deptype === 'i') continue; // identity sequences belong to their column
      const schema = String(r.schema);
      const name = String(r.name);
      if (excluded(schema, name)) continue;
      model.sequences[qualifiedKey(schema, name)] = {
        kind: 'sequence', schema, name, type: String(r.type), start: String(r.start), increment: String(r.increment), min: String(r.min), max: String(r.max),
        cache: String(r.cache), cycle: !!r.cycle,
        ...(r.owned_table ? { ownedBy: { table: qualifiedKey(String(r.owned_schema), String(r.owned_table)), column: String(r.owned_column) } } : {}),
        ...(r.comment ? { comment: String(r.comment) } : {}),
      };
    }
    const columnsByRel = new Map<string, Column[]>();
    const columnComments = new Map<string, Record<string, string>>();
    for (const r of colRows) {
      const key = qualifiedKey(String(r.schema), String(r.table_name));
      const list = columnsByRel.get(key) ?? [];
      const idSeq = json<{ type: string; start: string; increment: string; min: string; max: string; cache: string; cycle: boolean }>(r.identity_seq);
      list.push({
        name: String(r.name), type: String(r.type), notNull: !!r.not_null,
        ...(r.default_expr ? { default: expr(String(r.default_expr)) } : {}),
        ...(r.generated_expr ? { generated: expr(String(r.generated_expr)) } : {}),
        ...(r.identity && idSeq ? { identity: { generation: r.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT', sequence: { ...idSeq } } as Column['identity'] } : {}),
        ...(r.collation ? { collation: String(r.collation) } : {}),
        ...(r.comment ? { comment: String(r.comment) } : {}),
        ...(r.is_local === false ? { inherited: true } : {}),
        ...(r.statistics !== null && r.statistics !== undefined ? { statistics: Number(r.statistics) } : {}),
      } as Column);
      columnsByRel.set(key, list);
      if (r.comment) {
        const m = columnComments.get(key) ?? {};
        m[String(r.name)] = String(r.comment);
        columnComments.set(key, m);
      }
    }
    for (const r of relRows) {
      const schema = String(r.schema);
      const name = String(r.name);
      if (excluded(schema, name) || (r.kind !== 'v' && r.kind !== 'm' && isRevisions(schema, name)) || r.kind === 'f') continue;
      const key = qualifiedKey(schema, name);
      const comment = r.comment ? { comment: String(r.comment) } : {};
      const grantList = json<Grant[]>(r.grants) ?? []; // sorted by the query
      const grants = grantList.length ? { grants: grantList } : {};
      if (r.kind === 'v' || r.kind === 'm') {
        const deps = json<{ schema: string; name: string }[]>(r.view_deps) ?? [];
        model.views[key] = {
          kind: r.kind === 'v' ? 'view' : 'materialized_view', schema, name,
          query: expr(String(r.view_def ?? '').trim().replace(/;$/, '')),
          columns: (columnsByRel.get(key) ?? []).map((c) => c.name),
          columnTypes: Object.fromEntries((columnsByRel.get(key) ?? []).map((c) => [c.name, c.type])),
          options: arr(r.options).sort(), indexes: {},
          ...(r.kind === 'm' ? { withData: !!r.populated } : {}),
          ...(columnComments.has(key) ? { columnComments: columnComments.get(key) } : {}),
          dependsOn: deps.map((d) => qualifiedKey(d.schema, d.name)).sort(),
          ...grants,
          ...comment,
        };
        continue;
      }
      const parents = json<{ schema: string; name: string }[]>(r.parents) ?? [];
      const partKey = str(r.part_key);
      const pk = partKey ? /^(RANGE|LIST|HASH)\s+(.*)$/.exec(partKey) : null;
      const t: Table = {
        kind: 'table', schema, name,
        columns: columnsByRel.get(key) ?? [],
        constraints: {}, indexes: {}, triggers: {}, policies: {},
        rowLevelSecurity: !!r.rls, forceRowLevelSecurity: !!r.force_rls, unlogged: r.persistence === 'u',
        ...(pk ? { partitionBy: { strategy: pk[1] as 'RANGE' | 'LIST' | 'HASH', key: expr(pk[2]!) } } : {}),
        ...(r.is_partition && parents[0] ? { partitionOf: { parent: qualifiedKey(parents[0].schema, parents[0].name), bound: expr(String(r.part_bound)) } } : {}),
        inherits: r.is_partition ? [] : parents.map((p) => qualifiedKey(p.schema, p.name)),
        ...grants,
        options: arr(r.options).sort(),
        ...comment,
      };
      model.tables[key] = t;
    }
    const tableOf = (r: Row) => model.tables[qualifiedKey(String(r.schema), String(r.table_name))] as (Table & { constraints: Record<string, Constraint>; indexes: Record<string, Index>; triggers: Record<string, Trigger>; policies: Record<string, Policy> }) | undefined;
    for (const r of conRows) {
      const t = tableOf(r);
      if (!t || r.is_local === false) continue;
      const base = {
        name: String(r.name), deferrable: !!r.deferrable, initiallyDeferred: !!r.deferred, definition: String(r.def),
        ...(r.comment ? { comment: String(r.comment) } : {}),
      };
      const cols = arr(r.columns);
      let c: Constraint;
      switch (r.kind) {
        case 'p': c = { kind: 'primary_key', ...base, columns: cols, include: [] }; break;
        case 'u': c = { kind: 'unique', ...base, columns: cols, include: [], nullsNotDistinct: /NULLS NOT DISTINCT/.test(String(r.def)) }; break;
        case 'f': c = {
          kind: 'foreign_key', ...base, columns: cols, refTable: qualifiedKey(String(r.ref_schema), String(r.ref_table)), refColumns: arr(r.ref_columns),
          onDelete: FK_ACTION[String(r.on_delete)] ?? 'NO ACTION', onUpdate: FK_ACTION[String(r.on_update)] ?? 'NO ACTION',
          match: r.match_type === 'f' ? 'FULL' : r.match_type === 'p' ? 'PARTIAL' : 'SIMPLE', ...(r.validated ? {} : { notValid: true }),
        }; break;
        case 'c': c = { kind: 'check', ...base, expr: expr(String(r.check_expr)), noInherit: !!r.no_inherit, ...(r.validated ? {} : { notValid: true }) }; break;
        default: c = { kind: 'exclusion', name: base.name, deferrable: base.deferrable, initiallyDeferred: base.initiallyDeferred, definition: String(r.def), ...(r.comment ? { comment: String(r.comment) } : {}) };
      }
      t.constraints[c.name] = c;
    }
    for (const r of idxRows) {
      const key = qualifiedKey(String(r.schema), String(r.table_name));
      const target = (model.tables[key] as { indexes: Record<string, Index> } | undefined) ?? (model.views[key] as { indexes: Record<string, Index> } | undefined);
      if (!target) continue;
      target.indexes[String(r.name)] = {
        kind: 'index', schema: String(r.schema), name: String(r.name), table: key, unique: !!r.is_unique, method: String(r.method),
        keys: [], include: [], ...(r.predicate ? { where: expr(String(r.predicate)) } : {}), nullsNotDistinct: /NULLS NOT DISTINCT/.test(String(r.def)),
        options: arr(r.options).sort(), definition: String(r.def), ...(r.comment ? { comment: String(r.comment) } : {}),
      };
    }
    for (const r of fnRows) {
      const schema = String(r.schema);
      const name = String(r.name);
      if (excluded(schema, name)) continue;
      const identityArgs = String(r.identity_args);
      model.functions[`${qualifiedKey(schema, name)}(${identityArgs})`] = {
        kind: r.kind === 'p' ? 'procedure' : 'function', schema, name, args: [], identityArgs,
        ...(r.kind === 'p' ? {} : { returns: String(r.result) }),
        language: String(r.language), body: String(r.body).trim(),
        volatility: r.volatility === 'i' ? 'IMMUTABLE' : r.volatility === 's' ? 'STABLE' : 'VOLATILE',
        strict: !!r.strict, securityDefiner: !!r.security_definer, leakproof: !!r.leakproof,
        parallel: r.parallel === 's' ? 'SAFE' : r.parallel === 'r' ? 'RESTRICTED' : 'UNSAFE',
        config: arr(r.config).sort(), definition: String(r.def ?? '').trim(),
        ...(r.comment ? { comment: String(r.comment) } : {}),
      };
    }
    for (const r of aggRows) {
      const schema = String(r.schema);
      const name = String(r.name);
      if (excluded(schema, name)) continue;
      const identityArgs = String(r.identity_args);
      const opts = [`SFUNC = ${r.sfunc}`, `STYPE = ${r.stype}`];
      if (r.finalfunc) opts.push(`FINALFUNC = ${r.finalfunc}`);
      if (r.combinefunc) opts.push(`COMBINEFUNC = ${r.combinefunc}`);
      if (r.initcond !== null && r.initcond !== undefined) opts.push(`INITCOND = '${String(r.initcond).replace(/'/g, "''")}'`);
      if (r.sortop) opts.push(`SORTOP = OPERATOR(${String(r.sortop).replace(/\(.*$/, '')})`);
      const definition = `CREATE AGGREGATE ${qualifiedKey(schema, name)}(${identityArgs || '*'}) (${opts.join(', ')})`;
      model.functions[`${qualifiedKey(schema, name)}(${identityArgs})`] = {
        kind: 'aggregate', schema, name, args: [], identityArgs, language: 'internal', body: '', volatility: 'IMMUTABLE', strict: false,
        securityDefiner: false, leakproof: false, parallel: 'UNSAFE', config: [], definition, ...(r.comment ? { comment: String(r.comment) } : {}),
      };
    }
    for (const r of trgRows) {
      const key = qualifiedKey(String(r.schema), String(r.table_name));
      const view = model.views[key] as (View & { triggers?: Record<string, Trigger> }) | undefined;
      const t = tableOf(r) ?? (view ? { triggers: (view.triggers ??= {}) } : undefined);
      if (!t) continue;
      const def = String(r.def);
      const m = /^CREATE (?:CONSTRAINT )?TRIGGER \S+ (BEFORE|AFTER|INSTEAD OF) (.+?) ON /.exec(def);
      t.triggers[String(r.name)] = {
        kind: 'trigger', name: String(r.name), table: qualifiedKey(String(r.schema), String(r.table_name)),
        timing: (m?.[1] ?? 'AFTER') as Trigger['timing'], events: (m?.[2] ?? '').split(' OR ').map((e) => e.split(' ')[0]!).sort(),
        updateOf: [], forEach: /FOR EACH ROW/.test(def) ? 'ROW' : 'STATEMENT', function: qualifiedKey(String(r.fn_schema), String(r.fn_name)), args: [],
        enabled: String(r.enabled) as Trigger['enabled'], definition: def, ...(r.comment ? { comment: String(r.comment) } : {}),
      };
    }
    for (const r of polRows) {
      const t = tableOf(r);
      if (!t) continue;
      t.policies[String(r.name)] = {
        kind: 'policy', name: String(r.name), table: qualifiedKey(String(r.schema), String(r.table_name)), permissive: r.permissive === 'PERMISSIVE',
        command: String(r.cmd) as Policy['command'], roles: arr(r.roles).sort(),
        ...(r.qual ? { using: expr(String(r.qual)) } : {}), ...(r.with_check ? { withCheck: expr(String(r.with_check)) } : {}),
      };
    }
    for (const r of unRows) model.unmanaged.push({ kind: String(r.kind), schema: String(r.schema), name: String(r.name) });
    return { model: model as Model, unmanaged: model.unmanaged, queries: queries + 1 };
  });
}
