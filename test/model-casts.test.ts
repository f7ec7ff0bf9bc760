/**
 * src/model/casts.ts against the servers themselves: for every pair of a set of common types (scalars, arrays), the
 * cast path it finds (pg_cast from the generated snapshot, arrays by their elements, the automatic I/O conversion)
 * must say what PostgreSQL does — an explicit cast (`CAST(x AS t)`, as USING uses) exists exactly when a path does,
 * and an assignment (INSERT, as ALTER COLUMN … TYPE without USING converts) works exactly when the path's context is
 * implicit or assignment; and where it says the table is not rewritten, the table keeps its file. Domains and a Model's
 * CREATE CAST are checked on plain Models.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/index.js';
import { castInfo, castPath } from '../src/model/casts.js';
import { emptyModel, type Model } from '../src/model/types.js';
import { createServerDatabase, testTargets } from './helpers/databases.js';

const TYPES = [
  'smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision', 'money', 'text', 'character varying', 'character', 'name', '"char"',
  'boolean', 'date', 'time without time zone', 'time with time zone', 'timestamp without time zone', 'timestamp with time zone', 'interval',
  'uuid', 'json', 'jsonb', 'bytea', 'inet', 'cidr', 'bit', 'bit varying', 'xml', 'oid', 'regclass', 'point', 'box', 'tsvector', 'int4range',
  'integer[]', 'bigint[]', 'text[]', 'time without time zone[]', 'timestamp without time zone[]', 'numeric[]', 'boolean[]',
];

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

async function works(db: Database, sql: string): Promise<boolean> {
  try {
    await db.exec(sql);
    return true;
  } catch {
    return false;
  }
}

for (const target of testTargets()) {
  describe(`casts [${target.name}]`, () => {
    it('castPath agrees with the server on explicit and assignment casts between common types', async () => {
      let url = target.url;
      if (!url.startsWith('pglite:')) {
        const made = await createServerDatabase(url);
        drops.push(made.drop);
        url = made.url;
      }
      const db = await openDatabase(url);
      try {
        const major = Math.floor((await db.serverVersion()) / 10000);
        await db.exec(`CREATE TABLE casts_probe (${TYPES.map((t, i) => `c${i} ${t}`).join(', ')})`);
        const wrong: string[] = [];
        for (const from of TYPES) {
          for (const [i, to] of TYPES.entries()) {
            if (from === to) continue;
            const path = castPath(from, to, undefined, major);
            const explicit = await works(db, `SELECT CAST(NULL::${from} AS ${to})`);
            const assignment = await works(db, `INSERT INTO casts_probe (c${i}) SELECT NULL::${from}`);
            if (!!path !== explicit || (!!path && path.context !== 'e') !== assignment)
              wrong.push(`${from} → ${to}: castPath ${JSON.stringify(path)}, server explicit ${explicit}, assignment ${assignment}`);
          }
        }
        expect(wrong).toEqual([]);
        // Where castInfo says no rewrite, ALTER COLUMN … TYPE keeps the table's file (typmods too: varchar(10) → (20)).
        const kept: string[] = [];
        const pairs = [...TYPES, 'character varying(10)', 'character varying(20)', 'numeric(10,2)', 'numeric(12,2)'].flatMap((f) => [...TYPES, 'character varying(20)', 'numeric(12,2)'].map((t) => [f, t] as const));
        for (const [n, [from, to]] of pairs.entries()) {
          const info = castInfo(from, to, undefined, major);
          if (from === to || info.using || info.rewrite) continue;
          await db.exec(`CREATE TABLE rw_${n} (c ${from}); INSERT INTO rw_${n} VALUES (NULL)`);
          const file = async () => (await db.query<{ f: string }>(`SELECT pg_relation_filenode('rw_${n}')::text AS f`)).rows[0]!.f;
          const before = await file();
          await db.exec(`ALTER TABLE rw_${n} ALTER COLUMN c TYPE ${to}`);
          if ((await file()) !== before) kept.push(`${from} → ${to}: rewritten, castInfo says not`);
        }
        expect(kept).toEqual([]);
      } finally {
        await db.close();
      }
    }, 120_000);
  });
}

describe('casts with a Model', () => {
  const model: Model = {
    ...emptyModel(),
    types: {
      'public.posint': { kind: 'domain', schema: 'public', name: 'posint', baseType: 'integer', notNull: false, checks: [{ name: 'pos', expr: { canonical: 'VALUE > 0', text: 'VALUE > 0' } }] },
      'public.clock': { kind: 'domain', schema: 'public', name: 'clock', baseType: 'time without time zone', notNull: false, checks: [] },
      'public.pair': { kind: 'composite', schema: 'public', name: 'pair', attributes: [{ name: 'a', type: 'integer' }] },
    },
    objects: {
      'cast (integer AS public.pair)': { kind: 'cast', source: 'integer', target: 'public.pair', method: 'function', function: 'public.int_pair(integer)', context: 'assignment' },
    },
  };
  it('a domain converts as its base type, checked on the way in', () => {
    expect(castInfo('integer', 'public.posint', model)).toEqual({ using: false, rewrite: true, mayFail: true });
    expect(castInfo('public.posint', 'integer', model)).toEqual({ using: false, rewrite: false });
    expect(castInfo('public.clock', 'timestamp without time zone', model)).toMatchObject({ none: true });
    expect(castInfo('public.clock[]', 'text[]', model)).toMatchObject({ using: false });
  });
  it("the Model's CREATE CAST is used, in its context; a composite otherwise goes through I/O only", () => {
    expect(castPath('integer', 'public.pair', model)).toEqual({ context: 'a', method: 'f', user: 'cast (integer AS public.pair)' });
    expect(castPath('integer', 'public.pair')).toBeUndefined();
    expect(castPath('public.pair', 'text', model)).toEqual({ context: 'a', method: 'i' });
    expect(castPath('text', 'public.pair', model)).toEqual({ context: 'e', method: 'i' });
  });
});
