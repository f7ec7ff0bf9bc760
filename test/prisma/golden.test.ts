/**
 * Prisma's introspection golden suite, for PostgreSQL: each directory under test/prisma/golden/ holds
 * the SQL setup of one prisma-engines introspection test (schema-engine/sql-introspection-tests; the
 * SOURCE file names the upstream file and test), and the schema Prisma's own introspection writes for it.
 * Meridian's pull of the same database must give that schema. Optional files of a case: `schemas` (the
 * schemas asked for, one a line, as the test's datasource `schemas`/namespaces; the datasource must then
 * list them) and `existing.prisma` (re-introspection: the schema.prisma the pull replaces; without a
 * `schemas` file, its datasource's `schemas` are pulled, as the CLI does).
 *
 * Normalised, as formatting only: the generator/datasource blocks (the upstream expectations mostly
 * leave them out), the `@@schema("public")` lines Meridian writes because its datasource always lists
 * `schemas`, and column alignment (both sides go through Prisma's own formatter).
 * Every pulled schema is also validated with Prisma's getDMMF.
 *
 * KNOWN_GAPS lists the cases Meridian does not reproduce yet, with why; such a case must still differ
 * from the expectation (a gap that starts passing fails, so the list stays honest).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { inspect } from '../../src/inspect/index.js';
import { readPrismaSchema } from '../../src/prisma/existing.js';
import { modelToPrisma } from '../../src/prisma/pull.js';
import { repoRoot } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { expectPrismaAccepts, prismaFormat } from './validate.js';

const dir = join(repoRoot, 'test/prisma/golden');
const cases = readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()).sort();

/** Cases Meridian does not reproduce byte-for-byte yet, with the reason. */
const KNOWN_GAPS: Record<string, string> = {
  'simple-santized_table_names_can_lead_to_duplicated_model_names':
    'Prisma writes two models of the same name (its own validator rejects the schema); Meridian never writes an invalid schema: the second gets a `_` suffix',
  'simple-should_not_remap_if_renaming_would_lead_to_duplicate_names':
    'Prisma writes two models named `nodes` (its own validator rejects the schema); Meridian never writes an invalid schema: both get the schema prefix, the second a `_` suffix',
  'postgres_gin-full_text_functions_filtered_out':
    'the upstream expectations disagree: this gin.rs test has no note for the expression index, the newer simple/postgres/index_with_expression_column.sql has the expression-index note; Meridian writes the note for every expression index',
};

/** Drops generator/datasource blocks and `@@schema("public")`, then formats with Prisma's formatter. */
async function normalise(text: string): Promise<string> {
  const stripped = text
    .replace(/^(generator|datasource)\s+\w+\s*\{[\s\S]*?^\}\n*/gm, '')
    .replace(/^\s*@@schema\("public"\)\n/gm, '')
    .replace(/\n\n(\s*\})/g, '\n$1');
  return (await prismaFormat(stripped)).trim() + '\n';
}

it('the golden suite has its cases and every known gap names an existing case', () => {
  expect(cases.length).toBeGreaterThan(10);
  for (const g of Object.keys(KNOWN_GAPS)) expect(cases).toContain(g);
});

describeEachDatabase('prisma pull golden suite (prisma-engines introspection tests)', (t) => {
  for (const name of cases) {
    it(name, async () => {
      await t.db.exec(readFileSync(join(dir, name, 'setup.sql'), 'utf8'));
      const optional = (f: string) => (existsSync(join(dir, name, f)) ? readFileSync(join(dir, name, f), 'utf8') : undefined);
      const schemas = optional('schemas')?.split('\n').filter(Boolean);
      const existing = optional('existing.prisma');
      // As the CLI: the schemas asked for, else those of the previous datasource.
      const pulled = schemas ?? (existing !== undefined ? readPrismaSchema(existing).schemas : undefined);
      const text = modelToPrisma((await inspect(t.db, pulled ? { schemas: pulled } : {})).model, { existing, schemas });
      if (schemas) expect(text).toContain(`schemas  = [${[...schemas].sort().map((s) => JSON.stringify(s)).join(', ')}]`);
      await expectPrismaAccepts(text, name);
      // Meridian writes the schema already formatted as `prisma format` would.
      expect(text, 'pulled schema differs from its `prisma format` form').toBe(await prismaFormat(text));
      const got = await normalise(text);
      const want = await normalise(readFileSync(join(dir, name, 'expected.prisma'), 'utf8'));
      if (KNOWN_GAPS[name]) expect(got, `${name} is listed in KNOWN_GAPS but now passes: remove it from the list`).not.toBe(want);
      else expect(got).toBe(want);
    });
  }
});
