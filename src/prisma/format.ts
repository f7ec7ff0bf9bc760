/**
 * Column alignment as `prisma format` writes it, so a pulled schema.prisma is already in Prisma's
 * formatted form: in model/view/type blocks, consecutive field lines get their names and types padded
 * to a common width; enum values are padded before their attributes; `key = value` lines in
 * datasource/generator blocks are padded before `=`.
 *
 * In: schema text with single spaces. Out: the aligned text. Pure.
 */
import { topLevelIndex } from './existing.js';

/** Splits a field line (without indentation) into name, type and the rest; the type may hold spaces inside quotes/parentheses. */
function splitField(line: string): [string, string, string] | undefined {
  const m = /^(\S+) (.*)$/.exec(line);
  if (!m) return undefined;
  const rest = m[2]!;
  const i = topLevelIndex(rest, 0, (k) => rest[k] === ' ');
  return [m[1]!, rest.slice(0, i), rest.slice(i + 1)];
}

/** Pads each run of rows (arrays of cells) so every cell but the last lines up; trailing spaces trimmed. */
function alignRun(rows: string[][]): string[] {
  const width: number[] = [];
  for (const r of rows) r.forEach((c, i) => (width[i] = Math.max(width[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(width[i]!) : c)).join(' ').trimEnd());
}

/**
 * Aligns the blocks of a schema text as Prisma's formatter does.
 *
 * @example
 * alignSchema('model A {\n  id Int @id\n  name String?\n}\n')
 * // → 'model A {\n  id   Int     @id\n  name String?\n}\n'
 */
export function alignSchema(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let kind: string | undefined;
  let run: { indexes: number[]; rows: string[][] } = { indexes: [], rows: [] };
  const flush = () => {
    const aligned = alignRun(run.rows);
    run.indexes.forEach((at, i) => (out[at] = `  ${aligned[i]}`));
    run = { indexes: [], rows: [] };
  };
  for (const line of lines) {
    const open = /^(model|view|type|enum|datasource|generator)\s+\S+\s*\{$/.exec(line);
    if (open) {
      kind = open[1];
      out.push(line);
      continue;
    }
    if (kind && line === '}') {
      flush();
      kind = undefined;
      out.push(line);
      continue;
    }
    const body = line.startsWith('  ') ? line.slice(2) : undefined;
    if (!kind || body === undefined || body === '' || body.startsWith('@@') || body.startsWith('//')) {
      if (kind && (body === undefined || body === '' || body.startsWith('@@'))) flush();
      out.push(line);
      continue;
    }
    let row: string[] | undefined;
    if (kind === 'datasource' || kind === 'generator') {
      const kv = /^(\w+)\s*=\s*(.*)$/.exec(body);
      row = kv ? [kv[1]!, `= ${kv[2]!}`] : undefined;
    } else if (kind === 'enum') {
      const m = /^(\S+)(?: (.*))?$/.exec(body);
      row = m ? (m[2] ? [m[1]!, m[2]] : [m[1]!]) : undefined;
    } else {
      const f = splitField(body);
      row = f ? (f[2] ? [f[0], f[1], f[2]] : [f[0], f[1]]) : undefined;
    }
    if (!row) {
      out.push(line);
      continue;
    }
    run.indexes.push(out.length);
    run.rows.push(row);
    out.push(line);
  }
  return out.join('\n');
}
