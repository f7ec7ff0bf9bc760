/** `meridian prisma pull` (no schema-engine binary needed). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase } from '../db/index.js';
import { inspect } from '../inspect/index.js';
import { modelToPrisma } from '../prisma/pull.js';
import { generateTypedSql } from '../typedsql/index.js';
import { configFrom, type CommonOptions } from './common.js';

export async function prismaPullAction(opts: CommonOptions & { schemaFile?: string; generate?: boolean }): Promise<void> {
  const cfg = configFrom(opts);
  const file = resolve(cfg.cwd, opts.schemaFile ?? 'prisma/schema.prisma');
  const db = await openDatabase(cfg.url);
  try {
    const { model } = await inspect(db, { schemas: cfg.schemas, exclude: cfg.exclude });
    const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const text = modelToPrisma(model, { existing });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    const models = (text.match(/^model /gm) ?? []).length;
    const views = (text.match(/^view /gm) ?? []).length;
    const enums = (text.match(/^enum /gm) ?? []).length;
    process.stdout.write(`Introspected ${models} models, ${views} views and ${enums} enums and wrote them into ${opts.schemaFile ?? 'prisma/schema.prisma'}\n`);
    if (opts.generate) process.stdout.write('Client generation: run `npx prisma generate` in your project (Meridian does not bundle a Prisma client generator yet)\n');
  } finally {
    await db.close();
  }
}

export async function sqlGenerateAction(opts: CommonOptions & { sqlDir?: string; out?: string }): Promise<void> {
  const cfg = configFrom(opts);
  const db = await openDatabase(cfg.url);
  try {
    const r = await generateTypedSql(db, { sqlDir: opts.sqlDir ?? 'prisma/sql', outDir: opts.out ?? 'src/generated/sql', cwd: cfg.cwd });
    for (const q of r.queries) {
      const sig = `${q.name}(client${q.params.map((p) => `, ${p.name}: ${p.ts}${p.nullable ? ' | null' : ''}`).join('')})`;
      process.stdout.write(`✔ ${q.file} → ${sig}: ${q.columns.length ? `${q.columns.length} column(s)` : 'row count'}\n`);
    }
    for (const f of r.removed) process.stdout.write(`removed stale ${f}\n`);
    process.stdout.write(`Generated typed SQL for ${r.queries.length} quer${r.queries.length === 1 ? 'y' : 'ies'} into ${opts.out ?? 'src/generated/sql'}\n`);
  } finally {
    await db.close();
  }
}
