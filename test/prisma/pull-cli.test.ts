/**
 * `meridian prisma pull` validates what it is about to write with Prisma's own validator (getDMMF):
 * a schema Prisma accepts is written; one it rejects is not written, the command exits 1 and lists
 * Prisma's messages with the block (and table) each falls in.
 *
 * The rejected case is one a user meets: a Prisma 6 schema.prisma whose datasource still has
 * `url = env(…)` (Prisma 7 refuses it). Pull keeps the user's datasource block, so the schema it would
 * write is invalid, and pull must say so instead of writing it.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { prismaSchemaErrors } from '../../src/prisma/validate.js';
import { runCli } from '../helpers/cli.js';

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

  it('refuses to write a schema Prisma rejects: exit 1, Prisma\'s message with its block, file untouched', async () => {
    const mine = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n';
    writeFileSync(join(cwd, 'prisma/schema.prisma'), mine);
    const r = await runCli(['prisma', 'pull'], { cwd, env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[E_PRISMA]: Prisma's validator rejects the schema pulled from the database, so prisma/schema.prisma was not written (1 error):");
    expect(r.stderr).toMatch(/- The datasource property `url` is no longer supported in schema files\..* \(line 3, datasource db\)/);
    expect(r.stdout).not.toContain('Introspected');
    expect(readFileSync(join(cwd, 'prisma/schema.prisma'), 'utf8')).toBe(mine);
  });

  it('writes a schema Prisma accepts', async () => {
    writeFileSync(join(cwd, 'prisma/schema.prisma'), 'datasource db {\n  provider = "postgresql"\n}\n');
    const r = await runCli(['prisma', 'pull'], { cwd, env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Introspected 2 models, 0 views and 0 enums and wrote them into prisma/schema.prisma');
    const text = readFileSync(join(cwd, 'prisma/schema.prisma'), 'utf8');
    expect(text).toMatch(/model book \{/);
    expect(await prismaSchemaErrors(text)).toEqual([]);
  });
});

it('names the model and table an error of Prisma falls in', async () => {
  const text = 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Account {\n  id Int\n\n  @@map("accounts")\n  @@schema("app")\n}\n';
  const errors = await prismaSchemaErrors(text);
  expect(errors).toHaveLength(2);
  expect(errors.join('\n')).toContain('model Account (table "app"."accounts")');
  expect(errors.join('\n')).toMatch(/Each model must have at least one unique criteria/);
});
