/**
 * `meridian prisma pull` validates what it is about to write with Prisma's own validator (getDMMF):
 * a schema Prisma accepts is written; one it rejects is not written, the command exits 1 and lists
 * Prisma's messages with the block (and table) each falls in.
 *
 * The rejected case is one a user meets: a Prisma 6 schema.prisma whose datasource still has
 * `url = env(…)` (Prisma 7 refuses it). Pull keeps the user's datasource block, so the schema it would
 * write is invalid, and pull must say so instead of writing it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { prismaSchemaErrors } from '../../src/prisma/validate.js';
import { runInProcess } from '../helpers/cli-inproc.js';

describe('prisma pull validates with Prisma before writing', () => {
  let cwd: string;
  const env = () => ({ DATABASE_URL: `pglite://${join(cwd, 'db')}`, DEV_DATABASE_URL: '' });
  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'm24-pull-'));
    mkdirSync(join(cwd, 'prisma'));
    const db = await openDatabase(`pglite://${join(cwd, 'db')}`);
    try {
      await db.exec('CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL); CREATE TABLE book (id int PRIMARY KEY, author_id int REFERENCES author(id))');
    } finally {
      await db.close();
    }
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('refuses to write a schema Prisma rejects: exit 1, Prisma\'s message with its block, file untouched', async () => {
    const mine = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n';
    writeFileSync(join(cwd, 'prisma/schema.prisma'), mine);
    const r = await runInProcess(['prisma', 'pull'], { cwd, env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[E_PRISMA]: Prisma's validator rejects the schema pulled from the database, so prisma/schema.prisma was not written (1 error):");
    expect(r.stderr).toMatch(/- The datasource property `url` is no longer supported in schema files\..* \(line \d+, datasource db\)/);
    expect(r.stdout).not.toContain('Introspected');
    expect(readFileSync(join(cwd, 'prisma/schema.prisma'), 'utf8')).toBe(mine);
  });

  it('writes a schema Prisma accepts', async () => {
    writeFileSync(join(cwd, 'prisma/schema.prisma'), 'datasource db {\n  provider = "postgresql"\n}\n');
    const r = await runInProcess(['prisma', 'pull'], { cwd, env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Introspected 2 models, 0 views and 0 enums and wrote them into prisma/schema.prisma');
    const text = readFileSync(join(cwd, 'prisma/schema.prisma'), 'utf8');
    expect(text).toMatch(/model book \{/);
    expect(await prismaSchemaErrors(text)).toEqual([]);
    // Re-introspection: the user's renames, relation field names, attributes and comments survive a second pull.
    const edited = text
      .replace('model book {', '/// A book.\nmodel Book {')
      .replace(/^(\s+)author_id(\s+)Int\?/m, '$1authorId$2Int? @map("author_id")')
      .replace(/^\s+author\s+author\?\s+@relation\(fields: \[author_id\]/m, '  writtenBy author? @relation("written", fields: [authorId]')
      .replace(/^\s+book\s+book\[\]/m, '  books Book[] @relation("written")')
      .replace(/(model Book \{[\s\S]*?)(\n\s+@@schema)/, '$1\n  @@map("book")$2');
    expect(await prismaSchemaErrors(edited)).toEqual([]);
    writeFileSync(join(cwd, 'prisma/schema.prisma'), edited);
    const again = await runInProcess(['prisma', 'pull'], { cwd, env: env() });
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('note: names kept from the previous schema (@@map): Book');
    const flat = readFileSync(join(cwd, 'prisma/schema.prisma'), 'utf8').replace(/ +/g, ' ');
    expect(flat).toContain('/// A book.\nmodel Book {');
    expect(flat).toContain('authorId Int? @map("author_id")');
    expect(flat).toContain('writtenBy author? @relation("written", fields: [authorId], references: [id], onDelete: NoAction, onUpdate: NoAction)');
    expect(flat).toContain('books Book[] @relation("written")');
  });
});

describe('prisma pull chooses the schemas as Atlas (--schema) and as Prisma (the datasource\'s schemas)', () => {
  it('pulls the schemas of the existing datasource, or those given by --schema, and lists them in the datasource', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'm24-pull-schemas-'));
    mkdirSync(join(cwd, 'prisma'));
    const url = `pglite://${join(cwd, 'db')}`;
    const db = await openDatabase(url);
    try {
      await db.exec('CREATE SCHEMA app; CREATE TABLE app.a (id int PRIMARY KEY); CREATE SCHEMA audit; CREATE TABLE audit.a (id int PRIMARY KEY, app_id int REFERENCES app.a (id)); CREATE TABLE public.other (id int PRIMARY KEY)');
    } finally {
      await db.close();
    }
    const file = join(cwd, 'prisma/schema.prisma');
    writeFileSync(file, 'datasource db {\n  provider = "postgresql"\n  schemas  = ["app", "audit"]\n}\n');
    const env = { DATABASE_URL: url, DEV_DATABASE_URL: '' };
    const r = await runInProcess(['prisma', 'pull'], { cwd, env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('note: renamed with their schema as a prefix, as their names exist in more than one schema: model app_a, model audit_a');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('schemas  = ["app", "audit"]');
    expect(text).toMatch(/model audit_a \{[^}]*a +app_a\? +@relation\(fields: \[app_id\]/);
    expect(text).not.toContain('model other');
    const s = await runInProcess(['prisma', 'pull', '--schema', 'public'], { cwd, env });
    expect(s.stderr).toBe('');
    const only = readFileSync(file, 'utf8');
    expect(only).toContain('schemas  = ["public"]');
    expect(only).toContain('model other {');
    expect(only).not.toContain('app_a');
    rmSync(cwd, { recursive: true, force: true });
  });
});

it('names the model and table an error of Prisma falls in', async () => {
  const text = 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Account {\n  id Int\n\n  @@map("accounts")\n  @@schema("app")\n}\n';
  const errors = await prismaSchemaErrors(text);
  expect(errors).toHaveLength(2);
  expect(errors.join('\n')).toContain('model Account (table "app"."accounts")');
  expect(errors.join('\n')).toMatch(/Each model must have at least one unique criteria/);
});
