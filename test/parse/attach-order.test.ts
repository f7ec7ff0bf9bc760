/**
 * A partition's index whose keys differ from its parent index's only in ASC/DESC or NULLS FIRST/LAST order:
 * PostgreSQL attaches it (checked in psql on 15, and on PGlite's 18: CompareIndexInfo does not compare indoption),
 * by `ALTER INDEX … ATTACH PARTITION`, and by adoption when `ATTACH PARTITION` or `CREATE INDEX` on the parent
 * finds it first. The fold records the partition's order (Index.attachedOrder, as the inspector reads indoption);
 * until h200 it refused it (E_UNSUPPORTED: the Model kept one key order per partitioned index).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';

const TREE = "CREATE TABLE p (a int, b int) PARTITION BY RANGE (a);\nCREATE TABLE c PARTITION OF p FOR VALUES FROM (0) TO (10);";
const ATTACHED = [
  { what: 'ALTER INDEX … ATTACH PARTITION', sql: `${TREE}\nCREATE INDEX p_idx ON ONLY p (a, b);\nCREATE INDEX c_idx ON c (a DESC, b NULLS FIRST);\nALTER INDEX p_idx ATTACH PARTITION c_idx;`, child: 'c_idx' },
  { what: 'ATTACH PARTITION adopting it', sql: 'CREATE TABLE p (a int, b int) PARTITION BY RANGE (a);\nCREATE INDEX p_idx ON p (a);\nCREATE TABLE d (a int, b int);\nCREATE INDEX d_idx ON d (a DESC NULLS LAST);\nALTER TABLE p ATTACH PARTITION d FOR VALUES FROM (10) TO (20);', child: 'd_idx' },
  { what: 'CREATE INDEX on the parent adopting it', sql: `${TREE}\nCREATE INDEX c_desc ON c (a NULLS FIRST);\nCREATE INDEX p_idx ON p (a);`, child: 'c_desc' },
  {
    what: 'ATTACH PARTITION a level down adopting it',
    sql: "CREATE TABLE p (a int, b int) PARTITION BY RANGE (a);\nCREATE TABLE c PARTITION OF p FOR VALUES FROM (0) TO (10) PARTITION BY RANGE (b);\nCREATE INDEX p_idx ON p (a);\nCREATE TABLE c1 (a int, b int);\nCREATE INDEX c1_idx ON c1 (a DESC);\nALTER TABLE ONLY c ATTACH PARTITION c1 FOR VALUES FROM (0) TO (5);",
    child: 'c1_idx',
  },
  {
    what: 'ALTER INDEX … ATTACH PARTITION to an index itself attached',
    sql: "CREATE TABLE p (a int, b int) PARTITION BY RANGE (a);\nCREATE TABLE c PARTITION OF p FOR VALUES FROM (0) TO (10) PARTITION BY RANGE (b);\nCREATE TABLE c1 PARTITION OF c FOR VALUES FROM (0) TO (5);\nCREATE INDEX c1_desc ON c1 (a DESC);\nCREATE INDEX p_idx ON ONLY p (a);\nCREATE INDEX c_idx ON ONLY c (a);\nALTER INDEX p_idx ATTACH PARTITION c_idx;\nALTER INDEX c_idx ATTACH PARTITION c1_desc;",
    child: 'c1_desc',
  },
];

describe('a partition\'s index attached with another key order', () => {
  beforeAll(() => initSchemaParser());

  for (const r of ATTACHED) {
    it(`is attached, its order recorded on the top index: ${r.what}`, () => {
      const { errors, model } = checkSchema([{ file: 'schema.sql', text: r.sql }]);
      expect(errors).toEqual([]);
      const top = model.tables['public.p']!.indexes['p_idx']!;
      const [part, name] = Object.entries(top.attached ?? {}).find(([, n]) => n === r.child)!;
      expect(name).toBe(r.child);
      expect(top.attachedOrder?.[part]).toBeDefined();
      expect(top.attachedOrder![part]!.some((o) => o.descending || o.nullsFirst)).toBe(true);
      expect(model.tables[part]!.indexes[r.child]).toBeUndefined();
    });
  }

  it('attaches an index of the same order, and still refuses one PostgreSQL refuses', () => {
    expect(checkSchema([{ file: 'schema.sql', text: `${TREE}\nCREATE INDEX p_idx ON ONLY p (a DESC);\nCREATE INDEX c_idx ON c (a DESC NULLS FIRST);\nALTER INDEX p_idx ATTACH PARTITION c_idx;` }]).errors).toEqual([]);
    const { errors } = checkSchema([{ file: 'schema.sql', text: `${TREE}\nCREATE INDEX p_idx ON ONLY p (a);\nCREATE INDEX c_idx ON c (b DESC);\nALTER INDEX p_idx ATTACH PARTITION c_idx;` }]);
    expect(errors.map((e) => [e.code, e.message])).toEqual([['E_INVALID', expect.stringMatching(/the index definitions do not match/)]]);
  });
});
