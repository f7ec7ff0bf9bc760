/**
 * Prisma's own validator for pulled schemas: every schema.prisma Meridian pulls in tests goes through
 * `getDMMF` from @prisma/internals (the same parser/validator `prisma validate` and `prisma generate` use),
 * in-process (no CLI spawn).
 *
 * @example
 * await expectPrismaAccepts(modelToPrisma(model), 'chinook');
 */
import internals from '@prisma/internals';

interface Dmmf {
  datamodel: { models: Array<{ name: string; fields: Array<{ name: string; kind: string; type: string; relationName?: string }> }> };
}

const { getDMMF, formatSchema } = internals as unknown as {
  getDMMF: (o: { datamodel: string }) => Promise<Dmmf>;
  formatSchema: (o: { schemas: Array<[string, string]> }) => Promise<Array<[string, string]>>;
};

/** Validates `text` with Prisma's getDMMF; throws an Error naming `label` and Prisma's message when rejected. */
export async function expectPrismaAccepts(text: string, label: string): Promise<Dmmf> {
  try {
    return await getDMMF({ datamodel: text });
  } catch (e) {
    throw new Error(`Prisma rejects the schema pulled for ${label}:\n${(e as Error).message}`);
  }
}

/** Prisma's formatter (`prisma format`): column alignment, attribute spacing, block spacing. */
export async function prismaFormat(text: string): Promise<string> {
  const [[, out]] = (await formatSchema({ schemas: [['schema.prisma', text]] })) as [[string, string]];
  return out;
}
