/**
 * src/model/extension-table.ts (generated from pg_available_extension_versions) against the hand-kept table it
 * replaced and against the servers: the generated `requires` match what the hand table said for the same extensions
 * (earthdistance → cube), the hand table keeps only extensions the generating servers do not ship (so the two never
 * disagree), and each server here ships no extension with a default version's `requires` the table lacks.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.js';
import { CONTRIB_REQUIRES, extensionRequires } from '../src/model/extension-requires.js';
import { EXTENSION_NAMES, EXTENSION_REQUIRES } from '../src/model/extension-table.js';
import { testTargets } from './helpers/databases.js';

/** The hand-kept table as it was before generation (src/model/extension-requires.ts, PostgreSQL 13–18 control files). */
const HAND: Readonly<Record<string, readonly string[]>> = {
  earthdistance: ['cube'],
  hstore_plperl: ['hstore', 'plperl'], hstore_plperlu: ['hstore', 'plperlu'], hstore_plpython3u: ['hstore', 'plpython3u'], ltree_plpython3u: ['ltree', 'plpython3u'],
  jsonb_plperl: ['plperl'], jsonb_plperlu: ['plperlu'], jsonb_plpython3u: ['plpython3u'], bool_plperl: ['plperl'], bool_plperlu: ['plperlu'],
};
const shipped = new Set(EXTENSION_NAMES.map((n) => n.replace(/@\d+$/, '')));

describe('extension requires: generated table', () => {
  it('matches the hand table for every extension the servers ship, and extends it (no generated entry contradicts it)', () => {
    for (const [name, req] of Object.entries(HAND)) if (shipped.has(name)) expect([...(EXTENSION_REQUIRES[name] ?? [])].sort(), name).toEqual([...req].sort());
    for (const [name, req] of Object.entries(EXTENSION_REQUIRES)) if (HAND[name]) expect([...req].sort(), name).toEqual([...HAND[name]!].sort());
    expect(EXTENSION_REQUIRES.earthdistance).toEqual(['cube']);
  });
  it('the hand table keeps only what the servers do not ship; together they answer every hand entry as before', () => {
    expect(Object.keys(CONTRIB_REQUIRES).filter((n) => shipped.has(n))).toEqual([]);
    for (const [name, req] of Object.entries(HAND)) expect(extensionRequires({ kind: 'extension', name, schema: 'public' } as never), name).toEqual(req);
  });
});

for (const target of testTargets()) {
  describe(`extension requires [${target.name}]`, () => {
    it("the server's default versions require nothing the generated table lacks", async () => {
      const db = await openDatabase(target.url);
      try {
        const rows = (await db.query<{ n: string; r: string[] | string }>(
          `SELECT e.name AS n, v.requires AS r FROM pg_available_extensions e JOIN pg_available_extension_versions v ON v.name = e.name AND v.version = e.default_version WHERE v.requires IS NOT NULL`,
        )).rows;
        for (const { n, r } of rows) {
          const req = Array.isArray(r) ? r : r.replace(/^\{|\}$/g, '').split(',');
          for (const x of req) expect(EXTENSION_REQUIRES[n] ?? [], n).toContain(x);
        }
      } finally {
        await db.close();
      }
    });
  });
}
