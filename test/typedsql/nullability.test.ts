/**
 * Nullability hints read from the typed parse tree (src/typedsql/nullability.ts): outer-joined relations and
 * result expressions that can never be NULL, in a SELECT's list and in a data statement's RETURNING list
 * (PostgreSQL 18's tree holds it in `returningClause.exprs`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tree } from '../../src/parse/ast.js';
import { loadLibpg, parseSync } from '../../src/parse/libpg.js';
import { nullabilityHints } from '../../src/typedsql/nullability.js';

const hints = (sql: string) => nullabilityHints((parseSync(sql) as { stmts: { stmt: Tree }[] }).stmts[0]!.stmt);

describe('nullability hints', () => {
  beforeAll(() => loadLibpg());

  it('reads a SELECT: outer-joined relations and never-NULL results', () => {
    expect(hints('SELECT count(*), coalesce(b.x, 0), b.x, 1 FROM a LEFT JOIN s.b ON true')).toEqual({
      outerJoined: [{ schema: 's', name: 'b' }], opaqueOuterJoin: false, neverNull: [true, true, false, true],
    });
    expect(hints('SELECT 1 FROM a LEFT JOIN (SELECT 1) q ON true').opaqueOuterJoin).toBe(true);
    expect(hints('SELECT * FROM a').neverNull).toBeUndefined();
  });

  it('reads the RETURNING list of INSERT, UPDATE and DELETE', () => {
    expect(hints('INSERT INTO t (a) VALUES (1) RETURNING a, 1, coalesce(a, 0)').neverNull).toEqual([false, true, true]);
    expect(hints('UPDATE t SET a = 1 FROM u LEFT JOIN v ON true RETURNING t.a, EXISTS (SELECT 1)')).toEqual({
      outerJoined: [{ schema: undefined, name: 'v' }], opaqueOuterJoin: false, neverNull: [false, true],
    });
    expect(hints('DELETE FROM t RETURNING *').neverNull).toBeUndefined();
    expect(hints('DELETE FROM t').neverNull).toBeUndefined();
  });
});
