/**
 * A changed view is replaced in place (`CREATE OR REPLACE VIEW`) when both states are folded from SQL text, as
 * `migrate diff` folds the schema file and the migration directory: the fold knows no column types, so the
 * replacement is proved by the queries' structure (src/diff/view-replace.ts). Each case of
 * test/acceptance/cases-inplace-2.ts is planned parse(old) → parse(new): the statements it must and must not hold
 * are the same as on inspected databases (where the acceptance suite applies them on PGlite and PostgreSQL).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../src/diff/index.js';
import { initSchemaParser } from '../src/parse/index.js';
import { parsedModel } from './helpers/model.js';
import { plan } from '../src/plan/index.js';
import { replaceableView } from '../src/diff/view-replace.js';
import { INPLACE_2_CASES } from './acceptance/cases-inplace-2.js';

beforeAll(async () => {
  await initSchemaParser();
});

const parse = (sql: readonly string[]) => parsedModel(sql, 'case.sql');

describe('views replaced in place between folded states', () => {
  for (const c of INPLACE_2_CASES) {
    it(c.name, () => {
      const [from, to] = [parse(c.old), parse(c.new)];
      const sql = plan(diff(from, to), from, to).map((s) => s.sql).join('\n');
      for (const s of c.expectedSql ?? []) expect(sql).toContain(s);
      for (const s of c.absentSql ?? []) expect(sql).not.toContain(s);
      // The migration folded after the old state (as `migrate diff` replays its directory) is the new state.
      const replayed = parse([...c.old, ...plan(diff(from, to), from, to).map((s) => s.sql)]);
      expect(plan(diff(replayed, to), replayed, to).map((s) => s.sql)).toEqual([]);
    });
  }

  it('a column read from another table or newly cast is not proved: dropped and created again', () => {
    const base = ['CREATE TABLE t (id int, a text)', 'CREATE TABLE u (id int, a text)'];
    const from = parse([...base, 'CREATE VIEW v AS SELECT id, a FROM t'])
      .views['public.v']!;
    for (const q of ['SELECT id, a FROM u', 'SELECT id, a::varchar AS a FROM t', 'SELECT t.id, t.a FROM t JOIN u ON u.id = t.id', 'WITH x AS (SELECT 1) SELECT id, a FROM t']) {
      const to = parse([...base, `CREATE VIEW v AS ${q}`]).views['public.v']!;
      expect(replaceableView(from, to), q).toBe(false);
    }
    for (const q of ['SELECT id, a FROM t WHERE id > 1', 'SELECT id, a, upper(a) AS b FROM t ORDER BY a', 'SELECT DISTINCT id, a FROM t']) {
      const to = parse([...base, `CREATE VIEW v AS ${q}`]).views['public.v']!;
      expect(replaceableView(from, to), q).toBe(true);
    }
  });
});

describe('a generated column expression changed in place from PostgreSQL 17', () => {
  const old = ['CREATE TABLE g (id int PRIMARY KEY, price numeric, total numeric GENERATED ALWAYS AS (price * 2) STORED)', 'CREATE INDEX g_total ON g (total)', 'CREATE VIEW gv AS SELECT id, total FROM g'];
  const next = old.map((s) => s.replace('price * 2', 'price * 3'));
  it('SET EXPRESSION on 17+, drop and add (with the index and the view) before or when the version is unknown', () => {
    const [from, to] = [parse(old), parse(next)];
    const sql = (serverMajor?: number) => plan(diff(from, to), from, to, { serverMajor }).map((s) => s.sql);
    expect(sql(17)).toEqual(['ALTER TABLE "public"."g" ALTER COLUMN "total" SET EXPRESSION AS (price * 3)']);
    expect(plan(diff(from, to), from, to, { serverMajor: 17 })[0]!.hazards.map((h) => h.code)).toContain('TABLE_REWRITE');
    // Folded as `migrate diff` replays it.
    const replayed = parse([...old, ...sql(17)]);
    expect(plan(diff(replayed, to), replayed, to).map((s) => s.sql)).toEqual([]);
    for (const major of [16, undefined]) {
      const s = sql(major).join('\n');
      expect(s).toContain('DROP COLUMN "total"');
      expect(s).toContain('DROP VIEW "public"."gv"');
      expect(s).not.toContain('SET EXPRESSION');
    }
  });
});
