/**
 * A partition's copy of its parent's trigger (`Table.clonedTriggers`, src/model/cloned-triggers.ts): the fold follows
 * what PostgreSQL does to the copies' firing states — `ALTER TABLE t … TRIGGER` reaching the copies below and
 * `ALTER TABLE ONLY t` not, a new partition's copy starting as its parent's trigger is, the copies renamed with the
 * trigger, gone with it or with DETACH — and equals what the inspector reads after the same file, on each database.
 */
import { beforeAll, expect, it } from 'vitest';
import { inspect } from '../../src/inspect/index.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { describeEachDatabase, resetDatabase } from '../helpers/databases.js';

beforeAll(async () => {
  await initSchemaParser();
});

const TREE = `CREATE TABLE m (id int, at int) PARTITION BY RANGE (at);
CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10);
CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (10) TO (20) PARTITION BY RANGE (at);
CREATE TABLE m2a PARTITION OF m2 FOR VALUES FROM (10) TO (15);
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER trg AFTER INSERT ON m FOR EACH ROW EXECUTE FUNCTION audit();
`;

const FILES: Record<string, string> = {
  'ALTER TABLE reaches the copies below, ONLY does not': 'ALTER TABLE m2 ENABLE ALWAYS TRIGGER trg;\nALTER TABLE ONLY m DISABLE TRIGGER trg;\nALTER TABLE m2a ENABLE TRIGGER trg;\n',
  'a partition created after the state changed starts as its parent': 'ALTER TABLE m DISABLE TRIGGER trg;\nCREATE TABLE m3 PARTITION OF m FOR VALUES FROM (20) TO (30);\nALTER TABLE m1 ENABLE REPLICA TRIGGER trg;\n',
  'the copies are renamed with the trigger': 'ALTER TABLE m1 ENABLE ALWAYS TRIGGER trg;\nALTER TRIGGER trg ON m RENAME TO trg2;\n',
  'DETACH and DROP TRIGGER take the copies': 'ALTER TABLE m1 ENABLE ALWAYS TRIGGER trg;\nALTER TABLE m2a DISABLE TRIGGER trg;\nALTER TABLE m DETACH PARTITION m1;\nDROP TRIGGER trg ON m;\n',
};

const clones = (tables: Record<string, { clonedTriggers?: Readonly<Record<string, string>> }>) =>
  Object.fromEntries(Object.entries(tables).filter(([, t]) => t.clonedTriggers).map(([k, t]) => [k, t.clonedTriggers]));

it('folds pg_dump\'s ALTER TABLE part ENABLE ALWAYS TRIGGER (before: trigger "trg" for table "m1" does not exist)', () => {
  const r = checkSchema([{ file: 'schema.sql', text: `${TREE}ALTER TABLE public.m1 ENABLE ALWAYS TRIGGER trg;\n` }]);
  expect(r.errors).toEqual([]);
  expect(clones(r.model.tables)).toEqual({ 'public.m1': { trg: 'A' } });
});

describeEachDatabase('partitions\' copies of triggers: the fold equals the catalog', (t) => {
  for (const [name, sql] of Object.entries(FILES)) {
    it(name, async () => {
      await resetDatabase(t.db);
      await t.db.exec(TREE + sql);
      const inspected = (await inspect(t.db)).model;
      const r = checkSchema([{ file: 'schema.sql', text: TREE + sql }]);
      expect(r.errors).toEqual([]);
      expect(clones(r.model.tables)).toEqual(clones(inspected.tables));
    });
  }
});
