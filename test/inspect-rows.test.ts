/** The inspector's row helpers over what the drivers return (inspect/rows.ts). */
import { describe, expect, it } from 'vitest';
import { arr } from '../src/inspect/rows.js';

describe('arr', () => {
  it('reads a name[] literal (node-postgres does not parse name[]) with quoted elements unescaped', () => {
    // pg_policies.roles for `TO "evil""role, x", PUBLIC` as node-postgres returns it (hunt 12b, pg-schema-diff).
    expect(arr('{"evil\\"role, x",public}')).toEqual(['evil"role, x', 'public']);
    expect(arr('{"a b","c\\\\d"}')).toEqual(['a b', 'c\\d']);
    expect(arr('{}')).toEqual([]);
    expect(arr(['x', 'y'])).toEqual(['x', 'y']);
    expect(arr(null)).toEqual([]);
  });
});
