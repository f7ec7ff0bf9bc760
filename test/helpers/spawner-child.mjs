// The small process behind test/helpers/spawner.ts: it starts programs for a test worker, so that the fork
// happens here (a few tens of MB) and not in the worker (1 GB and more once PGlite ran there; forking it
// costs ~0.2–0.5 s each, and blocks the worker meanwhile).
// Protocol: one JSON request per stdin line, {id, cmd, args, cwd?, env?, input?}; one JSON answer per
// stdout line, {id, code, signal, stdout, stderr} or {id, error}. Exits when its stdin closes.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const answer = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, cmd, args, cwd, env, input } = JSON.parse(line);
  let child;
  try {
    child = spawn(cmd, args, { cwd, env: env ?? process.env });
  } catch (e) {
    answer({ id, error: String(e?.message ?? e) });
    return;
  }
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  child.on('error', (e) => answer({ id, error: String(e?.message ?? e) }));
  child.on('close', (code, signal) => answer({ id, code, signal, stdout, stderr }));
  child.stdin.on('error', () => undefined);
  child.stdin.end(input ?? '');
}).on('close', () => process.exit(0));
