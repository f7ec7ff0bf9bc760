/**
 * Prisma's reserved names, held against the installed validator: every name in RESERVED_MODEL_NAMES is
 * refused by getDMMF as a model and as an enum name, names next to them are accepted, and tables named so
 * are pulled as `Renamed<name>` with `@@map` into a schema Prisma accepts.
 */
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { inspect } from '../../src/inspect/index.js';
import { RESERVED_MODEL_NAMES } from '../../src/prisma/naming.js';
import { modelToPrisma } from '../../src/prisma/pull.js';
import { prismaSchemaErrors } from '../../src/prisma/validate.js';

const ds = 'datasource db {\n  provider = "postgresql"\n}\n';

it('every reserved name is refused by Prisma as a model and as an enum; neighbours are accepted', async () => {
  for (const n of RESERVED_MODEL_NAMES) {
    expect(await prismaSchemaErrors(`${ds}model ${n} {\n  id Int @id\n}\n`), `model ${n}`).not.toEqual([]);
    expect(await prismaSchemaErrors(`${ds}enum ${n} {\n  a\n}\n`), `enum ${n}`).not.toEqual([]);
  }
  for (const n of ['Prisma', 'string', 'model', 'undefined', 'Date', 'Class', 'ifs'])
    expect(await prismaSchemaErrors(`${ds}model ${n} {\n  id Int @id\n}\n`), `model ${n}`).toEqual([]);
});

it('tables and enums with reserved names are pulled as Renamed<name> with @@map, and Prisma accepts the schema', async () => {
  const db = await openDatabase('pglite://memory');
  try {
    await db.exec(`CREATE TYPE "default" AS ENUM ('a'); CREATE TABLE "class" (id int PRIMARY KEY, kind "default");
      CREATE TABLE "package" (id int PRIMARY KEY, class_id int REFERENCES "class"(id))`);
    const text = modelToPrisma((await inspect(db)).model);
    expect(await prismaSchemaErrors(text)).toEqual([]);
    expect(text).toContain("/// This model has been renamed to 'Renamedclass' during introspection, because the original name 'class' is reserved.\nmodel Renamedclass {");
    expect(text).toMatch(/model Renamedpackage \{[^}]*class_id +Int\?\n[^}]*@@map\("package"\)/);
    expect(text).toMatch(/enum Renameddefault \{[^}]*@@map\("default"\)/);
    expect(text, text).toMatch(/kind +Renameddefault\?/);
  } finally {
    await db.close();
  }
});
