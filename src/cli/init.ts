/**
 * `meridian init`: the guide's project layout, created where missing (never overwriting a file), then what
 * was created, what was left, and the next steps, as `prisma init` prints them.
 */
import type { Command } from 'commander';
import type { InitResult } from '../workflow/init.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('set up the guide\'s project layout here (schema.sql, migrations, atlas.hcl, .env files, Taskfile, prisma/); never overwrites a file')
    .option('-u, --url <url>', 'write this DATABASE_URL into .env (default: none, the embedded database)')
    .action(async (opts: { url?: string }) => {
      const { initProject } = await import('../workflow/init.js');
      process.stdout.write(formatInit(initProject({ cwd: process.cwd(), url: opts.url })));
    });
}

/**
 * What `meridian init` prints: created, left as it was, skipped, the .gitignore entries, the next steps.
 *
 * @example
 * formatInit(initProject({ cwd })) // 'Created:\n  database/schema/schema.sql  the desired schema …'
 */
export function formatInit(r: InitResult): string {
  const width = Math.max(0, ...[...r.created, ...r.kept, ...r.skipped].map((e) => e.path.length));
  const line = (e: { path: string; purpose: string }) => `  ${e.path.padEnd(width)}  ${e.purpose}\n`;
  let s = '';
  if (r.created.length) s += `Created:\n${r.created.map(line).join('')}`;
  if (r.kept.length) s += `${s ? '\n' : ''}Already there, left as it was:\n${r.kept.map((e) => `  ${e.path}\n`).join('')}`;
  if (r.skipped.length) s += `${s ? '\n' : ''}Not created:\n${r.skipped.map((e) => `  ${e.path}: ${e.reason}\n`).join('')}`;
  for (const w of r.warnings) s += `${s ? '\n' : ''}warning: ${w}\n`;
  s += `${s ? '\n' : ''}.gitignore: ${r.gitignore.added.length ? `${r.gitignore.created ? 'created with' : 'added'} ${r.gitignore.added.join(', ')}` : 'already ignores .meridian/ and the env files'}\n`;
  if (r.created.length === 0) return `${s}\nNothing to create: the project is set up.\n`;
  return (
    s +
    '\nNext steps:\n' +
    '  1. Describe your tables in database/schema/schema.sql\n' +
    '  2. npx meridian migrate diff <name>   # writes database/migrations/<version>_<name>.sql and atlas.sum\n' +
    '  3. npx meridian migrate apply         # on the embedded database (.meridian/pglite); set DATABASE_URL in .env for a server\n' +
    '  4. npx meridian migrate status\n' +
    '  With go-task: task migrate:diff, task migrate:apply, task env:staging migrate:status (.env.staging)\n' +
    '  Prisma (dual strategy): npm i -D prisma @prisma/client, then npx meridian prisma pull --generate\n'
  );
}
