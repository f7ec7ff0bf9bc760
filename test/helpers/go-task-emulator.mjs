// A stand-in for the go-task binary (not installable here: no Go toolchain, no apt package), reproducing
// its documented argument handling and the Taskfile features the shipped Taskfile.yml uses:
//   task [VAR=value…] task1 task2 … [-- CLI_ARGS]
// - every argument before `--` that is not VAR=value is a task name; the tasks run one after the other in
//   this one process, each task's cmds in order, a failing command stops the run with its exit code;
// - VAR=value arguments set variables (over the Taskfile's `vars:`), the process environment is visible
//   as variables too, arguments after `--` are .CLI_ARGS, .TASK is the running task's name;
// - a cmd is a Go template ({{.VAR}}, {{if .VAR}}…{{end}}), variables' own values are templates too;
//   `{ task: name, vars: {…} }` runs another task with extra variables;
// - commands run through a shell, as children of this process.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const file = parse(readFileSync('Taskfile.yml', 'utf8'));
const argv = process.argv.slice(2);
const dd = argv.indexOf('--');
const before = dd < 0 ? argv : argv.slice(0, dd);
const cliArgs = dd < 0 ? '' : argv.slice(dd + 1).join(' ');
const cliVars = Object.fromEntries(before.filter((a) => /^\w+=/.test(a)).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
const tasks = before.filter((a) => !/^\w+=/.test(a));

function render(text, vars, depth = 0) {
  if (depth > 10) throw new Error('template recursion');
  const value = (name) => {
    const v = vars[name];
    return v === undefined ? '' : render(String(v), vars, depth + 1);
  };
  let out = text.replace(/\{\{\s*if\s+\.(\w+)\s*\}\}([\s\S]*?)\{\{\s*end\s*\}\}/g, (_, name, body) => (value(name) ? body : ''));
  out = out.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, name) => value(name));
  return out;
}

function run(name, extra = {}) {
  const task = file.tasks?.[name];
  if (!task) {
    process.stderr.write(`task: Task "${name}" does not exist\n`);
    process.exit(200);
  }
  const vars = { ...process.env, ...(file.vars ?? {}), ...cliVars, ...extra, CLI_ARGS: cliArgs, TASK: name };
  for (const cmd of task.cmds ?? []) {
    if (typeof cmd === 'object' && cmd.task) {
      run(render(cmd.task, vars), Object.fromEntries(Object.entries(cmd.vars ?? {}).map(([k, v]) => [k, render(String(v), vars)])));
      continue;
    }
    const line = render(typeof cmd === 'string' ? cmd : cmd.cmd, vars);
    process.stderr.write(`task: [${name}] ${line}\n`);
    const r = spawnSync('sh', ['-c', line], { stdio: 'inherit' });
    if (r.status !== 0) {
      process.stderr.write(`task: Failed to run task "${name}": exit status ${r.status}\n`);
      process.exit(r.status ?? 1);
    }
  }
}

for (const t of tasks) run(t);
