import { expect, it } from 'vitest';
import type { Database, Queryable } from '../src/db/database.js';
import { openDatabase } from '../src/db/index.js';
import { inspect } from '../src/inspect/index.js';
import { Q_COLUMNS, qIndexes } from '../src/inspect/queries.js';
import { JOIN_LIMITS, preparedName } from '../src/inspect/reads.js';
import { qualifiedKey } from '../src/model/names.js';
import { describeEachDatabase } from './helpers/databases.js';

/** Counts every query issued through a Database (its transactions, and the second connection it opens). */
function counting(db: Database, shared?: { n: number }): { db: Database; count: () => number } {
  const c = shared ?? { n: 0 };
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => (c.n++, q.query(sql, params)),
    exec: (sql) => (c.n++, q.exec(sql)),
    ...(q.queryAll ? { queryAll: (sql: string) => (c.n++, q.queryAll!(sql)) } : {}),
  });
  const proxy = Object.create(db) as Database;
  Object.assign(proxy, wrap(db), { transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))) });
  if (db.sibling) Object.assign(proxy, { sibling: async (o?: { open?: boolean }) => { const s = await db.sibling!(o); return s && counting(s, c).db; } });
  return { db: proxy, count: () => c.n };
}

describeEachDatabase('inspector', (t) => {
  it('issues a fixed number of catalog queries, independent of the number of tables', async () => {
    await t.db.exec('CREATE TABLE t0 (id int PRIMARY KEY)');
    // PGlite prepares each catalog query once per session (inspect/reads.ts, preparedReads): its first inspection
    // also sends the PREPAREs, every later one the same statements, whatever the schema holds.
    const first = counting(t.db);
    await inspect(first.db);
    const one = counting(t.db);
    await inspect(one.db);
    if (t.target.name === 'pglite') expect(first.count() - one.count()).toBeLessThanOrEqual(29);
    else expect(first.count()).toBe(one.count());
    const ddl = Array.from({ length: 200 }, (_, i) => `CREATE TABLE t${i + 1} (id int PRIMARY KEY, p int REFERENCES t${i}(id)); CREATE INDEX i${i + 1} ON t${i + 1} (p);`).join('\n');
    await t.db.exec(ddl);
    const many = counting(t.db);
    const { model } = await inspect(many.db);
    expect(Object.keys(model.tables)).toHaveLength(201);
    expect(many.count()).toBe(one.count());
    // one query per kind family: 20, plus publications, extended statistics, collations, casts, text search, object and default privileges, operators, operator classes and families (#27);
    // on PGlite one more: which of its prepared statements the session still holds
    expect(one.count()).toBeLessThanOrEqual(t.target.name === 'pglite' ? 30 : 29);
  });
  it('reads the same Model again after the session dropped its prepared statements (DEALLOCATE ALL, DISCARD ALL) or a schema changed', async () => {
    await t.db.exec('CREATE TABLE a (id int PRIMARY KEY, b text)');
    const before = JSON.stringify((await inspect(t.db)).model);
    for (const drop of ['DEALLOCATE ALL', 'DISCARD ALL']) {
      await t.db.exec(drop);
      expect(JSON.stringify((await inspect(t.db)).model), drop).toBe(before);
    }
    // a cached plan is never a stale answer: the catalogs changed since the statements were prepared
    await t.db.exec('CREATE SCHEMA s2; CREATE TABLE s2.c (id int); ALTER TABLE a ADD COLUMN d int');
    const after = (await inspect(t.db)).model;
    expect(Object.keys(after.tables).sort()).toEqual(['public.a', 's2.c']);
    expect(after.tables['public.a']!.columns.map((c) => c.name)).toEqual(['id', 'b', 'd']);
    await t.db.exec('DROP SCHEMA s2 CASCADE; SET search_path TO public');
  });
  it("prints stored constants in pg_dump's output styles whatever the session's (DateStyle, IntervalStyle, bytea_output), a timestamptz in UTC", async () => {
    await t.db.exec("CREATE TABLE styles (d date DEFAULT '2026-12-31', i interval DEFAULT '1 day 02:00', b bytea DEFAULT '\\x0102', at timestamptz DEFAULT '2026-06-01 09:00+09', CHECK (d > '2000-01-02'))");
    const iso = (await inspect(t.db)).model;
    await t.db.exec("SET DateStyle = 'SQL, DMY'; SET IntervalStyle = 'sql_standard'; SET bytea_output = 'escape'; SET TimeZone = 'Asia/Tokyo'");
    try {
      const other = (await inspect(t.db)).model;
      expect(JSON.stringify(other.tables['public.styles'])).toBe(JSON.stringify(iso.tables['public.styles']));
      const cols = iso.tables['public.styles']!.columns;
      expect(cols.map((c) => c.default?.text)).toEqual(["'2026-12-31'::date", "'1 day 02:00:00'::interval", "'\\x0102'::bytea", "'2026-06-01 00:00:00+00'::timestamp with time zone"]);
    } finally {
      // Meridian's sessions run in UTC (src/db/session.ts): RESET would return to the server's zone.
      await t.db.exec("RESET DateStyle; RESET IntervalStyle; RESET bytea_output; SET TimeZone = 'UTC'; DROP TABLE styles");
    }
  });

  it('reads the same Model on one connection as on two sharing a snapshot', async () => {
    await t.db.exec(`CREATE TYPE mood AS ENUM ('a', 'b'); CREATE TABLE p (id serial PRIMARY KEY, m mood DEFAULT 'a');
      CREATE TABLE c (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, p int REFERENCES p(id) ON DELETE CASCADE, n text UNIQUE CHECK (n <> ''));
      CREATE INDEX c_p ON c (p) WHERE p > 0; CREATE VIEW v AS SELECT c.id, p.m FROM c JOIN p ON p.id = c.p; COMMENT ON COLUMN c.n IS 'name'`);
    let onSecond = 0;
    const watched = Object.create(t.db) as Database;
    if (t.db.sibling) Object.assign(watched, { sibling: async (o?: { open?: boolean }) => { const s = await t.db.sibling!(o); return s && counting(s, { get n() { return onSecond; }, set n(v) { onSecond = v; } }).db; } });
    const parallel = await inspect(watched, { parallel: true });
    const serial = await inspect(t.db, { parallel: false });
    expect(JSON.stringify(parallel.model)).toBe(JSON.stringify(serial.model));
    expect(Object.keys(parallel.model.tables)).toEqual(['public.c', 'public.p']); // by name, not creation order
    // servers: the second connection began, took the snapshot, ran its half of the batch and committed, in one
    // round trip; PGlite has one connection
    expect(onSecond).toBe(t.target.name === 'pglite' ? 0 : 1);
  });
  it('reads a Database inspected before on two connections, keeps the second for the next reads and closes it with the Database', async () => {
    if (!t.url) return expect(t.target.name).toBe('pglite'); // one connection there
    const db = await openDatabase(t.url);
    try {
      await db.exec(`CREATE TABLE p (id serial PRIMARY KEY, n text UNIQUE); CREATE TABLE c (id int PRIMARY KEY REFERENCES p(id)); CREATE INDEX c_x ON c (id) WHERE id > 0;
        CREATE VIEW v AS SELECT p.n FROM p JOIN c USING (id); COMMENT ON COLUMN c.id IS 'the id'`);
      const sent: string[] = [];
      const watched = Object.create(db) as Database;
      Object.assign(watched, { sibling: async (o?: { open?: boolean }) => { const s = await db.sibling!(o); return s && Object.assign(Object.create(s) as Database, { queryAll: (sql: string) => (sent.push(sql), s.queryAll!(sql)) }); } });
      const first = await inspect(watched);
      expect(sent).toEqual([]); // a small schema, read for the first time: one connection
      expect(await db.sibling!({ open: false })).toBeUndefined();
      const again = await inspect(watched);
      expect(sent).toHaveLength(1); // its half of the batch in its own transaction, in the first one's snapshot
      expect(sent[0]).toMatch(/^BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\nSET TRANSACTION SNAPSHOT '[0-9A-F-]+';\n/);
      expect(sent[0]).toMatch(/COMMIT$/);
      expect(JSON.stringify(again.model)).toBe(JSON.stringify(first.model));
      const kept = await db.sibling!({ open: false });
      expect(kept).toBeDefined();
      await inspect(watched);
      expect(await db.sibling!({ open: false })).toBe(kept);
      expect(sent).toHaveLength(2);
      // a change made after a read is seen by both halves of the next
      await db.exec('ALTER TABLE c ADD COLUMN at date; CREATE INDEX c_at ON c (at)');
      const changed = (await inspect(watched)).model.tables['public.c']!;
      expect(changed.columns.map((c) => c.name)).toEqual(['id', 'at']);
      expect(Object.keys(changed.indexes).sort()).toEqual(['c_at', 'c_x']);
      // outside any transaction after each read
      expect((await kept!.query<{ s: string }>(`SELECT pg_catalog.current_setting('transaction_isolation') AS s`)).rows[0]!.s).toBe('read committed');
      await db.close();
      await expect(kept!.query('SELECT 1')).rejects.toThrow();
    } finally {
      await db.close();
    }
  });
  it('reads everything on the first connection when the second one breaks, opens another for the next read, and stops pairing where the import fails', async () => {
    if (!t.url) return expect(t.target.name).toBe('pglite');
    const db = await openDatabase(t.url);
    try {
      await db.exec('CREATE TABLE a (id int PRIMARY KEY, b int REFERENCES a(id))');
      const expected = JSON.stringify((await inspect(db, { parallel: false })).model);
      const second = (await db.sibling!())!;
      const pid = (await second.query<{ pid: number }>('SELECT pg_catalog.pg_backend_pid() AS pid')).rows[0]!.pid;
      // The server ends it between two reads: noticed on its next use.
      await db.query('SELECT pg_catalog.pg_terminate_backend($1)', [pid]);
      await new Promise((r) => setTimeout(r, 100));
      expect(JSON.stringify((await inspect(db)).model)).toBe(expected);
      // A sibling that fails inside its round trip (here: its import of the snapshot) is rolled back; the first connection reads its half.
      const next = (await db.sibling!({ open: false }))!;
      expect(next).toBeDefined();
      expect(next).not.toBe(second);
      const failing = Object.create(db) as Database;
      let refused = 0;
      Object.assign(failing, { sibling: async () => Object.assign(Object.create(next) as Database, { queryAll: (sql: string) => (refused++, next.queryAll!(sql.replace(/SET TRANSACTION SNAPSHOT '[^']*'/, "SET TRANSACTION SNAPSHOT 'nope'"))) }) });
      expect(JSON.stringify((await inspect(failing, { parallel: true })).model)).toBe(expected);
      expect(refused).toBe(1);
      expect((await next.query<{ x: number }>('SELECT 1 AS x')).rows[0]!.x).toBe(1);
      // and, left to itself, reads that handle on one connection from then on
      expect(JSON.stringify((await inspect(failing)).model)).toBe(expected);
      expect(refused).toBe(1);
    } finally {
      await db.close();
    }
  });
  it('renders plain primary and foreign keys as PostgreSQL prints them, and keeps its text for the rest', async () => {
    const setNullColumns = (await t.db.serverVersion()) >= 150000 ? ' (b)' : '';
    await t.db.exec(`CREATE SCHEMA "Mixed Case"; CREATE TABLE "Mixed Case"."Parent" ("Id" int, "order" int, PRIMARY KEY ("Id", "order"));
      CREATE TABLE p (id int PRIMARY KEY, k int UNIQUE);
      CREATE TABLE d (id int PRIMARY KEY DEFERRABLE INITIALLY DEFERRED);
      CREATE TABLE child (id int, a int, b int, c int, "select" int,
        CONSTRAINT child_pk PRIMARY KEY (id) INCLUDE (a),
        FOREIGN KEY (a, "select") REFERENCES "Mixed Case"."Parent" MATCH FULL ON UPDATE CASCADE ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
        FOREIGN KEY (b) REFERENCES p ON DELETE SET NULL${setNullColumns});
      ALTER TABLE child ADD CONSTRAINT by_k FOREIGN KEY (c) REFERENCES p (k) NOT VALID`);
    const { model } = await inspect(t.db);
    const rows = await t.db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path = ''`); // as the inspector reads: every name qualified
      return (await tx.query<{ k: string; def: string }>(`SELECT c.relname || '.' || con.conname AS k, pg_catalog.pg_get_constraintdef(con.oid, true) AS def
        FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid WHERE con.contype IN ('p','f')`)).rows;
    });
    const pg = new Map(rows.map((r) => [r.k, r.def]));
    const ours = Object.values(model.tables).flatMap((tb) => Object.values(tb.constraints).filter((c) => c.kind === 'primary_key' || c.kind === 'foreign_key').map((c) => [`${tb.name}.${c.name}`, (c as { definition?: string }).definition] as const));
    expect(ours.length).toBe(7); // 4 primary keys, 3 foreign keys
    for (const [k, def] of ours) expect(def, k).toBe(pg.get(k));
  });
  it('renders plain indexes as pg_get_indexdef prints them, and keeps its text for the rest', async () => {
    const version = await t.db.serverVersion();
    await t.db.exec(`CREATE SCHEMA "Mixed Case"; CREATE TABLE "Mixed Case"."Parent" ("Id" int, "order" int, v varchar(10), e int[]);
      CREATE INDEX "Parent_order" ON "Mixed Case"."Parent" ("order", "Id");
      CREATE INDEX parent_v ON "Mixed Case"."Parent" (v);
      CREATE INDEX parent_e ON "Mixed Case"."Parent" USING gin (e);
      CREATE TABLE p (id int PRIMARY KEY, k int, t text, "select" int, r int4range);
      CREATE UNIQUE INDEX u_k ON p (k, id);
      CREATE INDEX p_k_pos ON p (k) WHERE k > 0 AND id IS NOT NULL;
      CREATE INDEX p_hash ON p USING hash (k);
      CREATE INDEX p_brin ON p USING brin (id);
      CREATE INDEX p_gist ON p USING gist (r);
      CREATE INDEX "Idx Mixed" ON p ("select");
      CREATE INDEX p_desc ON p (k DESC);
      CREATE INDEX p_nulls ON p (k NULLS FIRST);
      CREATE INDEX p_lower ON p (lower(t));
      CREATE INDEX p_incl ON p (k) INCLUDE (t);
      CREATE INDEX p_coll ON p (t COLLATE "C");
      CREATE INDEX p_pattern ON p (t text_pattern_ops);
      CREATE INDEX p_ff ON p (k) WITH (fillfactor = 70);
      ${version >= 150000 ? 'CREATE UNIQUE INDEX p_nnd ON p ("select") NULLS NOT DISTINCT;' : ''}
      CREATE TABLE parted (id int, at date) PARTITION BY RANGE (at); CREATE INDEX parted_at ON parted (at);
      CREATE MATERIALIZED VIEW mv AS SELECT id FROM p; CREATE INDEX mv_id ON mv (id);`);
    const { model } = await inspect(t.db);
    const rows = await t.db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path = ''`); // as the inspector reads: every name qualified
      const pg = (await tx.query<{ name: string; def: string }>(`SELECT c.relname AS name, pg_catalog.pg_get_indexdef(c.oid) AS def FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('i', 'I') AND n.nspname IN ('public', 'Mixed Case')`)).rows;
      const ours = (await tx.query<{ name: string; def: string | null }>(qIndexes(version), [['public', 'Mixed Case']])).rows;
      return { pg, ours };
    });
    const pg = new Map(rows.pg.map((r) => [r.name, r.def]));
    const indexes = [...Object.values(model.tables), ...Object.values(model.views)].flatMap((x) => Object.values(x.indexes));
    expect(indexes.length).toBe(version >= 150000 ? 19 : 18);
    for (const ix of indexes) expect(ix.definition, ix.name).toBe(pg.get(ix.name));
    // the ones rendered here rather than by the server
    expect(rows.ours.filter((r) => r.def === null).map((r) => r.name).sort()).toEqual(['Idx Mixed', 'Parent_order', 'p_brin', 'p_hash', 'p_k_pos', 'u_k']);
  });
  it('reads on one connection when the server will not export a snapshot', async () => {
    await t.db.exec('CREATE TABLE a (id int PRIMARY KEY, b int REFERENCES a(id))');
    let refused = 0;
    const noExport = Object.create(t.db) as Database;
    Object.assign(noExport, {
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) => t.db.transaction((tx) => fn({
        // as on a server that refuses: the error also aborts the transaction it ran in
        query: async (sql, params) => (/pg_export_snapshot/.test(sql) ? (refused++, tx.query('SELECT 1/0')) : tx.query(sql, params)),
        exec: (sql) => tx.exec(sql),
        ...(tx.queryAll ? { queryAll: (sql: string) => (/pg_export_snapshot/.test(sql) ? (refused++, tx.queryAll!(`${sql}; SELECT 1/0`)) : tx.queryAll!(sql)) } : {}),
      })),
    });
    const { model } = await inspect(noExport, { parallel: true });
    expect(refused).toBe(t.target.name === 'pglite' ? 0 : 1);
    expect(JSON.stringify(model)).toBe(JSON.stringify((await inspect(t.db, { parallel: false })).model));
    // read again, left to itself: on one connection, without asking for a snapshot again
    expect(JSON.stringify((await inspect(noExport)).model)).toBe(JSON.stringify(model));
    expect(refused).toBe(t.target.name === 'pglite' ? 0 : 1);
  });
  it('after a failed catalog query, waits for the other connection and leaves no transaction open', async () => {
    await t.db.exec('CREATE TABLE a (id int PRIMARY KEY)');
    const broken = Object.create(t.db) as Database;
    Object.assign(broken, {
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) => t.db.transaction((tx) => fn({
        // the first query of the batch, which the first connection always takes (PGlite: prepared, then executed by name)
        query: (sql, params) => (sql === Q_COLUMNS || ['', JOIN_LIMITS].some((s) => sql === `EXECUTE ${preparedName(Q_COLUMNS, [['public']], s)}`) ? tx.query('SELECT 1/0') : tx.query(sql, params)),
        exec: (sql) => tx.exec(sql),
      })),
    });
    await expect(inspect(broken)).rejects.toMatchObject({ code: 'E_INSPECT', message: expect.stringContaining('division by zero') });
    // the same connection still works, outside any transaction
    expect((await t.db.query<{ x: number }>('SELECT 1 AS x')).rows[0]!.x).toBe(1);
    expect((await inspect(t.db)).model.tables['public.a']).toBeDefined();
  });
  it('on a server, reads a small schema in two round trips inside its transaction; quotes and backslashes in schema names survive the literal it writes', async () => {
    const odd = `it's\\odd`; // it's\odd
    await t.db.exec(`CREATE SCHEMA "${odd}"; CREATE TABLE "${odd}".t (id int PRIMARY KEY); CREATE TABLE plain (id int)`);
    const c = counting(t.db);
    const all = await inspect(c.db);
    const key = qualifiedKey(odd, 't');
    expect(Object.keys(all.model.tables).sort()).toEqual([key, 'public.plain'].sort());
    // the transaction's settings with the schema list, then the whole batch (PGlite: a call per query)
    if (t.target.name === 'pglite') expect(c.count()).toBeGreaterThan(10);
    else expect(c.count()).toBe(2);
    const one = await inspect(t.db, { schemas: [odd] });
    expect(Object.keys(one.model.tables)).toEqual([key]);
    expect(JSON.stringify(one.model.tables)).toBe(JSON.stringify({ [key]: all.model.tables[key] }));
  });
  it('a catalog query failing inside the one-round-trip batch is an E_INSPECT error and leaves no transaction open', async () => {
    if (!t.db.queryAll) return expect(t.target.name).toBe('pglite'); // the batch goes one query at a time there
    await t.db.exec('CREATE TABLE a (id int PRIMARY KEY)');
    const broken = Object.create(t.db) as Database;
    Object.assign(broken, {
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) => t.db.transaction((tx) => fn({
        query: (sql, params) => tx.query(sql, params),
        exec: (sql) => tx.exec(sql),
        // the batch (Q_COLUMNS first) with one more statement, which fails after the others ran
        queryAll: (sql: string) => tx.queryAll!(sql.includes('a.attnotnull') ? `${sql};\nSELECT 1/0` : sql),
      })),
    });
    await expect(inspect(broken)).rejects.toMatchObject({ code: 'E_INSPECT', message: expect.stringContaining('division by zero') });
    expect((await t.db.query<{ x: number }>('SELECT 1 AS x')).rows[0]!.x).toBe(1);
    expect((await inspect(t.db)).model.tables['public.a']).toBeDefined();
  });
  it('plans the catalog queries in their written join order only when the managed schemas are nearly the whole database, on one connection', async () => {
    await t.db.exec('CREATE TABLE a (id int PRIMARY KEY, b int REFERENCES a(id))');
    const sent: string[] = [];
    const watched = Object.create(t.db) as Database;
    Object.assign(watched, {
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) => t.db.transaction((tx) => fn({
        query: (sql, params) => (sent.push(sql), tx.query(sql, params)),
        exec: (sql) => (sent.push(sql), tx.exec(sql)),
        ...(tx.queryAll ? { queryAll: (sql: string) => (sent.push(sql), tx.queryAll!(sql)) } : {}),
      })),
    });
    const limited = () => sent.some((sql) => sql.includes('join_collapse_limit'));
    const small = await inspect(watched);
    expect(limited()).toBe(true);
    // The same Model as read with the planner's own join order (two connections sharing a snapshot never limit it).
    expect(JSON.stringify(small.model)).toBe(JSON.stringify((await inspect(t.db, { parallel: true })).model));
    // A small schema in a database with 2,000 more relations elsewhere: the planner's order.
    await t.db.exec(`CREATE SCHEMA other; ${Array.from({ length: 1000 }, (_, i) => `CREATE TABLE other.t${i} (id int PRIMARY KEY);`).join(' ')}`);
    await t.db.exec('ANALYZE pg_catalog.pg_class');
    sent.length = 0;
    const scoped = await inspect(watched, { schemas: ['public'] });
    expect(limited()).toBe(false);
    expect(JSON.stringify(scoped.model.tables)).toBe(JSON.stringify(small.model.tables));
  }, 60_000);
  it('names a schema that does not exist', async () => {
    await expect(inspect(t.db, { schemas: ['nope'] })).rejects.toMatchObject({ code: 'E_INSPECT', message: expect.stringContaining('schema "nope" does not exist') });
  });
  it('leaves out extension objects and Atlas bookkeeping, reports unmanaged kinds', async () => {
    await t.db.exec(`CREATE EXTENSION pg_trgm; CREATE SCHEMA atlas_schema_revisions; CREATE TABLE atlas_schema_revisions.atlas_schema_revisions (version varchar PRIMARY KEY);
      CREATE TABLE a (x int); CREATE RULE r AS ON INSERT TO a DO INSTEAD NOTHING;
      CREATE FUNCTION eq3(int, int) RETURNS boolean LANGUAGE sql AS 'SELECT $1 = $2'; CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = eq3, NEGATOR = !~~);`);
    const { model, unmanaged } = await inspect(t.db);
    expect(Object.keys(model.schemas)).toEqual(['public']);
    expect(Object.keys(model.functions).some((k) => k.includes('similarity'))).toBe(false);
    // Rules are managed and operators carried (#27): in the Model's objects; a shell operator (a NEGATOR never defined) stays unmanaged.
    expect(Object.keys(model.objects ?? {}).sort()).toEqual(['operator public."==="(integer,integer)', 'rule public.a.r']);
    expect(unmanaged).toEqual([{ kind: 'operator', schema: 'public', name: '!~~' }]);
  });
});

describeEachDatabase('inspector on a dropped connection', (t) => {
  it('a connection killed mid-inspect is a clear E_INSPECT error naming the database, not a crash or a partial Model', async () => {
    await t.db.exec('CREATE TABLE a (id int PRIMARY KEY)');
    const { openDatabase } = await import('../src/db/index.js');
    const victim = await openDatabase(t.url!);
    const admin = await openDatabase(t.url!);
    try {
      const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      // The third catalog query of the inspection finds its connection terminated by the server.
      let n = 0;
      const proxy = Object.create(victim) as Database;
      Object.assign(proxy, {
        transaction: <T>(fn: (tx: Queryable) => Promise<T>) => victim.transaction((tx) => fn({
          query: async (sql, params) => {
            if (++n === 3) {
              await admin.query('SELECT pg_terminate_backend($1)', [pid]);
              // Let the client read the server's FATAL first: pg then refuses the query as "not queryable",
              // and the error must still say what broke the connection.
              await new Promise((r) => setTimeout(r, 500));
            }
            return tx.query(sql, params);
          },
          exec: (sql) => tx.exec(sql),
        })),
      });
      const err = await inspect(proxy).then(() => undefined, (e: unknown) => e as Error & { code?: string });
      expect(err?.code).toBe('E_INSPECT');
      expect(err?.message).toMatch(/^inspecting postgres:\/\/\S+: connection lost: terminating connection/);
    } finally {
      await victim.close().catch(() => undefined);
      await admin.close();
    }
  });

  it('a role that may not read a catalog gets an E_INSPECT error naming the database, the catalog and what to grant', async () => {
    const role = `meridian_noread_${process.pid}`;
    await t.db.exec(`CREATE TABLE a (id int PRIMARY KEY); CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
      CREATE ROLE ${role} LOGIN; REVOKE SELECT ON pg_catalog.pg_proc FROM PUBLIC`);
    const { openDatabase } = await import('../src/db/index.js');
    const u = new URL(t.url!);
    u.username = role;
    u.password = '';
    const limited = await openDatabase(u.toString());
    try {
      const err = await inspect(limited).then(() => undefined, (e: unknown) => e as Error & { code?: string });
      expect(err?.code).toBe('E_INSPECT');
      expect(err?.message).toMatch(new RegExp(`^inspecting postgres://${role}@\\S+: permission denied for table pg_proc \\(.*needs SELECT`));
    } finally {
      await limited.close();
      await t.db.exec(`GRANT SELECT ON pg_catalog.pg_proc TO PUBLIC; DROP ROLE ${role}`);
    }
  });
}, { pglite: false });
