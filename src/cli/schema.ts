/** `meridian schema …`: Atlas's declarative commands. */
import type { Command } from 'commander';
import { formatOption, withConsentOptions, withDbOptions, withPlanOptions, withToOption } from './common.js';

export function registerSchema(program: Command): void {
  const schema = program.command('schema').description('inspect, validate, diff and apply schemas declaratively');

  withDbOptions(schema.command('inspect'))
    .description('print the schema of a database')
    .addOption(formatOption(['sql', 'json', 'mermaid'], 'sql'))
    .action(async (...args) => {
      const { schemaInspectAction } = await import('./schema-actions.js');
      return schemaInspectAction(...(args as Parameters<typeof schemaInspectAction>));
    });

  withToOption(schema.command('validate'))
    .description('parse the schema file(s) and check references; errors as file:line:col')
    .option('--dev-url <url>', 'dev database for the final check (default pglite://memory)')
    .option('--dev-clear', 'empty the dev database first when it is not clean (default: refuse it)')
    .option('--native', 'only the native checks (no database)')
    .addOption(formatOption(['text', 'json'], 'text', ['json']))
    .action(async (...args) => {
      const { schemaValidateAction } = await import('./schema-actions.js');
      return schemaValidateAction(...(args as Parameters<typeof schemaValidateAction>));
    });

  withConsentOptions(withDbOptions(schema.command('clean')))
    .description('drop every object in the managed schemas (asks first)')
    .option('--skip-backup', "clean a protected environment without its backup")
    .option('--dry-run', 'list what would be dropped')
    .action(async (...args) => {
      const { schemaCleanAction } = await import('./schema-clean.js');
      return schemaCleanAction(...(args as Parameters<typeof schemaCleanAction>));
    });

  withConsentOptions(withPlanOptions(withToOption(withDbOptions(schema.command('apply')))))
    .description('plan and apply the changes that bring a database to the desired schema')
    .option('--no-native', 'execute the schema on the dev database instead of folding it with the native parser')
    .option('--dry-run', 'print the plan and its hash, change nothing')
    .option('--backup-file <path>', 'back the database up to this file first')
    .option('--skip-backup', "run a protected environment's destructive plan without its backup")
    .option('--allow-empty', 'let a schema with no objects drop everything in the database')
    .option('--tx-mode <mode>', 'transaction mode: file (the plan in one transaction) or none (each statement on its own)', 'file')
    .action(async (...args) => {
      const { schemaApplyAction } = await import('./schema-actions.js');
      return schemaApplyAction(...(args as Parameters<typeof schemaApplyAction>));
    });

  withPlanOptions(withDbOptions(schema.command('diff')))
    .description('print the plan between two states (URLs, schema files or migration directories)')
    .requiredOption('--from <url>', 'current state')
    .requiredOption('--to <url>', 'desired state')
    .addOption(formatOption(['sql', 'json'], 'sql'))
    .action(async (...args) => {
      const { schemaDiffAction } = await import('./schema-actions.js');
      return schemaDiffAction(...(args as Parameters<typeof schemaDiffAction>));
    });
}
