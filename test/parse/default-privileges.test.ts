/**
 * Default privileges written `FOR ROLE <the applying role>` (pg_dump's spelling) and without `FOR ROLE` (the
 * inspector's, for `current_user`) are one entry once an inspected side names the applying role.
 */
import { beforeAll, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { objectKey } from '../../src/model/objects.js';
import type { DefaultPrivileges, Model } from '../../src/model/types.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';

beforeAll(async () => {
  await initSchemaParser();
});

const parsed = (sql: string): Model => {
  const r = checkSchema([{ file: 'schema.sql', text: sql }]);
  expect(r.errors).toEqual([]);
  return r.model;
};
/** As the inspector reads `ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC` run by `role`. */
const inspectedAs = (role: string): Model => {
  const base = parsed('');
  const d: DefaultPrivileges = { kind: 'default_privileges', role, applying: true, on: 'FUNCTIONS', grants: [] };
  return { ...base, objects: { ...base.objects, [objectKey(d)]: d } };
};

it('FOR ROLE naming the inspecting role is the entry without FOR ROLE', () => {
  const file = parsed('ALTER DEFAULT PRIVILEGES FOR ROLE alice REVOKE ALL ON FUNCTIONS FROM PUBLIC');
  expect(diff(inspectedAs('alice'), file)).toEqual([]);
  expect(diff(file, inspectedAs('alice'))).toEqual([]);
  expect(diff(inspectedAs('alice'), parsed('ALTER DEFAULT PRIVILEGES REVOKE ALL ON FUNCTIONS FROM PUBLIC'))).toEqual([]);
});

it('FOR ROLE naming another role is another entry', () => {
  const kinds = diff(inspectedAs('bob'), parsed('ALTER DEFAULT PRIVILEGES FOR ROLE alice REVOKE ALL ON FUNCTIONS FROM PUBLIC')).map((c) => c.kind);
  expect(kinds.sort()).toEqual(['create_object', 'drop_object']);
});
