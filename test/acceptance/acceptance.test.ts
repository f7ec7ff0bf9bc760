import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { CASES } from './cases.js';
import { MORE_CASES } from './cases-more.js';
import { KIND_CASES } from './cases-kinds.js';
import { runDirection } from './harness.js';

describeEachDatabase('acceptance', (t) => {
  for (const c of [...CASES, ...MORE_CASES, ...KIND_CASES]) {
    (c.knownGap ? it.fails : it)(c.knownGap ? `${c.name} (known gap: ${c.knownGap})` : c.name, async () => {
      const statements = await runDirection(t.db, t.url, c.old, c.new, c, true);
      if (c.expectedHazards) expect([...new Set(statements.flatMap((s) => s.hazards.map((h) => h.code)))].sort()).toEqual(expect.arrayContaining([...c.expectedHazards].sort()));
      for (const sql of c.expectedSql ?? []) expect(statements.map((s) => s.sql).join('\n')).toContain(sql);
      if (!c.oneWay) await runDirection(t.db, t.url, c.new, c.old, c, false);
    });
  }
});
