/** The guide's database and development tasks: `db reset|shell|serve`, `dev setup|status`, `test schema`. */
import type { Command } from 'commander';
import { withConsentOptions, withDbOptions, withDirOptions } from './common.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('database tasks from the guide');
  withConsentOptions(withDirOptions(withDbOptions(db.command('reset'))))
    .description('clean the schema, apply every migration, load database/fixtures/seed-simple.sql')
    .option('--skip-backup', 'reset a protected environment without its backup')
    .action(async (...args) => {
      const { dbResetAction } = await import('./dev-actions.js');
      return dbResetAction(...(args as Parameters<typeof dbResetAction>));
    });
  withDbOptions(db.command('shell')).description('open psql, or a built-in SQL shell for the embedded database').action(async (...args) => {
    const { dbShellAction } = await import('./db-shell.js');
    return dbShellAction(...(args as Parameters<typeof dbShellAction>));
  });
  withDbOptions(db.command('serve'))
    .description('expose the embedded database on a localhost port')
    .option('--port <port>', 'port', '5433')
    .action(async (...args) => {
      const { dbServeAction } = await import('./db-serve.js');
      return dbServeAction(...(args as Parameters<typeof dbServeAction>));
    });

  const dev = program.command('dev').description('development environment');
  withDirOptions(withDbOptions(dev.command('setup')))
    .description('create or check the database, apply migrations, seed')
    .option('--dual', 'also pull the Prisma schema (dual strategy)')
    .action(async (...args) => {
      const { devSetupAction } = await import('./dev-actions.js');
      return devSetupAction(...(args as Parameters<typeof devSetupAction>));
    });
  withDirOptions(withDbOptions(dev.command('status'))).description('database, migrations, drift and Prisma status').action(async (...args) => {
    const { devStatusAction } = await import('./dev-actions.js');
    return devStatusAction(...(args as Parameters<typeof devStatusAction>));
  });

  const test = program.command('test').description('checks');
  withDbOptions(test.command('schema')).description('run database/tests/*.sql assertions or basic checks').action(async (...args) => {
    const { testSchemaAction } = await import('./test-schema.js');
    return testSchemaAction(...(args as Parameters<typeof testSchemaAction>));
  });
}
