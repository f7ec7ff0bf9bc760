/**
 * What an extension requires before it can be created (its control file's `requires`), for the plan's order of
 * CREATE and DROP EXTENSION. A database's extensions carry it (the inspector reads pg_depend); a parsed schema file
 * does not say it, so the contrib extensions' control files (PostgreSQL 13–18) are written down here. An extension
 * outside both is ordered as before (no edge).
 */
import type { Extension } from './types.js';

/** `requires` of the contrib control files that have one. */
const CONTRIB_REQUIRES: Readonly<Record<string, readonly string[]>> = {
  earthdistance: ['cube'],
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
 * The extensions `e` requires: what its database says, else what its contrib control file says.
 *
 * @example
 * extensionRequires({ kind: 'extension', name: 'earthdistance', schema: 'public' }) // ['cube']
 */
export function extensionRequires(e: Extension): readonly string[] {
  return e.requires ?? CONTRIB_REQUIRES[e.name] ?? [];
}
