/** `meridian migrate …`: Atlas's versioned-migration commands. */
import type { Command } from 'commander';
import { formatOption, withConsentOptions, withDbOptions, withDirOptions, withEnvOptions, withPlanOptions, withToOption } from './common.js';

export function registerMigrate(program: Command): void {
  const migrate = program.command('migrate').description('versioned migrations (Atlas-compatible directory, atlas.sum and revisions table)');

  withPlanOptions(withToOption(withDirOptions(withDbOptions(migrate.command('diff [name]')))))
    .description('write a new migration file: desired schema vs the state the migration directory produces')
    .option('--from <url>', 'diff against a live database instead of the directory')
    .option('--no-native', 'replay both states on the dev database instead of folding them with the native parser')
    .option('--allow-empty', 'let a schema with no objects drop everything the directory creates')
    .option('--no-data', "leave the schema file's data statements (INSERT/UPDATE/DELETE…) out of the new migration")
    .option('--verbose', 'name the new file and review it with the lint analyzers (the default at a terminal; silent otherwise, as Atlas is)')
    .option('--unqualified', 'write the managed schema\'s names unqualified (the one --schema, else public), as a dev URL bound to one schema does: one directory for every tenant schema of a fleet')
    .addOption(formatOption(['file', 'sql', 'json'], 'file', ['sql', 'json']))
    .action(async (...args) => {
      // The parser's wasm, which the native fold needs first, loads while the action's modules do (its file is
      // compiled off the main thread). A failure surfaces where the fold awaits the same load.
      void import('../parse/libpg.js').then((m) => m.loadLibpgQuery()).catch(() => undefined);
      const { migrateDiffAction } = await import('./schema-actions.js');
      return migrateDiffAction(...(args as Parameters<typeof migrateDiffAction>));
    });

  withConsentOptions(withDirOptions(withDbOptions(migrate.command('apply [n]'), { fleet: true })))
    .description('apply pending migration files in order, recorded in atlas_schema_revisions (asks only at a terminal without --auto-approve, or in a protected environment)')
    .option('--dry-run', 'print what would run, its hazards and the plan hash; change nothing')
    .option('--tx-mode <mode>', 'transaction mode: file, all or none', 'file')
    .option('--exec-order <order>', 'linear, linear-skip or non-linear', 'linear')
    .option('--baseline <version>', 'start from this version on a database that has a schema already')
    .option('--allow-dirty', 'allow applying to a non-clean database without revisions')
    .option('--allow-destructive', 'same as --allow-hazards DELETES_DATA')
    .option('--backup-file <path>', 'back the database up to this file before applying (default in a protected environment: .meridian/backups/, before statements that delete data)')
    .option('--skip-backup', "run a protected environment's destructive files without its backup")
    .option('--lock-timeout <seconds>', 'how long to wait for another apply', '10')
    .option('--on-error <policy>', 'over a fleet: stop (no new target starts after a failure) or continue', 'stop')
    .option('--format <format>', "over a fleet: text (a line per target; a live summary at a terminal) or json (also Atlas's '{{ json . }}')", 'text')
    .action(async (...args) => {
      const { migrateApplyAction } = await import('./migrate-actions.js');
      return migrateApplyAction(...(args as Parameters<typeof migrateApplyAction>));
    });

  withDirOptions(withDbOptions(migrate.command('down [n]')))
    .description('revert the last N applied files (default 1), the revert computed from state')
    .option('--to-version <version>', 'revert every file applied after this version')
    .option('--dry-run', 'print the revert, change nothing')
    .option('--auto-approve', 'do not ask for confirmation (never in production)')
    .option('--allow-data-loss', 'revert even when it drops tables or columns holding data')
    .action(async (...args) => {
      const { migrateDownAction } = await import('./migrate-down.js');
      return migrateDownAction(...(args as Parameters<typeof migrateDownAction>));
    });

  withDirOptions(withDbOptions(migrate.command('checkpoint [tag]')))
    .description('write a checkpoint file holding the whole schema at the latest version (Atlas format): fresh databases and replays start from it')
    .option('--no-native', 'replay the directory on the dev database instead of folding it with the native parser')
    .option('--dry-run', 'print the checkpoint file, write nothing')
    .action(async (...args) => {
      const { migrateCheckpointAction } = await import('./migrate-history.js');
      return migrateCheckpointAction(...(args as Parameters<typeof migrateCheckpointAction>));
    });

  withDirOptions(withDbOptions(migrate.command('rebase <version...>')))
    .description('move migration files (by version) after the latest one, re-hash atlas.sum, check the merged directory replays; reports statements of both branches that change the same objects')
    .option('--no-native', 'replay the merged directory on the dev database instead of folding it with the native parser')
    .option('--dry-run', 'check and print the renames, change nothing')
    .action(async (...args) => {
      const { migrateRebaseAction } = await import('./migrate-history.js');
      return migrateRebaseAction(...(args as Parameters<typeof migrateRebaseAction>));
    });

  withDirOptions(withDbOptions(migrate.command('status'), { fleet: true }))
    .description('show applied and pending migration files')
    .addOption(formatOption(['text', 'json'], 'text', ['json']))
    .action(async (...args) => {
      const { migrateStatusAction } = await import('./migrate-actions.js');
      return migrateStatusAction(...(args as Parameters<typeof migrateStatusAction>));
    });

  withEnvOptions(withDirOptions(migrate.command('hash'))).description('recompute atlas.sum after a deliberate edit').option('--check', 'only check that atlas.sum matches the directory (exit 1 when stale, for CI); write nothing').action(async (...args) => {
    const { migrateHashAction } = await import('./migrate-actions.js');
    return migrateHashAction(...(args as Parameters<typeof migrateHashAction>));
  });

  withDirOptions(withDbOptions(migrate.command('validate')))
    .description('check atlas.sum and that every file parses')
    .action(async (...args) => {
      const { migrateValidateAction } = await import('./migrate-actions.js');
      return migrateValidateAction(...(args as Parameters<typeof migrateValidateAction>));
    });

  withDirOptions(withDbOptions(migrate.command('lint')))
    .description('analyze migration files for destructive, data-dependent and locking changes')
    .option('--latest <n>', 'lint the latest N files')
    .option('--git-base <branch>', 'lint the files added since this git branch')
    .option(
      '--format <format>',
      "output: text (Atlas's report, the default), lines (file:line:col: CODE with a fix), json (also Atlas's '{{ json . }}'), github (workflow annotations)",
      'text',
    )
    .action(async (...args) => {
      const { migrateLintAction } = await import('./migrate-lint.js');
      return migrateLintAction(...(args as Parameters<typeof migrateLintAction>));
    });

  withDirOptions(migrate.command('new [name]')).description('create an empty migration file for hand-written SQL').action(async (...args) => {
    const { migrateNewAction } = await import('./migrate-actions.js');
    return migrateNewAction(...(args as Parameters<typeof migrateNewAction>));
  });

  withDirOptions(withDbOptions(migrate.command('set <version>')))
    .description('mark migrations up to VERSION as applied without running them')
    .action(async (...args) => {
      const { migrateSetAction } = await import('./migrate-actions.js');
      return migrateSetAction(...(args as Parameters<typeof migrateSetAction>));
    });
}
