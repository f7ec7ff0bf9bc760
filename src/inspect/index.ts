/**
 * The inspector: live database → Model.
 *
 * In:  a Database and a scope (the schema the URL is bound to, an explicit list, or every user schema).
 * Out: the Model of the managed schemas plus the objects of kinds the Model does not support.
 * Never: issues a query per object. A fixed set of batched catalog queries (./queries.ts) runs inside one
 * read-only transaction with `search_path = ''`, so every user-defined name comes back schema-qualified.
 * Extension-owned objects and Atlas's revisions table are excluded. PostgreSQL's texts (pg_get_expr,
 * pg_get_indexdef …) are put in the Model's canonical forms here, at the edge (src/parse/canonical.ts).
 */
import type { Database, Queryable } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { foreignKeySql, keySql } from '../model/constraint-sql.js';
import { aggregateDefinition, aggregateOptions } from '../model/aggregate-sql.js';
import { qualifiedKey, qualifiedName } from '../model/names.js';
import type {
  CatalogObject, Column, Constraint, DomainType, Expr, FkAction, ForeignKey, Func, Grant, Index, Model, Policy, SchemaDef, Sequence, Table, Trigger, TypeDef, Unmanaged, View,
} from '../model/types.js';
import { foreignTableFromRows, Q_FOREIGN_TABLES, Q_SQLMED, sqlMedFromRow } from './kinds/foreign.js';
import { Q_RULES, ruleFromRow } from './kinds/rule.js';
import { eventTriggerFromRow, Q_EVENT_TRIGGERS } from './kinds/event-trigger.js';
import { publicationFromRow, qPublications } from './kinds/publication.js';
import { qStatistics, statisticsFromRow } from './kinds/statistics.js';
import { collationFromRow, qCollations } from './kinds/collation.js';
import { Q_TEXT_SEARCH, textSearchFromRow } from './kinds/text-search.js';
import { aclFromRow, privilegesFromRow, Q_PRIVILEGES } from './kinds/privileges.js';
import { defaultPrivilegesFromRow, Q_DEFAULT_PRIVILEGES } from './kinds/default-privileges.js';
import { castFromRow, Q_CASTS } from './kinds/cast.js';
import { operatorFromRow, Q_OPERATORS } from './kinds/operator.js';
import { opClassFromRow, Q_OPERATOR_CLASSES } from './kinds/operator-class.js';
import * as Q from './queries.js';
import { arr, attachedIndexes, globToRegExp, indexSql, json, nums, str, tableMarks, type AttachedRow, type Row } from './rows.js';
import { EXPORT_SNAPSHOT, inOrder, JOIN_LIMITS, JOIN_LIMITS_WHEN_OTHERS_BELOW, pairedReads, PARALLEL_FROM_RELATIONS, preparedReads, SETUP, SnapshotUnavailable, together, withLiteralSchemas } from './reads.js';

export { globToRegExp, indexSql, tableMarks } from './rows.js';
import { recordCopies, recordValidCheckCopies, type CopyRow } from './key-copies.js';
import { attachedTargetExists, objectKey } from '../model/objects.js';
import { columnSettingsOf } from '../model/view-columns.js';
import { viewQueryText, boundFromText, canonicalizeDefinitions, constraintText, canonicalizeViews, domainCheckFromText, exprFromText } from '../parse/canonical.js';
import { loadLibpg } from '../parse/libpg.js';

export interface InspectOptions {
  /** Manage only these schemas (Atlas's `--schema`); default: the URL's bound schema, else all user schemas. */
  readonly schemas?: readonly string[];
  /** Glob patterns (`schema`, `schema.table`, `*.tmp_*`) of objects to leave out (Atlas's `--exclude`). */
  readonly exclude?: readonly string[];
  /**
   * Read the catalogs on two connections sharing one snapshot (servers only): `'auto'` (default) from
   * 2,000 relations in the managed schemas, or once this Database has been inspected before (the second
   * connection is then kept, `Database.sibling`, for the next reads until `close()`); `true` always, `false`
   * never. Falls back to one connection by itself when the second cannot be opened or cannot share the
   * snapshot.
   */
  readonly parallel?: boolean | 'auto';
  /**
   * Give each unmanaged object its `drop` (pg_identify_object's type and identity), for a caller that must
   * remove objects the Model does not describe (`schema clean`). Off by default.
   */
  readonly identify?: boolean;
}

export interface InspectResult {
  readonly model: Model;
  readonly unmanaged: readonly Unmanaged[];
  /** Number of catalog queries issued (fixed, independent of the schema size). */
  readonly queries: number;
}

const expr = (text: string): Expr => exprFromText(text);
const FK_ACTION: Record<string, FkAction> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const REVISIONS = 'atlas_schema_revisions';
const STORAGE: Record<string, string> = { p: 'PLAIN', e: 'EXTERNAL', x: 'EXTENDED', m: 'MAIN' };
/** A view's query as pg_get_viewdef prints it, without the trailing semicolon. */
const viewText = (v: unknown): string => String(v ?? '').trim().replace(/;$/, '');

/**
 * Reads the managed schemas of a database into a Model.
 *
 * @example
 * const db = await openDatabase(process.env.DATABASE_URL!);
 * const { model } = await inspect(db, { schemas: ['practice_app'] });
 * Object.keys(model.tables) // ['practice_app.users', …]
 */
export async function inspect(db: Database, opts: InspectOptions = {}): Promise<InspectResult> {
  const version = await db.serverVersion();
  await loadLibpg(); // canonical forms are read from PostgreSQL's texts by the parser
  const attempt = async (o: InspectOptions): Promise<InspectResult> => {
    let queries = 0;
    const r = await inspectIn(db, o, version, () => queries++);
    return { ...r, queries: queries + 1 };
  };
  let result: InspectResult;
  try {
    result = await attempt(opts);
  } catch (e) {
    // The server would not export a snapshot (and that error aborted the transaction): read on one connection,
    // now and (in 'auto' mode) from then on.
    if (!(e instanceof SnapshotUnavailable)) throw e;
    unpaired.add(db);
    result = await attempt({ ...opts, parallel: false });
  }
  inspected.add(db);
  return result;
}

/** Databases inspected before: a handle that is read again keeps a second connection for it. */
const inspected = new WeakSet<Database>();
/**
 * Databases that would not export a snapshot (a standby, say), or whose second connection failed inside its
 * round trip (a pooler that sends the snapshot's import to another server): `'auto'` reads them on one
 * connection from then on.
 */
const unpaired = new WeakSet<Database>();

async function inspectIn(db: Database, opts: InspectOptions, version: number, count: () => void): Promise<Omit<InspectResult, 'queries'>> {
  return db.transaction(async (tx: Queryable) => {
    const failed = (e: unknown): never => {
      // 42501 insufficient_privilege: a hardened server revoked SELECT on a catalog from PUBLIC.
      const hint = (e as { sqlState?: unknown }).sqlState === '42501' ? ' (inspection reads the pg_catalog tables of this database: the connecting role needs SELECT on them; ask an administrator to GRANT it, or connect as the schema owner)' : '';
      throw new MeridianError('E_INSPECT', `inspecting ${db.displayUrl}: ${(e as Error).message}${hint}`, { cause: e });
    };
    const q = async (sql: string, params: unknown[]): Promise<Row[]> => {
      count();
      try {
        return (await tx.query<Row>(sql, params)).rows;
      } catch (e) {
        return failed(e);
      }
    };
    // Where the driver can, queries go out together in one round trip (their `$1` written as a literal):
    // on a small schema the round trips were a quarter of the time. `before` and `after` are statements
    // around them, one statement each (their results dropped).
    const queryAll = tx.queryAll?.bind(tx);
    const sendAll = async (on: Queryable, queries: ReadonlyArray<readonly [string, unknown[], ...unknown[]]>, before: readonly string[] = [], after: readonly string[] = []): Promise<{ rows: Row[][]; before: Row[][] }> => {
      for (const _ of queries) count();
      const results = await on.queryAll!([...before, ...queries.map(([sql, params]) => withLiteralSchemas(sql, params)), ...after].join(';\n'));
      return { rows: results.slice(before.length, before.length + queries.length).map((r) => r.rows), before: results.slice(0, before.length).map((r) => r.rows) };
    };
    const all = (queries: ReadonlyArray<readonly [string, unknown[], ...unknown[]]>, before: readonly string[] = []): Promise<Row[][]> =>
      sendAll(tx, queries, before).then((r) => r.rows, failed);
    // One snapshot for every catalog query (and for a second connection, which imports it). No JIT: catalog
    // queries on thousands of tables cross jit_optimize_above_cost and spent more time compiling than
    // running (Q_COLUMNS 1.4 s → 0.4 s on 5,000 tables, PostgreSQL 15).
    const begin = ['SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY', SETUP];
    // The managed schemas (name, comment, size), read once: the given ones, else every user schema.
    const explicit = db.boundSchema ? db.boundSchema.split(',').map((s) => s.trim()) : opts.schemas?.length ? [...opts.schemas] : undefined;
    const schemaQuery: readonly [string, unknown[]] = explicit ? [Q.Q_SCHEMAS, [explicit]] : [Q.Q_ALL_SCHEMAS, []];

    // Two connections read the catalogs side by side, the second in the first's snapshot (pg_export_snapshot),
    // so both halves describe one state: on a big schema, and on a Database read before (whose second
    // connection is then kept open: a second read of danbooru's schema took 28 → 20 ms with it). Where that cannot
    // be set up (no free connection, a pooler, a standby), one connection reads everything.
    const parallel = opts.parallel ?? 'auto';
    const canPair = !!(queryAll && db.sibling);
    const pairNow = canPair && (parallel === true || (parallel === 'auto' && inspected.has(db) && !unpaired.has(db)));
    const siblingP = pairNow ? db.sibling!() : undefined;
    let schemaRows: Row[];
    let snapshot: string | undefined;
    let prepared: ((sql: string, params: unknown[], settings?: string) => Promise<Row[]>) | undefined;
    if (queryAll) {
      const first = await sendAll(tx, [schemaQuery], pairNow ? [...begin, EXPORT_SNAPSHOT] : begin).catch((e: unknown) => {
        // The export, or the schema query it came with, failed; the transaction is aborted either way: retried on one connection.
        if (pairNow) throw new SnapshotUnavailable(e);
        return failed(e);
      });
      schemaRows = first.rows[0]!;
      if (pairNow) snapshot = String(first.before.at(-1)![0]!.id);
    } else {
      await tx.exec(begin.join('; '));
      // In this process (PGlite): each catalog query planned once per session (preparedReads).
      if (db.kind === 'pglite') {
        const read = await preparedReads(tx).catch(failed);
        prepared = (sql, params, settings) => (count(), read(sql, params, settings).catch(failed));
      }
      schemaRows = await (prepared ?? q)(...schemaQuery);
    }
    if (explicit) {
      const missing = explicit.filter((s) => !schemaRows.some((r) => r.name === s));
      if (missing.length) throw new MeridianError('E_INSPECT', `schema ${missing.map((s) => `"${s}"`).join(', ')} does not exist in ${db.displayUrl}`);
    }
    const excludes = (opts.exclude ?? []).map(globToRegExp);
    const excluded = (schema: string, name?: string) => excludes.some((re) => re.test(name === undefined ? schema : `${schema}.${name}`));
    schemaRows = schemaRows.filter((r) => !excluded(String(r.name)));
    const schemas = schemaRows.map((r) => String(r.name));
    const managedRelations = schemaRows.reduce((n, r) => n + Number(r.relations), 0);
    let second = await siblingP;
    if (!second && !pairNow && canPair && parallel === 'auto' && !unpaired.has(db) && managedRelations >= PARALLEL_FROM_RELATIONS) {
      second = await db.sibling!();
      if (second) {
        try {
          snapshot = String((await tx.query<{ id: string }>(EXPORT_SNAPSHOT)).rows[0]!.id);
        } catch (e) {
          throw new SnapshotUnavailable(e);
        }
      }
    }
    if (snapshot === undefined || !/^[0-9A-Fa-f-]+$/.test(snapshot)) second = undefined;

    // In the order the rows are used below, the heaviest first: the Model is built from the first results
    // while the connections still read the rest. With two connections, the second reads the entries marked
    // 1: about half of the server's time on every size measured (1,000 generated tables: 62 and 65 ms;
    // danbooru, index-heavy: 10 and 15 ms).
    const batch: Array<readonly [string, unknown[], 0 | 1]> = [
      [Q.Q_COLUMNS, [schemas], 0],
      [Q.Q_RELATIONS, [schemas], 0],
      [Q.qConstraints(version), [schemas], 1],
      [Q.qIndexes(version), [schemas], 1],
      [Q.Q_SEQUENCES, [schemas], 1],
      [Q.Q_TYPES, [schemas], 0],
      [Q.Q_FUNCTIONS, [schemas], 0],
      [Q.Q_AGGREGATES, [schemas], 1],
      [version >= 130000 ? Q.Q_TRIGGERS : Q.Q_TRIGGERS_PRE13, [schemas], 1],
      [Q.Q_POLICIES, [schemas], 1],
      [opts.identify ? Q.Q_UNMANAGED_IDENTIFIED : Q.Q_UNMANAGED, [schemas], 1],
      [Q.Q_EXTENSIONS, [], 0],
      [Q_RULES, [schemas], 1],
      [Q_FOREIGN_TABLES, [schemas], 1],
      [Q_SQLMED, [], 0],
      [Q_EVENT_TRIGGERS, [], 1],
      [qPublications(version), [], 0],
      [qStatistics(version), [schemas], 1],
      [qCollations(version), [schemas], 0],
      [Q_CASTS, [], 1],
      [Q_TEXT_SEARCH, [schemas], 0],
      [Q_PRIVILEGES, [schemas], 1],
      [Q_DEFAULT_PRIVILEGES, [], 0],
      [Q_OPERATORS, [schemas], 1],
      [Q_OPERATOR_CLASSES, [schemas], 1],
    ];
    const databaseRelations = Number(schemaRows[0]?.database_relations ?? 0);
    const joinLimits = databaseRelations > 0 && databaseRelations - managedRelations < JOIN_LIMITS_WHEN_OTHERS_BELOW && (!second || managedRelations < PARALLEL_FROM_RELATIONS);
    if (joinLimits && !queryAll) await tx.exec(JOIN_LIMITS);
    const reads = second ? pairedReads(batch, tx, second, snapshot!, joinLimits, sendAll, failed, () => unpaired.add(db))
      : !queryAll ? inOrder(batch, ([sql, params]) => (prepared ? prepared(sql, params, joinLimits ? JOIN_LIMITS : '') : q(sql, params)))
      : together(all(batch, joinLimits ? [JOIN_LIMITS] : []), batch.length);
    const [colP, relP, conP, idxP, seqP, typeP, fnP, aggP, trgP, polP, unP, extP, ruleP, ftP, medP, evtP, pubP, statP, collP, castP, tsP, privP, dpP, opP, opcP] = reads.results as Array<Promise<Row[]>>;
    try {
      const isRevisions = (schema: string, name: string) => name === REVISIONS;
      const model = {
        schemas: {} as Record<string, SchemaDef>,
        extensions: {} as Model['extensions'] & Record<string, Model['extensions'][string]>,
        types: {} as Record<string, TypeDef>,
        sequences: {} as Record<string, Sequence>,
        tables: {} as Record<string, Table>,
        views: {} as Record<string, View>,
        functions: {} as Record<string, Func>,
        objects: {} as Record<string, CatalogObject>,
        opaque: [],
        unmanaged: [] as Unmanaged[],
      };
      // Q_COLUMNS is unordered (sorting 100,000 rows by name cost PostgreSQL more than the rest of the query,
      // and pg_attribute's physical order is not attnum's): each relation's rows placed at their attnum.
      const colRowsByRel = new Map<number, Row[]>();
      for (const r of await colP) {
        const rel = Number(r.rel);
        let g = colRowsByRel.get(rel);
        if (!g) colRowsByRel.set(rel, (g = []));
        g[Number(r.num)] = r;
      }
      /** attnum → column name per relation oid, for constraint keys (conkey/confkey). */
      const attNames = new Map<number, string[]>();
      const columnsByRel = new Map<number, Column[]>();
      // forEach, not for-of: no [key, value] pair allocated per relation (10,000 on 10,000 tables)
      colRowsByRel.forEach((group, key) => {
        const names: string[] = [];
        const list: Column[] = [];
        for (const r of group) {
          if (r === undefined) continue; // a dropped column's attnum
          const name = String(r.name);
          names[Number(r.num)] = name;
          // Properties assigned in a fixed order (the Model's JSON key order), without temporary objects.
          const col: { -readonly [K in keyof Column]?: Column[K] } = { name, type: String(r.type), notNull: !!r.not_null };
          if (r.default_expr) col.default = expr(String(r.default_expr));
          const x = json<{ generated_expr: string | null; virtual: boolean; identity: string; collation: string | null; comment: string | null; identity_seq: (NonNullable<Column['identity']>['sequence'] & { name: string; unlogged: boolean | null }) | null; is_local: boolean; statistics: number | null; options: string[] | null; storage: string | null; compression: string | null }>(r.extra);
          if (x) {
            if (x.generated_expr) col.generated = expr(x.generated_expr);
            if (x.generated_expr && x.virtual) col.virtual = true;
            if (x.identity && x.identity_seq) {
              const { name: sequenceName, unlogged, ...sequence } = x.identity_seq;
              col.identity = { generation: x.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT', sequence, sequenceName, ...(typeof unlogged === 'boolean' ? { unlogged } : {}) };
            }
            if (x.collation) col.collation = x.collation;
            if (x.comment) col.comment = x.comment;
            if (x.is_local === false) col.inherited = true;
            if (x.statistics !== null && x.statistics !== undefined) col.statistics = Number(x.statistics);
            if (x.options?.length) col.options = [...x.options];
            if (x.storage) col.storage = STORAGE[x.storage];
            if (x.compression) col.compression = x.compression === 'l' ? 'lz4' : 'pglz';
          }
          list.push(col as Column);
        }
        attNames.set(key, names);
        columnsByRel.set(key, list);
      });
      const foreignRels = new Map<number, { schema: string; name: string; comment: unknown; grants: readonly Grant[] }>();
      type TableWithMaps = Table & { constraints: Record<string, Constraint>; indexes: Record<string, Index>; triggers: Record<string, Trigger>; policies: Record<string, Policy> };
      const tablesByOid = new Map<number, TableWithMaps>();
      for (const r of await relP) {
        const schema = String(r.schema);
        const name = String(r.name);
        if (excluded(schema, name) || (r.kind !== 'v' && r.kind !== 'm' && isRevisions(schema, name))) continue;
        if (r.kind === 'f') {
          foreignRels.set(Number(r.oid), { schema, name, comment: r.comment, grants: aclFromRow(r.grants, r.mine, 'TABLE') });
          continue;
        }
        const key = qualifiedKey(schema, name);
        const oid = Number(r.oid);
        const comment = r.comment ? { comment: String(r.comment) } : {};
        const grantList = aclFromRow(r.grants, r.mine, 'TABLE'); // in the ACL's order (the query's)
        const grants = grantList.length ? { grants: grantList } : {};
        if (r.kind === 'v' || r.kind === 'm') {
          const deps = json<{ schema: string; name: string }[]>(r.view_deps) ?? [];
          const viewColumns = columnsByRel.get(oid) ?? [];
          const commented = viewColumns.filter((c) => c.comment !== undefined);
          const defaulted = viewColumns.filter((c) => c.default !== undefined);
          model.views[key] = {
            kind: r.kind === 'v' ? 'view' : 'materialized_view', schema, name,
            query: { canonical: '', text: viewQueryText(viewText(r.view_def), r.view_def_exact == null ? undefined : viewText(r.view_def_exact)) }, // canonical: canonicalizeViews
            columns: viewColumns.map((c) => c.name),
            columnTypes: Object.fromEntries(viewColumns.map((c) => [c.name, c.type])),
            ...((collated) => (collated.length ? { columnCollations: Object.fromEntries(collated.map((c) => [c.name, c.collation!])) } : {}))(viewColumns.filter((c) => c.collation)),
            options: arr(r.options), indexes: {},
            ...(r.kind === 'm' ? { withData: !!r.populated } : {}),
            ...(commented.length ? { columnComments: Object.fromEntries(commented.map((c) => [c.name, c.comment!])) } : {}),
            ...((set) => (r.kind === 'm' && set.length ? { columnSettings: Object.fromEntries(set.map((c) => [c.name, columnSettingsOf(c)])) } : {}))(viewColumns.filter((c) => c.statistics !== undefined || c.options || c.storage)),
            ...(defaulted.length ? { columnDefaults: Object.fromEntries(defaulted.map((c) => [c.name, c.default!])) } : {}),
            dependsOn: deps.map((d) => qualifiedKey(d.schema, d.name)).sort(),
            ...((calls) => (calls.length ? { calls } : {}))((json<{ schema: string; name: string }[]>(r.view_calls) ?? []).map((d) => qualifiedKey(d.schema, d.name)).sort()),
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
          columns: columnsByRel.get(oid) ?? [],
          constraints: {}, indexes: {}, triggers: {}, policies: {},
          rowLevelSecurity: !!r.rls, forceRowLevelSecurity: !!r.force_rls, unlogged: r.persistence === 'u',
          ...(r.access_method ? { accessMethod: String(r.access_method) } : {}),
          ...tableMarks(r),
          ...(pk ? { partitionBy: { strategy: pk[1] as 'RANGE' | 'LIST' | 'HASH', key: expr(pk[2]!) } } : {}),
          ...(r.is_partition && parents[0] ? { partitionOf: { parent: qualifiedKey(parents[0].schema, parents[0].name), bound: boundFromText(String(r.part_bound)) } } : {}),
          inherits: r.is_partition ? [] : parents.map((p) => qualifiedKey(p.schema, p.name)),
          ...(r.of_type ? { ofType: ((o) => qualifiedKey(o.schema, o.name))(json<{ schema: string; name: string }>(r.of_type)!) } : {}),
          ...grants,
          options: arr(r.options),
          ...comment,
        };
        model.tables[key] = t;
        tablesByOid.set(oid, t as TableWithMaps);
      }
      const tableOf = (r: Row) => model.tables[qualifiedKey(String(r.schema), String(r.table_name))] as TableWithMaps | undefined;
      /** Column names of a constraint's or an index's attnums, from the columns already read (no subquery per row). */
      const keyNames = (rel: number, keys: unknown, r: Row, t: Table): string[] => {
        const names = attNames.get(rel);
        return nums(keys).map((n) => {
          const name = names?.[n];
          if (name === undefined) throw new MeridianError('E_INSPECT', `inspecting ${db.displayUrl}: "${String(r.name)}" of ${qualifiedKey(t.schema, t.name)} names column ${n} of relation ${rel}, which was not read`);
          return name;
        });
      };
      // Partitions' copies of keys above (PrimaryKey.copies): each copy's constraint, and each key by its oid.
      const copyRows: CopyRow[] = [];
      const validCheckCopies = new Set<string>();
      const keysByOid = new Map<number, { t: TableWithMaps; name: string }>();
      for (const r of await conP) {
        const rel = Number(r.rel);
        const t = tablesByOid.get(rel);
        if (t && r.key_oid != null) {
          if (Number(r.copy_of)) copyRows.push({ oid: Number(r.key_oid), of: Number(r.copy_of), part: qualifiedKey(t.schema, t.name), name: String(r.name) });
          else keysByOid.set(Number(r.key_oid), { t, name: String(r.name) });
        }
        // A valid copy of a check above (CheckConstraint.validCopies, recorded on that check below).
        if (t && r.is_local === false && r.kind === 'c' && r.validated) validCheckCopies.add(`${qualifiedKey(t.schema, t.name)}\u0000${String(r.name)}`);
        if (!t || r.is_local === false) continue;
        const deferrable = !!r.deferrable;
        const initiallyDeferred = !!r.deferred;
        // An exclusion constraint is kept as its definition text; its keys may be expressions (attnum 0).
        const cols = r.kind === 'x' ? [] : keyNames(rel, r.keys, r, t);
        const fk = r.kind !== 'f' ? undefined : {
          refTable: qualifiedKey(String(r.ref_schema), String(r.ref_table)),
          refColumns: r.ref_columns ? arr(r.ref_columns) : keyNames(Number(r.ref_rel), r.ref_keys, r, t),
          onDelete: FK_ACTION[String(r.on_delete)] ?? 'NO ACTION', onUpdate: FK_ACTION[String(r.on_update)] ?? 'NO ACTION',
          match: (r.match_type === 'f' ? 'FULL' : r.match_type === 'p' ? 'PARTIAL' : 'SIMPLE') as ForeignKey['match'],
        };
        // Plain primary and foreign keys come without PostgreSQL's text (see qConstraints): the same text, rendered here.
        const definition = r.def !== null ? constraintText(String(r.def), r.exact_def == null ? undefined : String(r.exact_def))
          : fk ? foreignKeySql({ columns: cols, ...fk, deferrable, initiallyDeferred }, qualifiedName(String(r.ref_schema), String(r.ref_table)))
          : keySql({ kind: 'primary_key', columns: cols, include: [], deferrable, initiallyDeferred });
        const base = { name: String(r.name), deferrable, initiallyDeferred, definition, ...(r.comment ? { comment: String(r.comment) } : {}) };
        let c: Constraint;
        const attachedTo = r.attached_to ? json<{ schema: string; name: string }>(r.attached_to) : undefined;
        const indexOptions = { ...(r.index_options ? { options: arr(r.index_options) } : {}), ...(r.index_comment != null ? { indexComment: String(r.index_comment) } : {}),
          ...(attachedTo ? { attachedTo: qualifiedKey(attachedTo.schema, attachedTo.name) } : {}) };
        switch (r.kind) {
          case 'p': c = { kind: 'primary_key', ...base, columns: cols, include: [], ...indexOptions, ...(r.period ? { withoutOverlaps: true } : {}) }; break;
          case 'u': c = { kind: 'unique', ...base, columns: cols, include: [], nullsNotDistinct: /NULLS NOT DISTINCT/.test(definition), ...indexOptions, ...(r.period ? { withoutOverlaps: true } : {}) }; break;
          case 'f': c = { kind: 'foreign_key', ...base, columns: cols, ...fk!, ...(r.validated ? {} : { notValid: true }), ...(r.period ? { period: true } : {}) }; break;
          case 'c': c = { kind: 'check', ...base, expr: expr(String(r.check_expr)), noInherit: !!r.no_inherit, ...(r.validated ? {} : { notValid: true }) }; break;
          default: c = { kind: 'exclusion', name: base.name, deferrable, initiallyDeferred, definition, ...(r.comment ? { comment: String(r.comment) } : {}), ...indexOptions };
        }
        t.constraints[c.name] = c;
      }
      recordCopies(copyRows, keysByOid);
      if (validCheckCopies.size) recordValidCheckCopies(model, validCheckCopies);
      for (const r of await idxP) {
        const key = qualifiedKey(String(r.schema), String(r.table_name));
        const target = (model.tables[key] as { indexes: Record<string, Index> } | undefined) ?? (model.views[key] as { indexes: Record<string, Index> } | undefined);
        if (!target) continue;
        const name = String(r.name);
        // Plain indexes come without PostgreSQL's text (see qIndexes): the same text, rendered here.
        // A plain index's keys are its columns; the others' are read from PostgreSQL's text (canonicalizeDefinitions).
        const plain = r.def === null ? keyNames(Number(r.rel), r.keys, r, tableOf(r)!) : undefined;
        const definition = plain ? indexSql(name, String(r.schema), String(r.table_name), !!r.is_unique, String(r.method), plain, r.predicate ? String(r.predicate) : undefined) : String(r.def);
        target.indexes[name] = {
          kind: 'index', schema: String(r.schema), name, table: key, unique: !!r.is_unique, method: String(r.method),
          keys: (plain ?? []).map((column) => ({ column, descending: false, nullsFirst: false })), include: [], ...(r.predicate ? { where: expr(String(r.predicate)) } : {}), nullsNotDistinct: /NULLS NOT DISTINCT/.test(definition),
          options: arr(r.options), definition, ...(r.comment ? { comment: String(r.comment) } : {}),
          ...(r.statistics ? { statistics: arr(r.statistics) } : {}), ...(r.only ? { only: true } : {}),
          ...(r.attached ? attachedIndexes(json<AttachedRow[]>(r.attached)!, arr(r.options), nums(r.key_order)) : {}),
        };
      }
      for (const r of await typeP) {
        const schema = String(r.schema);
        const name = String(r.name);
        if (excluded(schema, name)) continue;
        const key = qualifiedKey(schema, name);
        const comment = r.comment ? { comment: String(r.comment) } : {};
        if (r.kind === 'e') model.types[key] = { kind: 'enum', schema, name, labels: arr(r.labels), ...comment };
        else if (r.kind === 'd') {
          const d: DomainType = {
            kind: 'domain', schema, name, baseType: String(r.base_type), notNull: !!r.not_null,
            ...(r.domain_collation ? { collation: String(r.domain_collation) } : {}),
            ...(r.default_expr ? { default: expr(String(r.default_expr)) } : {}),
            checks: (json<{ name: string; def: string; valid: boolean; comment: string | null }[]>(r.checks) ?? []).map((c) => ({ name: c.name, expr: domainCheckFromText(c.def), ...(c.valid ? {} : { notValid: true }), ...(c.comment !== null ? { comment: c.comment } : {}) })),
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
        } else {
          const attributeComments = json<Record<string, string>>(r.attribute_comments);
          model.types[key] = { kind: 'composite', schema, name, attributes: json<{ name: string; type: string; collation?: string }[]>(r.attributes) ?? [], ...(attributeComments ? { attributeComments } : {}), ...comment };
        }
      }
      for (const r of await seqP) {
        if (r.owned_deptype === 'i') continue; // identity sequences belong to their column
        const schema = String(r.schema);
        const name = String(r.name);
        if (excluded(schema, name)) continue;
        model.sequences[qualifiedKey(schema, name)] = {
          kind: 'sequence', schema, name, type: String(r.type), start: String(r.start), increment: String(r.increment), min: String(r.min), max: String(r.max),
          cache: String(r.cache), cycle: !!r.cycle,
          ...(r.owned_table ? { ownedBy: { table: qualifiedKey(String(r.owned_schema), String(r.owned_table)), column: String(r.owned_column) } } : {}),
          ...(r.comment ? { comment: String(r.comment) } : {}),
          ...(r.persistence === 'u' ? { unlogged: true } : {}),
        };
      }
      for (const r of await fnP) {
        const schema = String(r.schema);
        const name = String(r.name);
        if (excluded(schema, name)) continue;
        const identityArgs = String(r.identity_args);
        model.functions[`${qualifiedKey(schema, name)}(${identityArgs})`] = {
          kind: r.kind === 'p' ? 'procedure' : 'function', schema, name, args: [], identityArgs,
          ...(r.kind === 'p' ? {} : { returns: String(r.result) }),
          language: String(r.language), body: String(r.body),
          volatility: r.volatility === 'i' ? 'IMMUTABLE' : r.volatility === 's' ? 'STABLE' : 'VOLATILE',
          strict: !!r.strict, securityDefiner: !!r.security_definer, leakproof: !!r.leakproof,
          parallel: r.parallel === 's' ? 'SAFE' : r.parallel === 'r' ? 'RESTRICTED' : 'UNSAFE',
          config: arr(r.config).sort(), definition: String(r.def ?? '').trim(),
          signatureTypes: arr(r.signature_types),
          ...((reads) => (reads.length ? { reads } : {}))((json<Array<{ schema: string; name: string }>>(r.reads) ?? []).map((d) => qualifiedKey(d.schema, d.name)).sort()),
          ...(r.comment ? { comment: String(r.comment) } : {}),
        };
      }
      for (const r of await aggP) {
        const schema = String(r.schema);
        const name = String(r.name);
        if (excluded(schema, name)) continue;
        // An ordered-set aggregate: the key is the flat list (queries.ts identityArgsSql), `direct ORDER BY aggregated` its signature.
        const signature = r.aggkind === 'n' ? undefined : String(r.signature);
        const identityArgs = String(r.identity_args);
        // FINALFUNC_MODIFY's default is READ_ONLY, READ_WRITE for an ordered-set aggregate: kept when not the default.
        const modify = (f: unknown, v: unknown, dflt = 'r') => (f && v !== dflt ? ({ r: 'READ_ONLY', w: 'READ_WRITE', s: 'SHAREABLE' } as const)[String(v) as 'r' | 'w' | 's'] : undefined);
        const text = (v: unknown) => (v ? String(v) : undefined);
        const aggregate = aggregateOptions({
          sfunc: String(r.sfunc), stype: String(r.stype), sspace: Number(r.sspace) || undefined,
          finalfunc: text(r.finalfunc), finalfuncExtra: r.finalextra ? true : undefined, finalfuncModify: modify(r.finalfunc, r.finalmodify, signature === undefined ? 'r' : 'w'),
          combinefunc: text(r.combinefunc), serialfunc: text(r.serialfunc), deserialfunc: text(r.deserialfunc),
          initcond: r.initcond === null || r.initcond === undefined ? undefined : String(r.initcond),
          msfunc: text(r.msfunc), minvfunc: text(r.minvfunc), mstype: text(r.mstype), msspace: Number(r.msspace) || undefined,
          mfinalfunc: text(r.mfinalfunc), mfinalfuncExtra: r.mfinalextra ? true : undefined, mfinalfuncModify: modify(r.mfinalfunc, r.mfinalmodify),
          minitcond: r.minitcond === null || r.minitcond === undefined ? undefined : String(r.minitcond),
          sortop: r.sortop ? String(r.sortop).replace(/\(.*$/, '') : undefined,
          parallel: r.parallel === 's' ? 'SAFE' : r.parallel === 'r' ? 'RESTRICTED' : undefined,
          signature, hypothetical: r.aggkind === 'h' || undefined,
        });
        const definition = aggregateDefinition(qualifiedKey(schema, name), identityArgs, aggregate);
        model.functions[`${qualifiedKey(schema, name)}(${identityArgs})`] = {
          kind: 'aggregate', schema, name, args: [], identityArgs, language: 'internal', body: '', volatility: 'IMMUTABLE', strict: false,
          securityDefiner: false, leakproof: false, parallel: 'UNSAFE', config: [], definition, aggregate, ...(r.comment ? { comment: String(r.comment) } : {}),
        };
      }
      for (const r of await trgP) {
        const key = qualifiedKey(String(r.schema), String(r.table_name));
        const view = model.views[key] as (View & { triggers?: Record<string, Trigger> }) | undefined;
        const t = tableOf(r) ?? (view ? { triggers: (view.triggers ??= {}) } : undefined);
        if (!t) continue;
        if (r.cloned === true) {
          // A partition's copy of its parent's trigger, firing otherwise (src/model/cloned-triggers.ts).
          const table = t as { clonedTriggers?: Record<string, Trigger['enabled']> };
          (table.clonedTriggers ??= {})[String(r.name)] = String(r.enabled) as Trigger['enabled'];
          continue;
        }
        const def = String(r.def);
        const m = /^CREATE (?:CONSTRAINT )?TRIGGER \S+ (BEFORE|AFTER|INSTEAD OF) (.+?) ON /.exec(def);
        t.triggers[String(r.name)] = {
          kind: 'trigger', name: String(r.name), table: qualifiedKey(String(r.schema), String(r.table_name)),
          timing: (m?.[1] ?? 'AFTER') as Trigger['timing'], events: (m?.[2] ?? '').split(' OR ').map((e) => e.split(' ')[0]!).sort(),
          updateOf: [], forEach: /FOR EACH ROW/.test(def) ? 'ROW' : 'STATEMENT', function: qualifiedKey(String(r.fn_schema), String(r.fn_name)), args: [],
          enabled: String(r.enabled) as Trigger['enabled'], definition: def, ...(r.comment ? { comment: String(r.comment) } : {}),
        };
      }
      for (const r of await polP) {
        const t = tableOf(r);
        if (!t) continue;
        t.policies[String(r.name)] = {
          kind: 'policy', name: String(r.name), table: qualifiedKey(String(r.schema), String(r.table_name)), permissive: r.permissive === 'PERMISSIVE',
          command: String(r.cmd) as Policy['command'], roles: arr(r.roles).sort(),
          ...(r.qual ? { using: expr(String(r.qual)) } : {}), ...(r.with_check ? { withCheck: expr(String(r.with_check)) } : {}),
          ...(r.comment ? { comment: String(r.comment) } : {}),
        };
      }
      for (const r of schemaRows) {
        const name = String(r.name);
        // The revisions schema holding only Atlas's table is bookkeeping, not the user's schema.
        if (name === REVISIONS && !(await relP).some((x) => x.schema === REVISIONS && x.name !== REVISIONS)) continue;
        model.schemas[name] = { kind: 'schema', name, ...(r.comment ? { comment: String(r.comment) } : {}) };
      }
      for (const r of await extP) {
        model.extensions[String(r.name)] = { kind: 'extension', name: String(r.name), schema: String(r.schema), version: str(r.version), ...(r.relocatable === false ? { relocatable: false as const } : {}), ...(r.comment ? { comment: String(r.comment) } : {}), ...(r.default_comment ? { defaultComment: String(r.default_comment) } : {}), ...((r.requires as unknown[] | null)?.length ? { requires: (r.requires as unknown[]).map(String) } : {}) };
      }
      const put = (o: CatalogObject) => { model.objects[objectKey(o)] = o; };
      for (const r of await ruleP) if (!excluded(String(r.schema), String(r.table_name))) put(ruleFromRow(r));
      for (const r of await ftP) {
        const rel = foreignRels.get(Number(r.oid));
        if (rel) put({ ...foreignTableFromRows(rel.schema, rel.name, rel.comment, columnsByRel.get(Number(r.oid)) ?? [], r), ...(rel.grants.length ? { grants: rel.grants } : {}) });
      }
      for (const r of await medP) put(sqlMedFromRow(r));
      for (const r of await evtP) put(eventTriggerFromRow(r));
      for (const r of await pubP) put(publicationFromRow(r, expr));
      for (const r of await collP) put(collationFromRow(r));
      for (const r of await castP) put(castFromRow(r));
      for (const r of await tsP) put(textSearchFromRow(r));
      for (const r of await dpP) {
        const d = defaultPrivilegesFromRow(r);
        if (d) put(d);
      }
      for (const r of await privP) {
        const p = privilegesFromRow(r);
        // Privileges of what the Model holds (not of identity sequences, array types, excluded tables).
        if (p && attachedTargetExists(model as Model, p)) put(p);
      }
      for (const r of await opP) if (!excluded(String(r.schema), String(r.name))) put(operatorFromRow(r));
      for (const r of await opcP) if (!excluded(String(r.schema), String(r.name))) put(opClassFromRow(r));
      for (const r of await statP) if (!excluded(String(r.table_schema), String(r.table_name))) put(statisticsFromRow(r, expr));
      for (const r of await unP) {
        const u: Unmanaged = { kind: String(r.kind), schema: String(r.schema), name: String(r.name) };
        model.unmanaged.push(r.drop_identity ? { ...u, drop: { type: String(r.drop_type), identity: String(r.drop_identity) } } : u);
      }
      // Read with the schemas (a database without any has no object to compare privileges on).
      const role = schemaRows[0]?.role;
      return { model: { ...canonicalizeViews(canonicalizeDefinitions(model as Model)), ...(role ? { role: String(role) } : {}) }, unmanaged: model.unmanaged };
    } finally {
      await reads.settled; // no query may still run when the transaction ends
    }
  });
}

