/** Prisma dual strategy: `prisma pull|generate|studio` and `sql generate` (typed SQL). */
import type { Command } from 'commander';
import { withDbOptions } from './common.js';

export function registerPrisma(program: Command): void {
  const prisma = program.command('prisma').description('Prisma integration without the schema-engine binary');
  withDbOptions(prisma.command('pull'))
    .description('write prisma/schema.prisma from the database')
    .option('--generate', 'run prisma generate afterwards')
    .option('--schema-file <path>', 'Prisma schema path', 'prisma/schema.prisma')
    .action(async (...args) => {
      const { prismaPullAction } = await import('./prisma-actions.js');
      return prismaPullAction(...(args as Parameters<typeof prismaPullAction>));
    });
  prisma
    .command('generate')
    .description("run the project's Prisma generators (prisma generate), offline")
    .option('--schema-file <path>', 'Prisma schema path', 'prisma/schema.prisma')
    .action(async (...args) => {
      const { prismaGenerateAction } = await import('./prisma-actions.js');
      return prismaGenerateAction(...(args as Parameters<typeof prismaGenerateAction>));
    });
  withDbOptions(prisma.command('studio'))
    .description('open Prisma Studio on the configured database (the embedded one is served on localhost first)')
    .option('--port <port>', 'Studio port', '5555')
    .option('--browser <name>', "browser to open ('none' to not open one)")
    .action(async (...args) => {
      const { prismaStudioAction } = await import('./prisma-actions.js');
      return prismaStudioAction(...(args as Parameters<typeof prismaStudioAction>));
    });

  const sql = program.command('sql').description('typed SQL');
  withDbOptions(sql.command('generate'))
    .description('turn prisma/sql/*.sql into typed TypeScript functions')
    .option('--sql-dir <dir>', 'directory of query files (one statement each)', 'prisma/sql')
    .option('--out <dir>', 'output directory', 'src/generated/sql')
    .action(async (...args) => {
      const { sqlGenerateAction } = await import('./prisma-actions.js');
      return sqlGenerateAction(...(args as Parameters<typeof sqlGenerateAction>));
    });
}
