/**
 * What the planner reads of aggregates, rules and triggers is data both edges write into the Model
 * (src/parse/canonical.ts `canonicalizeDefinitions`), never text it scans: an aggregate's support functions,
 * the relations a rule names, a trigger's WHEN expression and UPDATE OF columns. The parser and the inspector
 * must give the same fields, and the graph's edges follow them.
 */
import { beforeAll, expect, it } from 'vitest';
import { inspect } from '../src/inspect/index.js';
import { checkSchema, initSchemaParser } from '../src/parse/index.js';
import type { Model } from '../src/model/types.js';
import { objectEdges } from '../src/plan/object-edges.js';
import { exprRefs } from '../src/model/expr-refs.js';
import { describeEachDatabase } from './helpers/databases.js';

const SCHEMA = [
  'CREATE SCHEMA app',
  "CREATE FUNCTION app.add1(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT s + v'",
  "CREATE FUNCTION app.fin(s int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT s'",
  'CREATE AGGREGATE app.total(int) (SFUNC = app.add1, STYPE = int, FINALFUNC = app.fin)',
  'CREATE TABLE app.t (a int, b int)',
  'CREATE TABLE app.log (a int)',
  'CREATE RULE r AS ON INSERT TO app.t DO ALSO INSERT INTO app.log VALUES (new.a)',
  "CREATE FUNCTION app.trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
  'CREATE TRIGGER tr AFTER UPDATE OF b ON app.t FOR EACH ROW WHEN (new.a > 1) EXECUTE FUNCTION app.trg()',
  "CREATE TYPE app.mood AS ENUM ('ok')",
  'CREATE TABLE app."My T" (c int)',
  "CREATE FUNCTION app.decl() RETURNS int LANGUAGE plpgsql AS $$ DECLARE r app.t%ROWTYPE; x app.\"My T\".c%TYPE; m app.mood; n int; y x%TYPE; BEGIN RETURN 1; END $$",
];

function refs(m: Model) {
  const agg = Object.values(m.functions).find((f) => f.kind === 'aggregate')!;
  const rule = Object.values(m.objects ?? {}).find((o) => o.kind === 'rule')!;
  const tr = m.tables['app.t']!.triggers.tr!;
  return {
    support: agg.support,
    relations: rule.kind === 'rule' ? rule.relations : undefined,
    ruleRequires: objectEdges(rule, m).requires.filter((r) => r.startsWith('rel:')).sort(),
    updateOf: tr.updateOf,
    whenColumns: exprRefs(tr.when?.canonical).columns,
    declares: Object.values(m.functions).find((f) => f.name === 'decl')!.declares,
  };
}

const EXPECTED = {
  support: [{ schema: 'app', name: 'add1' }, { schema: 'app', name: 'fin' }],
  relations: ['app.log', 'app.t'],
  ruleRequires: ['rel:app.log', 'rel:app.t'],
  updateOf: ['b'],
  whenColumns: ['a'],
  declares: [{ schema: 'app', name: 't' }, { schema: 'app', name: 'My T' }, { schema: 'app', name: 'mood' }],
};

beforeAll(async () => {
  await initSchemaParser();
});

it('the parser writes support functions, rule relations, trigger clauses and PL/pgSQL declarations into the Model', () => {
  const parsed = checkSchema([{ file: 'schema.sql', text: SCHEMA.map((s) => `${s};`).join('\n') }]);
  expect(parsed.errors).toEqual([]);
  expect(refs(parsed.model)).toEqual(EXPECTED);
});

describeEachDatabase('model references at the inspector edge', (t) => {
  it('the inspector writes the same', async () => {
    await t.reset();
    for (const s of SCHEMA) await t.db.exec(s);
    expect(refs((await inspect(t.db)).model)).toEqual(EXPECTED);
  });
});
