/** `meridian env use <name> --task <task>`: the hand-off behind the Taskfile's `task env:staging <task>…`. */
import type { Command } from 'commander';

export function registerEnv(program: Command): void {
  const env = program.command('env').description('environments');
  env
    .command('use <name>')
    .description('use environment <name> for the following tasks of this go-task run (task env:<name> <task>…)')
    .requiredOption('--task <task>', "the go-task task running this command ({{.TASK}})")
    // Loaded on use, so `meridian --version` / `--help` don't pay for the config loader (zod, dotenv, HCL).
    .action(async (name: string, opts: { task: string }) => {
      const [{ MeridianError }, { useTaskEnv }, { resolveConfig }] = await Promise.all([
        import('../errors.js'),
        import('../workflow/task-env.js'),
        import('../config/config.js'),
      ]);
      if (!/^[\w.-]+$/.test(name)) throw new MeridianError('E_USAGE', `env use: "${name}" is not an environment name`);
      const cfg = resolveConfig({ env: name }); // an unknown environment is refused here, not in the next task
      const { pid } = useTaskEnv(cfg.cwd, name, opts.task);
      process.stderr.write(`env "${name}" for the following tasks of this task run (process ${pid})${cfg.protection.protected ? `; protected: ${cfg.protection.reason}` : ''}\n`);
    });
}
