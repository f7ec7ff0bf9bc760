import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import internals from '@prisma/internals';
import { expect, it } from 'vitest';
import { inspect } from '../../src/inspect/index.js';
import { modelToPrisma, prismaType } from '../../src/prisma/pull.js';
import { repoRoot } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';

const { getDMMF } = internals as unknown as { getDMMF: (o: { datamodel: string }) => Promise<{ datamodel: { models: Array<{ name: string; fields: Array<{ name: string; kind: string; type: string; relationName?: string }> }> } }> };
const corpus = resolve(repoRoot, '..', 'shared', 'corpus');

describeEachDatabase('prisma pull', (t) => {
  it('writes a schema Prisma accepts for the example project, with relations on both sides', async () => {
    await t.db.exec(readFileSync(join(repoRoot, 'database/schema/schema.sql'), 'utf8'));
    const text = modelToPrisma((await inspect(t.db)).model);
    const dmmf = await getDMMF({ datamodel: text });
    const users = dmmf.datamodel.models.find((m) => m.name === 'users')!;
    expect(users.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['id', 'email', 'phone', 'orders', 'notifications']));
    expect(text).toContain('id         Int             @id @default(autoincrement())'.replace(/\s+/g, ' ').length ? 'id Int @id @default(autoincrement())' : '');
    expect(text).toContain('email String @unique @db.VarChar(255)');
    expect(text).toContain('created_at DateTime? @default(now()) @db.Timestamp(6)');
    expect(text).toContain('users users @relation(fields: [user_id], references: [id], onDelete: Cascade, onUpdate: NoAction)');
    expect(text).toContain('@@id([order_id, product_id])');
    expect(text).toContain('status order_status @default(pending)');
    expect(text).toContain('enum order_status {');
    expect(text).toContain('check constraint "products_price_check"');
    expect(text).toMatch(/view order_totals \{/);
  });
  it('disambiguates two FKs to the same table and self-relations; keeps manual renames', async () => {
    await t.db.exec(`CREATE TABLE person (id int PRIMARY KEY, mentor_id int REFERENCES person(id));
      CREATE TABLE "Transfer Log" (id serial PRIMARY KEY, from_id int NOT NULL REFERENCES person(id), to_id int NOT NULL REFERENCES person(id), "2fa" boolean DEFAULT false);`);
    const model = (await inspect(t.db)).model;
    const text = modelToPrisma(model, { existing: 'datasource db {\n  provider = "postgresql"\n}\n\ngenerator client {\n  provider = "prisma-client-js"\n  output = "../gen"\n}\n\nmodel Person {\n  id Int @id\n  @@map("person")\n}\n' });
    await expect(getDMMF({ datamodel: text })).resolves.toBeTruthy();
    expect(text).toContain('output = "../gen"');
    expect(text).toContain('model Person {');
    expect(text).toContain('@@map("Transfer Log")');
    expect(text).toContain('@map("2fa")');
    expect((text.match(/@relation\("Transfer_Log_(from|to)_idToPerson"/g) ?? []).length).toBe(4);
  });
  for (const f of ['chinook', 'northwind', 'pagila-2026', 'osm-2026']) {
    it(`corpus ${f}: Prisma accepts the pulled schema`, async () => {
      expect(existsSync(join(corpus, `${f}.sql`))).toBe(true);
      await t.db.exec(readFileSync(join(corpus, `${f}.sql`), 'utf8'));
      await t.db.exec('SET search_path TO public');
      const text = modelToPrisma((await inspect(t.db)).model);
      await expect(getDMMF({ datamodel: text })).resolves.toBeTruthy();
    });
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
    await expect(getDMMF({ datamodel: text })).resolves.toBeTruthy();
  });
});
