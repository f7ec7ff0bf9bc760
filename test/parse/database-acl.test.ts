/**
 * Privileges on foreign-data wrappers, servers and procedural languages in a schema file (h187): folded (no
 * `W_IGNORED`), checked as PostgreSQL checks them, located.
 */
import { beforeAll, expect, it } from 'vitest';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';

beforeAll(async () => {
  await initSchemaParser();
});

const check = (sql: string) => checkSchema([{ file: 'schema.sql', text: sql }]);

it('folds GRANT/REVOKE on a wrapper, a server and plpgsql, with no warning', () => {
  const r = check("CREATE FOREIGN DATA WRAPPER w;\nCREATE SERVER s FOREIGN DATA WRAPPER w;\nGRANT USAGE ON FOREIGN DATA WRAPPER w TO alice;\nGRANT ALL ON FOREIGN SERVER s TO bob WITH GRANT OPTION;\nREVOKE ALL ON LANGUAGE plpgsql FROM PUBLIC;\n");
  expect([...r.errors, ...r.warnings]).toEqual([]);
  expect(r.model.objects?.['privileges FOREIGN DATA WRAPPER w']).toMatchObject({ on: 'FOREIGN DATA WRAPPER', schema: '', name: 'w', grants: [{ grantee: 'alice', privilege: 'USAGE', grantable: false }] });
  expect(r.model.objects?.['privileges FOREIGN SERVER s']).toMatchObject({ grants: [{ grantee: 'bob', privilege: 'USAGE', grantable: true }] });
  // The owner keeps its USAGE (acldefault's), PUBLIC's is gone: the list is empty, not the default.
  expect(r.model.objects?.['privileges LANGUAGE plpgsql']).toMatchObject({ grants: [] });
});

it('a language back to its default, a renamed or dropped server: nothing kept under the old name', () => {
  const r = check('CREATE FOREIGN DATA WRAPPER w;\nCREATE SERVER s FOREIGN DATA WRAPPER w;\nGRANT USAGE ON FOREIGN SERVER s TO alice;\nALTER SERVER s RENAME TO s2;\nREVOKE USAGE ON LANGUAGE sql FROM PUBLIC;\nGRANT USAGE ON LANGUAGE sql TO PUBLIC;\nCREATE SERVER gone FOREIGN DATA WRAPPER w;\nGRANT USAGE ON FOREIGN SERVER gone TO alice;\nDROP SERVER gone;\n');
  expect(r.errors).toEqual([]);
  expect(Object.keys(r.model.objects ?? {}).filter((k) => k.startsWith('privileges'))).toEqual(['privileges FOREIGN SERVER s2']);
});

it('an unknown server or language, and an untrusted language, are located errors', () => {
  for (const [sql, code, message] of [
    ['GRANT USAGE ON FOREIGN SERVER nope TO alice', 'E_UNKNOWN', /server "nope" does not exist/],
    ['GRANT USAGE ON LANGUAGE plnope TO alice', 'E_UNKNOWN', /language "plnope" does not exist/],
    ['GRANT USAGE ON LANGUAGE c TO alice', 'E_INVALID', /language "c" is not trusted/],
  ] as const) {
    const r = check(`CREATE TABLE t (a int);\n${sql};\n`);
    expect(r.errors.map((e) => e.code), sql).toEqual([code]);
    expect(r.errors[0]!.message).toMatch(message);
    expect(r.errors[0]!.location).toMatchObject({ file: 'schema.sql', line: 2, column: 1 });
  }
});

it('a PL extension\'s language is known once the file creates it', () => {
  const r = check('CREATE EXTENSION plv8;\nGRANT USAGE ON LANGUAGE plv8 TO alice;\n');
  expect(r.errors).toEqual([]);
  expect(r.model.objects?.['privileges LANGUAGE plv8']).toBeDefined();
});
