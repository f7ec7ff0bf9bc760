/**
 * A table's access method (`CREATE TABLE … USING am`, `ALTER TABLE … SET ACCESS METHOD` on PostgreSQL 15+).
 * PostgreSQL 15 and PGlite ship `heap` only and no contrib extension brings another, so the databases here get a
 * second one from heap's own handler (`CREATE ACCESS METHOD heap_copy TYPE TABLE HANDLER heap_tableam_handler`,
 * made outside the schema: access methods are not managed). `heap` is the default and never a difference.
 */
import { beforeAll, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { plan } from '../../src/plan/index.js';
import { describeEachDatabase, resetDatabase } from '../helpers/databases.js';

beforeAll(async () => {
  await initSchemaParser();
});

const parse = (text: string) => {
  const r = checkSchema([{ file: 'schema.sql', text }]);
  expect(r.errors).toEqual([]);
  return r.model;
};

it('CREATE TABLE … USING heap folds as the default; another access method is kept', () => {
  expect(parse('CREATE TABLE t (id int) USING heap;\n').tables['public.t']!.accessMethod).toBeUndefined();
  expect(parse('CREATE TABLE t (id int) USING heap_copy;\n').tables['public.t']!.accessMethod).toBe('heap_copy');
});

describeEachDatabase('table access method', (t) => {
  it('round-trips, and changes in place both ways (ALTER TABLE … SET ACCESS METHOD) keeping the rows', async () => {
    await resetDatabase(t.db);
    await t.db.exec('DROP ACCESS METHOD IF EXISTS heap_copy CASCADE');
    await t.db.exec('CREATE ACCESS METHOD heap_copy TYPE TABLE HANDLER heap_tableam_handler');
    const heap = parse('CREATE TABLE t (id int PRIMARY KEY, a text) USING heap;\nCREATE VIEW v AS SELECT id FROM t;\n');
    const copy = parse('CREATE TABLE t (id int PRIMARY KEY, a text) USING heap_copy;\nCREATE VIEW v AS SELECT id FROM t;\n');
    const apply = async (to: typeof heap) => {
      const cur = (await inspect(t.db)).model;
      const steps = plan(diff(cur, to), cur, to);
      for (const s of steps) await t.db.exec(s.sql);
      const after = (await inspect(t.db)).model;
      expect(plan(diff(after, to), after, to).map((s) => s.sql), 're-plan').toEqual([]);
      expect(plan(diff(to, after), to, after).map((s) => s.sql), 'parse = inspect').toEqual([]);
      return steps;
    };
    const create = await apply(copy);
    expect(create.map((s) => s.sql).join('\n')).toContain('USING "heap_copy"');
    await t.db.exec("INSERT INTO t VALUES (1, 'x'), (2, NULL)");
    const back = await apply(heap);
    expect(back.map((s) => s.sql)).toEqual(['ALTER TABLE "public"."t" SET ACCESS METHOD "heap"']);
    expect(back[0]!.hazards.map((h) => h.code)).toContain('TABLE_REWRITE');
    const again = await apply(copy);
    expect(again.map((s) => s.sql)).toEqual(['ALTER TABLE "public"."t" SET ACCESS METHOD "heap_copy"']);
    expect((await t.db.query('SELECT id, a FROM t ORDER BY id')).rows).toEqual([{ id: 1, a: 'x' }, { id: 2, a: null }]);
    expect((await t.db.query("SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 't'")).rows).toEqual([{ amname: 'heap_copy' }]);
  });
});
