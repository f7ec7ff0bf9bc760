/**
 * Prisma's own validator for the schema `prisma pull` is about to write: `getDMMF` from
 * @prisma/internals (the parser and validator behind `prisma validate` and `prisma generate`), loaded
 * on first use only, so no other command pays for it.
 *
 * In:  schema.prisma text and the path it would be written to. Out: nothing when Prisma accepts it;
 *      `E_PRISMA` listing Prisma's messages (each with the model/enum/view and table it falls in) when not.
 * Never: writes anything.
 */
import { MeridianError } from '../errors.js';

type GetDmmf = (o: { datamodel: string }) => Promise<unknown>;
let getDmmf: GetDmmf | undefined;

async function loadGetDmmf(): Promise<GetDmmf> {
  if (!getDmmf) {
    const mod = (await import('@prisma/internals')) as unknown as { default?: { getDMMF?: GetDmmf }; getDMMF?: GetDmmf };
    getDmmf = mod.getDMMF ?? mod.default?.getDMMF;
    if (!getDmmf) throw new MeridianError('E_PRISMA', '@prisma/internals has no getDMMF: reinstall Meridian\'s dependencies (npm ci)');
  }
  return getDmmf;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The block (`model X`, `enum Y`, `view Z`, `datasource db`…) that holds 1-based `line` of `text`, with its @@map/@@schema. */
function blockAt(text: string, line: number): string | undefined {
  const lines = text.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^(model|enum|view|datasource|generator|type)\s+(\w+)\s*\{/.exec(lines[i]!);
    if (m) {
      if (m[1] !== 'model' && m[1] !== 'view' && m[1] !== 'enum') return `${m[1]} ${m[2]}`;
      let end = i;
      while (end < lines.length && lines[end] !== '}') end++;
      if (end < line - 1) return undefined;
      const body = lines.slice(i, end).join('\n');
      const name = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? m[2]!;
      const schema = /@@schema\("([^"]+)"\)/.exec(body)?.[1];
      const kind = m[1] === 'enum' ? 'type' : m[1] === 'view' ? 'view' : 'table';
      return `${m[1]} ${m[2]} (${kind} ${schema ? `"${schema}".` : ''}"${name}")`;
    }
    if (/^\}/.test(lines[i]!) && i < line - 1) return undefined;
  }
  return undefined;
}

/**
 * Prisma's messages for `text`, one per error, each followed by where it falls (block and table);
 * empty when Prisma accepts the schema.
 *
 * @example
 * await prismaSchemaErrors('model a {\n  id Int\n}\n') // → ['error: Each model must have at least one unique criteria … (in model a (table "a"))']
 */
export async function prismaSchemaErrors(text: string): Promise<string[]> {
  const validate = await loadGetDmmf();
  try {
    await validate({ datamodel: text });
    return [];
  } catch (e) {
    const raw = ((e as Error).message ?? String(e)).replace(ANSI, '');
    const errors: string[] = [];
    // Each error reads `error: <message>\n  -->  schema.prisma:<line>\n   | …source lines…`.
    for (const m of raw.matchAll(/^error: ([\s\S]*?)\n\s*-->\s+\S+?:(\d+)/gm)) {
      const where = blockAt(text, Number(m[2]));
      errors.push(`${m[1]!.trim()} (line ${m[2]}${where ? `, ${where}` : ''})`);
    }
    return errors.length ? errors : [raw.trim()];
  }
}

/**
 * Throws `E_PRISMA` when Prisma's validator rejects the schema that would be written to `file`:
 * the message lists Prisma's errors and says that nothing was written.
 *
 * @example
 * await assertPrismaAccepts(text, 'prisma/schema.prisma'); // resolves, or throws E_PRISMA
 */
export async function assertPrismaAccepts(text: string, file: string): Promise<void> {
  const errors = await prismaSchemaErrors(text);
  if (!errors.length) return;
  throw new MeridianError(
    'E_PRISMA',
    `Prisma's validator rejects the schema pulled from the database, so ${file} was not written (${errors.length} error${errors.length === 1 ? '' : 's'}):\n` +
      errors.map((e) => `  - ${e}`).join('\n') +
      '\nIf an error is in a block kept from your existing schema (datasource, generator), fix that block and pull again; otherwise please report the table named above.',
  );
}
