import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { MeridianError } from '../../src/errors.js';
import { generateTypedSql } from '../../src/typedsql/index.js';
import { parseArrayLiteral } from '../../src/typedsql/runtime.js';
import { repoRoot } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';

const SCHEMA = `
CREATE SCHEMA "Shop";
CREATE TYPE "Shop".mood AS ENUM ('happy', 'so so', 'sad');
CREATE DOMAIN "Shop".email AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE "Shop".users (
  id int4 PRIMARY KEY, email "Shop".email NOT NULL, nickname text, big int8 NOT NULL DEFAULT 9007199254740993,
  mood "Shop".mood NOT NULL DEFAULT 'happy', moods "Shop".mood[] NOT NULL DEFAULT '{}', balance numeric(10,2),
  created timestamptz NOT NULL DEFAULT now(), data jsonb, "Select" boolean NOT NULL DEFAULT true);
CREATE TABLE "Shop".orders (id serial PRIMARY KEY, user_id int4 NOT NULL REFERENCES "Shop".users, total numeric(10,2) NOT NULL);
INSERT INTO "Shop".users (id, email, nickname, moods, balance, data) VALUES (1, 'a@x', NULL, '{happy,"so so"}', 12.5, '{"k":[1,2]}'), (2, 'b@x', 'bee', '{}', NULL, NULL);
INSERT INTO "Shop".orders (user_id, total) VALUES (1, 10), (1, 2.25);
`;

const QUERIES: Record<string, string> = {
  'get-user.sql': `-- @param {Int} $1:id The user's id\nSELECT id, email, nickname, big, mood, moods, balance, created, data, "Select" FROM "Shop".users WHERE id = $1`,
  'user_totals.sql': `-- @param {Decimal} $1:minTotal\nSELECT u.id, o.total, count(o.id) AS n, COALESCE(sum(o.total), 0) AS sum_total, max(o.total) AS top\nFROM "Shop".users u LEFT JOIN "Shop".orders o ON o.user_id = u.id\nGROUP BY u.id, o.total HAVING COALESCE(sum(o.total), 0) >= $1 ORDER BY u.id, o.total`,
  'add_order.sql': `-- @param $1:userId\n-- @param $2:total\nINSERT INTO "Shop".orders (user_id, total) VALUES ($1, $2) RETURNING id, total`,
  'rename.sql': `-- @param {String} $1:nickname?\nUPDATE "Shop".users SET nickname = $1 WHERE id = $2`,
};

function project(queries: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-typedsql-'));
  mkdirSync(join(dir, 'prisma/sql'), { recursive: true });
  for (const [f, text] of Object.entries(queries)) writeFileSync(join(dir, 'prisma/sql', f), text);
  return dir;
}

describeEachDatabase('sql generate (typed SQL)', (t) => {
  it('describes parameters and columns, with nullability from NOT NULL, outer joins and expressions', async () => {
    await t.db.exec(SCHEMA);
    const dir = project(QUERIES);
    const r = await generateTypedSql(t.db, { sqlDir: 'prisma/sql', outDir: 'src/generated/sql', cwd: dir });
    const byName = Object.fromEntries(r.queries.map((q) => [q.name, q]));
    expect(Object.keys(byName).sort()).toEqual(['add_order', 'getUser', 'rename', 'user_totals']);
    const cols = (n: string) => Object.fromEntries(byName[n]!.columns.map((c) => [c.name, `${c.ts}${c.nullable ? '?' : ''}`]));
    expect(cols('getUser')).toEqual({
      id: 'number', email: 'string', nickname: 'string?', big: 'bigint', mood: '"happy" | "so so" | "sad"', moods: '("happy" | "so so" | "sad")[]',
      balance: 'string?', created: 'Date', data: 'JsonValue?', Select: 'boolean',
    });
    // o.total is NOT NULL in its table but NULL-extended by the LEFT JOIN; count/COALESCE are never NULL.
    expect(cols('user_totals')).toEqual({ id: 'number', total: 'string?', n: 'bigint', sum_total: 'string', top: 'string?' });
    expect(cols('add_order')).toEqual({ id: 'number', total: 'string' });
    expect(byName.getUser!.params).toMatchObject([{ name: 'id', ts: 'number', nullable: false, description: "The user's id" }]);
    expect(byName.add_order!.params.map((p) => `${p.name}:${p.ts}`)).toEqual(['userId:number', 'total:string | number']);
    expect(byName.rename!.params.map((p) => `${p.name}:${p.ts}${p.nullable ? '?' : ''}`)).toEqual(['nickname:string?', 'p2:number']);
    expect(byName.rename!.columns).toEqual([]);
    expect(r.written.map((f) => f.replace(/\\/g, '/')).sort()).toEqual(
      ['add_order', 'getUser', 'index', 'rename', 'runtime', 'user_totals'].map((n) => `src/generated/sql/${n}.ts`),
    );
  });

  it('generated code type-checks with tsc and returns the same typed values on every driver', async () => {
    await t.db.exec(SCHEMA);
    const dir = project(QUERIES);
    await generateTypedSql(t.db, { sqlDir: 'prisma/sql', outDir: 'gen', cwd: dir });
    writeFileSync(
      join(dir, 'use.ts'),
      `import { getUser, user_totals, add_order, rename, type SqlClient } from './gen/index.js';
export async function use(client: SqlClient) {
  const [u] = await getUser(client, 1);
  const big: bigint = u!.big;
  const mood: 'happy' | 'so so' | 'sad' = u!.mood;
  const when: Date = u!.created;
  // @ts-expect-error nickname is nullable
  const nick: string = u!.nickname;
  // @ts-expect-error the id parameter is a number
  await getUser(client, 'x');
  const totals = await user_totals(client, 0);
  const n: bigint = totals[0]!.n;
  const changed: number = await rename(client, null, 2);
  return { big, mood, when, nick, n, changed, added: await add_order(client, 2, '1.50') };
}
`,
    );
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: true, types: [] }, include: ['use.ts', 'gen/*.ts'] }));
    try {
      execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', dir], { stdio: 'pipe' });
    } catch (e) {
      throw new Error(`generated code does not type-check:\n${(e as { stdout: Buffer }).stdout}`);
    }

    const gen = (await import(pathToFileURL(join(dir, 'gen/index.ts')).href)) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const [u1] = (await gen.getUser!(t.db, 1)) as Array<Record<string, unknown>>;
    expect(u1).toMatchObject({ id: 1, email: 'a@x', nickname: null, big: 9007199254740993n, mood: 'happy', moods: ['happy', 'so so'], balance: '12.50', data: { k: [1, 2] }, Select: true });
    expect(u1!.created).toBeInstanceOf(Date);
    const [u2] = (await gen.getUser!(t.db, 2)) as Array<Record<string, unknown>>;
    expect(u2).toMatchObject({ nickname: 'bee', moods: [], balance: null, data: null });
    // user 1's 2.25 order and user 2 (no orders, NULL-extended) are below the threshold
    expect(await gen.user_totals!(t.db, '5')).toEqual([{ id: 1, total: '10.00', n: 1n, sum_total: '10.00', top: '10.00' }]);
    expect(await gen.user_totals!(t.db, 0)).toContainEqual({ id: 2, total: null, n: 0n, sum_total: '0', top: null });
    expect(await gen.add_order!(t.db, 2, 1.5)).toEqual([{ id: 3, total: '1.50' }]);
    expect(await gen.rename!(t.db, 'zed', 2)).toBe(1);
    expect(((await gen.getUser!(t.db, 2)) as Array<Record<string, unknown>>)[0]!.nickname).toBe('zed');
  }, 60_000);

  it('bad files are reported with file:line:col and nothing is written', async () => {
    await t.db.exec(SCHEMA);
    const dir = project({
      'a_ok.sql': 'SELECT 1 AS one',
      'b_missing.sql': '-- lists users\nSELECT id,\n       nope FROM "Shop".users',
      'c_two.sql': 'SELECT 1;\nSELECT 2;',
      'd_annot.sql': '-- @param {Integer} $1:x\nSELECT $1::int AS x',
      'e_range.sql': '-- @param {Int} $2:y\nSELECT $1::int AS x',
      'f_dup.sql': 'SELECT 1 AS a, 2 AS a',
      'g_syntax.sql': 'SELECT FROM WHERE',
    });
    const err = await generateTypedSql(t.db, { sqlDir: 'prisma/sql', outDir: 'gen', cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeridianError);
    const msg = (err as MeridianError).message;
    expect((err as MeridianError).code).toBe('E_SQLGEN');
    expect(msg).toMatch(/prisma\/sql\/b_missing\.sql:3:8: column "nope" does not exist/);
    expect(msg).toMatch(/prisma\/sql\/c_two\.sql:2:1: a typed SQL file holds exactly one statement/);
    expect(msg).toMatch(/prisma\/sql\/d_annot\.sql:1:1: unknown @param type \{Integer\}/);
    expect(msg).toMatch(/prisma\/sql\/e_range\.sql:1:1: @param \$2 does not exist: the statement has 1 parameter/);
    expect(msg).toMatch(/prisma\/sql\/f_dup\.sql:1:1: two result columns are named "a"/);
    expect(msg).toMatch(/prisma\/sql\/g_syntax\.sql:1:13: syntax error at or near "WHERE"/);
    expect(existsSync(join(dir, 'gen'))).toBe(false);
  });
});

it('parses array literals the drivers return for enum arrays', () => {
  expect(parseArrayLiteral('{a,"b \\"c\\"",NULL,"NULL"}')).toEqual(['a', 'b "c"', null, 'NULL']);
  expect(parseArrayLiteral('{{1,2},{3,4}}')).toEqual([['1', '2'], ['3', '4']]);
  expect(parseArrayLiteral('{}')).toEqual([]);
  expect(parseArrayLiteral('[0:1]={x,y}')).toEqual(['x', 'y']);
});

it('sql generate regenerates: stale generated files go, hand-written files stay', async () => {
  const { openDatabase } = await import('../../src/db/index.js');
  const db = await openDatabase('pglite://memory');
  try {
    const dir = project({ 'one.sql': 'SELECT 1 AS one', 'two.sql': 'SELECT 2 AS two' });
    await generateTypedSql(db, { sqlDir: 'prisma/sql', outDir: 'gen', cwd: dir });
    writeFileSync(join(dir, 'gen/mine.ts'), 'export const mine = 1;\n');
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'prisma/sql/two.sql'));
    const r = await generateTypedSql(db, { sqlDir: 'prisma/sql', outDir: 'gen', cwd: dir });
    expect(r.removed).toEqual([join('gen', 'two.ts')]);
    expect(readdirSync(join(dir, 'gen')).sort()).toEqual(['index.ts', 'mine.ts', 'one.ts', 'runtime.ts']);
    expect(readFileSync(join(dir, 'gen/index.ts'), 'utf8')).not.toContain('two');
  } finally {
    await db.close();
  }
});
