/**
 * Prisma TypedSQL parameter annotations: `-- @param {Int} $1:minAge? description`.
 *
 * In:  a SQL file's text. Out: per-parameter name, declared type and nullability, or located errors.
 * Never: tokenises SQL itself (comments come from libpg-query's scanner).
 */
import { scanSync } from '../parse/libpg.js';
import { positionAt } from '../parse/split.js';
import type { LocatedError } from '../parse/located.js';

/** The types Prisma TypedSQL accepts in `{…}`. */
export const PRISMA_PARAM_TYPES = ['Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'String', 'DateTime', 'Json', 'Bytes'] as const;
export type PrismaParamType = (typeof PRISMA_PARAM_TYPES)[number];

export interface ParamAnnotation {
  readonly index: number;
  readonly name: string;
  readonly type: PrismaParamType | undefined;
  readonly nullable: boolean;
  readonly description: string | undefined;
  readonly line: number;
  readonly column: number;
}

const PARAM = /^--\s*@param\s+(?:\{([^}]*)\}\s+)?\$(\d+):([A-Za-z_][A-Za-z0-9_]*)(\?)?(?:\s+(.*))?$/;

/**
 * Reads the `@param` annotations of one file (requires libpg-query's module to be loaded).
 *
 * @example
 * parseParamAnnotations('-- @param {Int} $1:minTotal\nSELECT $1', 'q.sql').params[0]
 * // → { index: 1, name: 'minTotal', type: 'Int', nullable: false, … }
 */
export function parseParamAnnotations(text: string, file: string): { params: ParamAnnotation[]; errors: LocatedError[] } {
  const buf = Buffer.from(text, 'utf8');
  const params: ParamAnnotation[] = [];
  const errors: LocatedError[] = [];
  const lines = text.split('\n');
  let tokens;
  try {
    tokens = scanSync(text).tokens;
  } catch {
    return { params, errors }; // the parser reports the unclosed quote or comment with its position
  }
  for (const t of tokens) {
    if (t.tokenName !== 'SQL_COMMENT' || !/^--\s*@param\b/.test(t.text)) continue;
    const { line, column } = positionAt(buf, t.start);
    const fail = (message: string) => errors.push({ code: 'E_SQLGEN', severity: 'error', location: { file, line, column }, message, sourceLine: lines[line - 1] ?? '' });
    const m = PARAM.exec(t.text.trimEnd());
    if (!m) {
      fail('malformed @param annotation: expected `-- @param {Type} $1:name` (type and description optional, `name?` for a nullable parameter)');
      continue;
    }
    const type = m[1]?.trim();
    if (type !== undefined && !(PRISMA_PARAM_TYPES as readonly string[]).includes(type)) {
      fail(`unknown @param type {${type}}: use one of ${PRISMA_PARAM_TYPES.join(', ')}`);
      continue;
    }
    const index = Number(m[2]);
    if (params.some((p) => p.index === index)) {
      fail(`$${index} is annotated twice`);
      continue;
    }
    if (params.some((p) => p.name === m[3])) {
      fail(`parameter name "${m[3]}" is used twice`);
      continue;
    }
    params.push({ index, name: m[3]!, type: type as PrismaParamType | undefined, nullable: m[4] === '?', description: m[5]?.trim() || undefined, line, column });
  }
  return { params, errors };
}
