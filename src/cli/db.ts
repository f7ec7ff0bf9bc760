/** The guide's database and development tasks: `db reset|shell|serve`, `dev setup|status`, `test schema`. */
import type { Command } from 'commander';
import { dbShellAction } from './db-shell.js';
import { testSchemaAction } from './test-schema.js';
import { dbResetAction, devSetupAction, devStatusAction } from './dev-actions.js';
import { dbServeAction } from './db-serve.js';
import { withConsentOptions, withDbOptions, withDirOptions } from './common.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('database tasks from the guide');
  withConsentOptions(withDirOptions(withDbOptions(db.command('reset'))))
    .description('clean the schema, apply every migration, load database/fixtures/seed-simple.sql')
    .option('--skip-backup', 'reset a protected environment without its backup')
    .action(dbResetAction);
  withDbOptions(db.command('shell')).description('open psql, or a built-in SQL shell for the embedded database').action(dbShellAction);
  withDbOptions(db.command('serve'))
    .description('expose the embedded database on a localhost port')
    .option('--port <port>', 'port', '5433')
    .action(dbServeAction);

  const dev = program.command('dev').description('development environment');
  withDirOptions(withDbOptions(dev.command('setup')))
    .description('create or check the database, apply migrations, seed')
    .option('--dual', 'also pull the Prisma schema (dual strategy)')
    .action(devSetupAction);
  withDirOptions(withDbOptions(dev.command('status'))).description('database, migrations, drift and Prisma status').action(devStatusAction);

  const test = program.command('test').description('checks');
  withDbOptions(test.command('schema')).description('run database/tests/*.sql assertions or basic checks').action(testSchemaAction);
}
