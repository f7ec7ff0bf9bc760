/**
 * Keys as Atlas writes them, reached from SQL schema files. Facts from Atlas's PostgreSQL planner
 * (ariga/atlas sql/postgres/migrate.go: `fks`, `unique`; TestPlanChanges) and its testscripts
 * (foreign-key-action, foreign-key, index-unique-constraint); tables and names are ours.
 *
 *  - A foreign key read from a database always has both actions (pg_constraint's confupdtype and
 *    confdeltype, `a` for NO ACTION), and Atlas writes each action it has: `ON UPDATE … ON DELETE …`,
 *    `NO ACTION` included, inside CREATE TABLE and in `ADD CONSTRAINT` alike. (TestPlanChanges builds some
 *    keys as Go values without actions, so some of its expected texts have none; a `migrate diff` from
 *    SQL files reads its keys from the dev database.)
 *  - A UNIQUE declared as a constraint is inspected as a unique index carrying its constraint, and written
 *    back as one: `CONSTRAINT "n" UNIQUE [NULLS NOT DISTINCT] ("c")` in CREATE TABLE, `ADD CONSTRAINT` /
 *    `DROP CONSTRAINT` in the table's ALTER TABLE; a unique index stays a `CREATE UNIQUE INDEX`.
 *
 * Where Meridian writes more than Atlas (MATCH FULL, DEFERRABLE, `SET NULL (col)`: Atlas's inspection does
 * not read them, so its plan would drop them), Meridian keeps PostgreSQL's meaning.
 */
import { describe, expect, it } from 'vitest';
import { diffSql } from './diff-sql.js';

const inApp = { scope: 'app' };

describe('foreign keys (foreign-key-action, foreign-key)', () => {
  it('CREATE TABLE writes both actions, the default ones included', async () => {
    const sql = await diffSql(
      '',
      'CREATE TABLE shelf (code text PRIMARY KEY);\n' +
        'CREATE TABLE book (code text PRIMARY KEY, shelf_code text NOT NULL, CONSTRAINT book_shelf FOREIGN KEY (shelf_code) REFERENCES shelf (code) ON DELETE CASCADE ON UPDATE CASCADE);\n' +
        'CREATE TABLE lamp (code text PRIMARY KEY, shelf_code text NOT NULL, CONSTRAINT lamp_shelf FOREIGN KEY (shelf_code) REFERENCES shelf (code));\n',
      inApp,
    );
    expect(sql).toBe(
      '-- Create "shelf" table\nCREATE TABLE "shelf" ("code" text NOT NULL, PRIMARY KEY ("code"));\n' +
        '-- Create "book" table\nCREATE TABLE "book" ("code" text NOT NULL, "shelf_code" text NOT NULL, PRIMARY KEY ("code"), ' +
        'CONSTRAINT "book_shelf" FOREIGN KEY ("shelf_code") REFERENCES "shelf" ("code") ON UPDATE CASCADE ON DELETE CASCADE);\n' +
        '-- Create "lamp" table\nCREATE TABLE "lamp" ("code" text NOT NULL, "shelf_code" text NOT NULL, PRIMARY KEY ("code"), ' +
        'CONSTRAINT "lamp_shelf" FOREIGN KEY ("shelf_code") REFERENCES "shelf" ("code") ON UPDATE NO ACTION ON DELETE NO ACTION);\n',
    );
  });

  it('ADD CONSTRAINT on an existing table; a changed key is dropped and added in one ALTER TABLE', async () => {
    const before = 'CREATE TABLE shelf (code text PRIMARY KEY);\nCREATE TABLE book (code text, shelf_code text);\n';
    expect(await diffSql(before, before.replace('shelf_code text)', 'shelf_code text REFERENCES shelf ON DELETE SET NULL)'), inApp)).toBe(
      '-- Modify "book" table\nALTER TABLE "book" ADD CONSTRAINT "book_shelf_code_fkey" FOREIGN KEY ("shelf_code") REFERENCES "shelf" ("code") ON UPDATE NO ACTION ON DELETE SET NULL;\n',
    );
    const keyed = before.replace('shelf_code text)', 'shelf_code text REFERENCES shelf)');
    expect(await diffSql(keyed, keyed.replace('REFERENCES shelf)', 'REFERENCES shelf ON UPDATE RESTRICT)'), inApp)).toBe(
      '-- Modify "book" table\nALTER TABLE "book" DROP CONSTRAINT "book_shelf_code_fkey", ADD CONSTRAINT "book_shelf_code_fkey" FOREIGN KEY ("shelf_code") REFERENCES "shelf" ("code") ON UPDATE RESTRICT ON DELETE NO ACTION;\n',
    );
    expect(await diffSql(keyed, before, inApp)).toBe('-- Modify "book" table\nALTER TABLE "book" DROP CONSTRAINT "book_shelf_code_fkey";\n');
  });

  it('database-wide, the referenced table is qualified', async () => {
    const to = 'CREATE TABLE shelf (code text PRIMARY KEY);\nCREATE TABLE book (code text PRIMARY KEY, shelf_code text REFERENCES shelf);\n';
    expect(await diffSql('', to)).toContain('CONSTRAINT "book_shelf_code_fkey" FOREIGN KEY ("shelf_code") REFERENCES "public"."shelf" ("code") ON UPDATE NO ACTION ON DELETE NO ACTION);\n');
  });

  it("in the indented format, a key in CREATE TABLE keeps its line; in ALTER TABLE, `ADD` ends a line and the key starts the next (Atlas's builder)", async () => {
    const from = 'CREATE TABLE shelf (code text PRIMARY KEY);\nCREATE TABLE book (code text PRIMARY KEY, s text);\n';
    const to = from.replace('s text)', 's text, t text, CONSTRAINT bs FOREIGN KEY (s) REFERENCES shelf ON DELETE CASCADE)');
    expect(await diffSql('', to, { ...inApp, indent: '  ' })).toContain(
      '  PRIMARY KEY ("code"),\n  CONSTRAINT "bs" FOREIGN KEY ("s") REFERENCES "shelf" ("code") ON UPDATE NO ACTION ON DELETE CASCADE\n);\n',
    );
    expect(await diffSql(from, to, { ...inApp, indent: '  ' })).toBe(
      '-- Modify "book" table\nALTER TABLE "book" ADD COLUMN "t" text NULL, ADD\nCONSTRAINT "bs" FOREIGN KEY ("s") REFERENCES "shelf" ("code") ON UPDATE NO ACTION ON DELETE CASCADE;\n',
    );
    expect(await diffSql(from, to.replace(', t text', ''), { ...inApp, indent: '  ' })).toBe(
      '-- Modify "book" table\nALTER TABLE "book" ADD\nCONSTRAINT "bs" FOREIGN KEY ("s") REFERENCES "shelf" ("code") ON UPDATE NO ACTION ON DELETE CASCADE;\n',
    );
    // Without the indent, one line.
    expect(await diffSql(from, to, inApp)).toContain('ALTER TABLE "book" ADD COLUMN "t" text NULL, ADD CONSTRAINT "bs" FOREIGN KEY');
  });

  it('composite keys to a unique index: both written with their actions (the index is created before them)', async () => {
    const sql = await diffSql(
      '',
      'CREATE TABLE t1 (c1 int PRIMARY KEY, c2 int, c3 int);\nCREATE UNIQUE INDEX t1_c2_c3_idx ON t1 (c2, c3);\n' +
        'CREATE TABLE t2 (c1 int PRIMARY KEY, c2 int, c3 int, CONSTRAINT c2_c3_1 FOREIGN KEY (c2, c3) REFERENCES t1 (c2, c3), CONSTRAINT c2_c3_2 FOREIGN KEY (c2, c3) REFERENCES t1 (c2, c3));\n',
      inApp,
    );
    const fk = (n: string) => `CONSTRAINT "${n}" FOREIGN KEY ("c2", "c3") REFERENCES "t1" ("c2", "c3") ON UPDATE NO ACTION ON DELETE NO ACTION`;
    expect(sql).toContain(fk('c2_c3_1'));
    expect(sql).toContain(fk('c2_c3_2'));
    expect(sql.indexOf('CREATE UNIQUE INDEX "t1_c2_c3_idx" ON "t1" ("c2", "c3");')).toBeLessThan(sql.indexOf(fk('c2_c3_1')));
  });

  it('MATCH FULL, ON DELETE SET NULL (columns) and DEFERRABLE are kept, in PostgreSQL\'s clause order', async () => {
    const to = 'CREATE TABLE parent (id int, k int, PRIMARY KEY (id, k));\n' +
      'CREATE TABLE child (id int, "Parent Id" int, k int, CONSTRAINT child_parent FOREIGN KEY ("Parent Id", k) REFERENCES parent MATCH FULL ON DELETE SET NULL ("Parent Id") DEFERRABLE INITIALLY DEFERRED);\n';
    expect(await diffSql('', to, inApp)).toContain(
      'CONSTRAINT "child_parent" FOREIGN KEY ("Parent Id", "k") REFERENCES "parent" ("id", "k") MATCH FULL ON UPDATE NO ACTION ON DELETE SET NULL ("Parent Id") DEFERRABLE INITIALLY DEFERRED);\n',
    );
    expect(await diffSql(to, to, inApp)).toBe('');
  });
});

describe('unique constraints (index-unique-constraint, TestPlanChanges)', () => {
  const users = 'CREATE TABLE users (name text, last text, nickname text UNIQUE, UNIQUE (name, last));\n';
  it('CREATE TABLE writes them as constraints, after the primary key, by name', async () => {
    expect(await diffSql('', users, inApp)).toBe(
      '-- Create "users" table\nCREATE TABLE "users" ("name" text NULL, "last" text NULL, "nickname" text NULL, ' +
        'CONSTRAINT "users_name_last_key" UNIQUE ("name", "last"), CONSTRAINT "users_nickname_key" UNIQUE ("nickname"));\n',
    );
  });

  it('dropping one is a DROP CONSTRAINT in the ALTER TABLE (it takes its index with it)', async () => {
    expect(await diffSql(users, users.replace('nickname text UNIQUE', 'nickname text'), inApp)).toBe('-- Modify "users" table\nALTER TABLE "users" DROP CONSTRAINT "users_nickname_key";\n');
    expect(await diffSql(users, 'CREATE TABLE users (name text, last text, nickname text);\n', inApp)).toBe(
      '-- Modify "users" table\nALTER TABLE "users" DROP CONSTRAINT "users_name_last_key", DROP CONSTRAINT "users_nickname_key";\n',
    );
  });

  it('adding one is an ADD CONSTRAINT, NULLS NOT DISTINCT before the columns', async () => {
    expect(await diffSql('CREATE TABLE users (id bigint);', 'CREATE TABLE users (id bigint, CONSTRAINT unique_const UNIQUE NULLS NOT DISTINCT (id));', inApp)).toBe(
      '-- Modify "users" table\nALTER TABLE "users" ADD CONSTRAINT "unique_const" UNIQUE NULLS NOT DISTINCT ("id");\n',
    );
  });

  it('a unique index stays an index; an index that becomes a constraint of the same name is dropped, then added as the constraint', async () => {
    const t = 'CREATE TABLE users (id bigint, nickname text);\n';
    expect(await diffSql(t, `${t}CREATE UNIQUE INDEX users_nick ON users (nickname);`, inApp)).toBe(
      '-- Create index "users_nick" to table: "users"\nCREATE UNIQUE INDEX "users_nick" ON "users" ("nickname");\n',
    );
    expect(await diffSql(`${t}CREATE UNIQUE INDEX users_nick ON users (nickname);`, 'CREATE TABLE users (id bigint, nickname text, CONSTRAINT users_nick UNIQUE (nickname));', inApp)).toBe(
      '-- Drop index "users_nick" from table: "users"\nDROP INDEX "users_nick";\n-- Modify "users" table\nALTER TABLE "users" ADD CONSTRAINT "users_nick" UNIQUE ("nickname");\n',
    );
  });
});

describe('check constraints (table-checks), in the indented format', () => {
  const v1 = 'create table t1 (\n  a int constraint c1 check (a > 0),\n  b int constraint c2 check (b > 0),\n  constraint c3 check (a < b)\n);\n' +
    'create table t2 (\n  a int constraint c1 check (a > 0),\n  c int constraint c4 check (c > 0),\n  constraint c5 check (a < c)\n);\n';
  const v2 = v1.replace(/> 0/g, '> 1');
  const v3 = v2.replace('constraint c3 check', '-- Rename constraint.\n  constraint c4 check').replace('constraint c5 check', '-- Rename constraint.\n  constraint c6 check');
  const indented = { ...inApp, indent: '  ' };

  it('CREATE TABLE lists the checks one per line, by name', async () => {
    expect(await diffSql('', v1, indented)).toBe(
      '-- Create "t1" table\nCREATE TABLE "t1" (\n  "a" integer NULL,\n  "b" integer NULL,\n  CONSTRAINT "c1" CHECK (a > 0),\n  CONSTRAINT "c2" CHECK (b > 0),\n  CONSTRAINT "c3" CHECK (a < b)\n);\n' +
        '-- Create "t2" table\nCREATE TABLE "t2" (\n  "a" integer NULL,\n  "c" integer NULL,\n  CONSTRAINT "c1" CHECK (a > 0),\n  CONSTRAINT "c4" CHECK (c > 0),\n  CONSTRAINT "c5" CHECK (a < c)\n);\n',
    );
  });

  it('changed checks: one ALTER TABLE per table on one line, each drop next to its add (even past 120 characters)', async () => {
    expect(await diffSql(v1, v2, indented)).toBe(
      '-- Modify "t1" table\nALTER TABLE "t1" DROP CONSTRAINT "c1", ADD CONSTRAINT "c1" CHECK (a > 1), DROP CONSTRAINT "c2", ADD CONSTRAINT "c2" CHECK (b > 1);\n' +
        '-- Modify "t2" table\nALTER TABLE "t2" DROP CONSTRAINT "c1", ADD CONSTRAINT "c1" CHECK (a > 1), DROP CONSTRAINT "c4", ADD CONSTRAINT "c4" CHECK (c > 1);\n',
    );
    expect(await diffSql(v2, v2, indented)).toBe('');
  });

  it('a renamed check is dropped and added under its new name', async () => {
    expect(await diffSql(v2, v3, indented)).toBe(
      '-- Modify "t1" table\nALTER TABLE "t1" DROP CONSTRAINT "c3", ADD CONSTRAINT "c4" CHECK (a < b);\n' +
        '-- Modify "t2" table\nALTER TABLE "t2" DROP CONSTRAINT "c5", ADD CONSTRAINT "c6" CHECK (a < c);\n',
    );
  });
});
