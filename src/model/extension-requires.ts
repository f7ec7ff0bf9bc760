/**
 * What an extension requires before it can be created (its control file's `requires`), for the plan's order of
 * CREATE and DROP EXTENSION. A database's extensions carry it (the inspector reads pg_depend); a parsed schema file
 * does not say it, so it is read from the servers' pg_available_extension_versions (./extension-table.ts, generated
 * by scripts/pg-catalog-snapshot.ts) and, for the contrib extensions those servers do not ship (the PL/Perl and
 * PL/Python transforms need the languages installed), from their control files (PostgreSQL 13–18), written down
 * here. An extension outside all three is ordered as before (no edge).
 */
import { EXTENSION_REQUIRES } from './extension-table.js';
import type { Extension } from './types.js';

/**
 * `requires` of the contrib control files that have one, for the extensions the generating servers do not ship
 * (test/model-extension-requires.test.ts checks that none of them is shipped: the generated table has the rest).
 */
export const CONTRIB_REQUIRES: Readonly<Record<string, readonly string[]>> = {
  hstore_plperl: ['hstore', 'plperl'],
  hstore_plperlu: ['hstore', 'plperlu'],
  hstore_plpython3u: ['hstore', 'plpython3u'],
  ltree_plpython3u: ['ltree', 'plpython3u'],
  jsonb_plperl: ['plperl'],
  jsonb_plperlu: ['plperlu'],
  jsonb_plpython3u: ['plpython3u'],
  bool_plperl: ['plperl'],
  bool_plperlu: ['plperlu'],
};

/**
 * The extensions `e` requires: what its database says, else what the servers' catalogs or a contrib control file say.
 *
 * @example
 * extensionRequires({ kind: 'extension', name: 'earthdistance', schema: 'public' }) // ['cube']
 */
export function extensionRequires(e: Extension): readonly string[] {
  return e.requires ?? EXTENSION_REQUIRES[e.name] ?? CONTRIB_REQUIRES[e.name] ?? [];
}
