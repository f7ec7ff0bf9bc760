import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { inspect } from '../../src/inspect/index.js';
import { modelToPrisma, prismaType } from '../../src/prisma/pull.js';
import { repoRoot } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { expectPrismaAccepts, prismaFormat } from './validate.js';

const corpus = resolve(repoRoot, '..', 'shared', 'corpus');

describeEachDatabase('prisma pull', (t) => {
  it('writes a schema Prisma accepts for the example project, with relations on both sides', async () => {
    await t.db.exec(readFileSync(join(repoRoot, 'database/schema/schema.sql'), 'utf8'));
    const text = modelToPrisma((await inspect(t.db)).model);
    const dmmf = await expectPrismaAccepts(text, 'example project');
    const users = dmmf.datamodel.models.find((m) => m.name === 'users')!;
    expect(users.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['id', 'email', 'phone', 'orders', 'notifications']));
    // Column alignment aside (checked against `prisma format` below), the lines Prisma writes.
    const flat = text.replace(/ {2,}/g, ' ');
    expect(flat).toContain('id Int @id @default(autoincrement())');
    expect(flat).toContain('email String @unique @db.VarChar(255)');
    expect(flat).toContain('created_at DateTime? @default(now()) @db.Timestamp(6)');
    expect(flat).toContain('users users @relation(fields: [user_id], references: [id], onDelete: Cascade, onUpdate: NoAction)');
    expect(text).toContain('@@id([order_id, product_id])');
    expect(flat).toContain('status order_status @default(pending)');
    expect(text).toContain('enum order_status {');
    expect(text).toContain('/// This table contains check constraints and requires additional setup for migrations.');
    expect(text).toMatch(/view order_totals \{/);
  });
  it('disambiguates two FKs to the same table and self-relations; keeps manual renames', async () => {
    await t.db.exec(`CREATE TABLE person (id int PRIMARY KEY, mentor_id int REFERENCES person(id));
      CREATE TABLE "Transfer Log" (id serial PRIMARY KEY, from_id int NOT NULL REFERENCES person(id), to_id int NOT NULL REFERENCES person(id), "2fa" boolean DEFAULT false);`);
    const model = (await inspect(t.db)).model;
    const text = modelToPrisma(model, { existing: 'datasource db {\n  provider = "postgresql"\n}\n\ngenerator client {\n  provider = "prisma-client-js"\n  output = "../gen"\n}\n\nmodel Person {\n  id Int @id\n  @@map("person")\n}\n' });
    await expectPrismaAccepts(text, 'two FKs');
    expect(text.replace(/ {2,}/g, ' ')).toContain('output = "../gen"');
    expect(text).toContain('model Person {');
    expect(text).toContain('@@map("Transfer Log")');
    expect(text).toContain('@map("2fa")');
    expect((text.match(/@relation\("Transfer_Log_(from|to)_idToPerson"/g) ?? []).length).toBe(4);
  });
  // Generalisation check: every real-world schema of the shared corpus pulls into a schema Prisma validates.
  // PGlite lacks pgstattuple (danbooru loads it for statistics functions only; no table depends on it).
  const corpusFiles = readdirSync(corpus).filter((f) => f.endsWith('.sql')).sort();
  it('the corpus holds the 8 real-world schemas of its MANIFEST', () => expect(corpusFiles).toHaveLength(8));
  for (const f of corpusFiles) {
    it(`corpus ${f}: Prisma accepts the pulled schema`, async () => {
      let sql = readFileSync(join(corpus, f), 'utf8');
      if (t.target.name === 'pglite') sql = sql.replace(/^(CREATE EXTENSION IF NOT EXISTS pgstattuple|COMMENT ON EXTENSION pgstattuple)\b.*$/gm, '');
      await t.db.exec(sql);
      await t.db.exec('SET search_path TO public');
      const text = modelToPrisma((await inspect(t.db)).model);
      const dmmf = await expectPrismaAccepts(text, f);
      expect(text, 'pulled schema differs from its `prisma format` form').toBe(await prismaFormat(text));
      expect(dmmf.datamodel.models.length).toBeGreaterThan(5);
    }, 60_000);
  }
});

it('maps PostgreSQL types to Prisma scalars and native types', () => {
  const none = new Map<string, string>();
  expect(prismaType('character varying(20)', none)).toEqual({ type: 'String', native: 'VarChar(20)' });
  expect(prismaType('numeric(10,2)', none)).toEqual({ type: 'Decimal', native: 'Decimal(10, 2)' });
  expect(prismaType('timestamp with time zone', none)).toEqual({ type: 'DateTime', native: 'Timestamptz(6)' });
  expect(prismaType('timestamp(3) without time zone', none)).toEqual({ type: 'DateTime', native: 'Timestamp(3)' });
  expect(prismaType('bigint', none)).toEqual({ type: 'BigInt' });
  expect(prismaType('tsvector', none)).toMatchObject({ unsupported: true });
});

describeEachDatabase('prisma pull golden file', (t) => {
  it('tricky tables give exactly test/prisma/golden/tricky.prisma, which Prisma accepts', async () => {
    await t.db.exec(readFileSync(join(repoRoot, 'test/prisma/golden/tricky.sql'), 'utf8'));
    const text = modelToPrisma((await inspect(t.db, { schemas: ['tricky'] })).model);
    expect(text).toBe(readFileSync(join(repoRoot, 'test/prisma/golden/tricky.prisma'), 'utf8'));
    await expectPrismaAccepts(text, 'tricky');
  });
});
