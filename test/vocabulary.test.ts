/**
 * pg_dump's vocabulary (#27): every object kind pg_dump's archive entries are labelled with (`Type:` in its
 * text output, PostgreSQL 13–18), each with Meridian's treatment. This table is the source of truth for the
 * README's "Object kinds" table, which must list the same rows with the same treatment:
 *  - managed: Model + fold + inspector + diff + plan, both directions — backed by the named acceptance cases
 *    (run on PGlite and PostgreSQL by test/acceptance/acceptance.test.ts and test/parse/roundtrip.test.ts);
 *  - refused: a schema file holding it fails with E_UNSUPPORTED at file:line:col, naming the kind and saying
 *    to move it to a migration — in every command, also when the file goes the dev database path (`DO` blocks,
 *    --no-native): the one list of src/parse/refused.ts is checked before anything runs (test/workflow/refused-kinds.test.ts);
 *  - reported: kept out of plans, listed as unmanaged by the inspector and the fold (W_UNMANAGED);
 *  - ignored: not schema (W_IGNORED) or data (W_DATA): not part of the desired state.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, initSchemaParser } from '../src/parse/index.js';
import { REFUSED_KINDS } from '../src/parse/refused.js';
import { ALL_CASES } from './acceptance/suite.js';
import { pgDumpProgram } from './acceptance/harness.js';
import { repoRoot } from './helpers/cli.js';
import { describeEachDatabase } from './helpers/databases.js';

type Row =
  | { readonly label: string; readonly treatment: 'managed' | 'carried'; readonly cases: readonly string[] }
  | { readonly label: string; readonly treatment: 'refused' | 'reported' | 'ignored'; readonly sql: string };

// (C functions of plpgsql's library give the language and the transform real handlers: PostgreSQL checks their types)
const PRE = 'CREATE TABLE t (a int, b text); CREATE SEQUENCE s;\nCREATE FUNCTION f() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$; '
  + "CREATE FUNCTION h() RETURNS language_handler LANGUAGE c AS '$libdir/plpgsql', 'plpgsql_call_handler'; "
  + "CREATE FUNCTION fs(internal) RETURNS internal LANGUAGE c IMMUTABLE AS '$libdir/plpgsql', 'plpgsql_call_handler'; "
  + "CREATE FUNCTION ts(internal) RETURNS int LANGUAGE c IMMUTABLE AS '$libdir/plpgsql', 'plpgsql_call_handler';\n";

export const VOCABULARY: readonly Row[] = [
  { label: 'SCHEMA', treatment: 'managed', cases: ['schema removed from the desired state is dropped', 'schema comment and a schema with a mixed-case name'] },
  { label: 'EXTENSION', treatment: 'managed', cases: ['extension and a column using its type', 'kind: comment on an extension'] },
  { label: 'TYPE', treatment: 'managed', cases: ['create enum and use it', 'composite type', 'range type with subtype_diff, used by a column'] },
  { label: 'SHELL TYPE', treatment: 'refused', sql: 'CREATE TYPE shell' },
  { label: 'DOMAIN', treatment: 'managed', cases: ['domain with check', 'gap: domain checks NOT VALID (ALTER DOMAIN in the schema file), validated in place, and ALTER DOMAIN defaults and NOT NULL', 'kind: domain over a composite type and composite over domains', 'gap: a domain whose base type changes while a column uses it: the column moved off it and back', 'gap: a domain whose collation changes while a column, a composite attribute, a domain and a function use it', 'gap: a domain altered in place: default, NOT NULL, constraints added and dropped, rows kept'] },
  { label: 'TABLE', treatment: 'managed', cases: ['create schema and table', 'unlogged table and storage parameters', 'kind: column attribute options set and reset', 'clause: replica identity using an index, full, and back to default', 'clause: cluster on an index, moved to another index', 'inheritance: a second parent joined (and left)', 'inheritance: two parents in the other order', 'typed-period: a typed table\'s attribute changes type (ALTER ATTRIBUTE … TYPE … CASCADE), key and default kept, rows kept', 'typed-period: a typed table\'s type drops an attribute (DROP ATTRIBUTE … CASCADE drops the column), other rows kept', 'retype: time to timestamp has no cast: the column is dropped and added again with its index and comment', 'retype: assignment casts need no USING, explicit-only casts and text parsed by I/O get one'] },
  { label: 'TABLE ATTACH', treatment: 'managed', cases: ['partitioned table with partitions', 'detach a range partition'] },
  { label: 'DEFAULT', treatment: 'managed', cases: ['change default', 'sequence used by a default', 'views-2: view column defaults set, changed and dropped in place, the view kept'] },
  { label: 'SEQUENCE', treatment: 'managed', cases: ['standalone sequence', 'kind: unlogged sequence created', 'kind: sequence set unlogged', 'gap: serial becomes identity (and back) with rows: the next insert does not collide'] },
  { label: 'SEQUENCE OWNED BY', treatment: 'managed', cases: ['sequence owned by a column'] },
  { label: 'SEQUENCE SET', treatment: 'ignored', sql: "SELECT pg_catalog.setval('s', 5, true)" },
  { label: 'VIEW', treatment: 'managed', cases: ['create view', 'view with check option', 'views-2: a table column renamed in the file under views, a materialized view and a view over a view', 'views-2: a view recreated (a column goes) and a view over a retyped column keep their column defaults'] },
  { label: 'MATERIALIZED VIEW', treatment: 'managed', cases: ['materialized view with index', 'materialized view WITH NO DATA'] },
  { label: 'INDEX', treatment: 'managed', cases: ['create index on existing table', 'partial, expression, desc and include index', 'hunt: statistics targets of expression index columns, set in place and on a new index', 'hunt: storage parameters and attribute options out of alphabetical order, changed and reordered'] },
  { label: 'INDEX ATTACH', treatment: 'managed', cases: ['add a partition and a parent index', 'kind: partition key indexes attached as pg_dump writes them', 'partitions-2: every partition primary key attached to a plain unique index of the parent', 'partitions-2: the parent index of an attached partition key is dropped, the key stays', 'partitions-2: the partitions\' own indexes are attached to an index ON ONLY the parent, which becomes valid', 'partitions-3: a partition index attached to the parent index is renamed in place', 'partitions-3: a new partition whose primary key is attached to the parent\'s unique index'] },
  { label: 'CONSTRAINT', treatment: 'managed', cases: ['add primary key', 'exclusion constraint', 'gap: storage parameters of primary key, unique and exclusion constraints, created with the table', 'gap: storage parameters of constraints changed in place (ALTER INDEX … SET / RESET), rows kept', 'typed-period: temporal primary key, unique constraint and foreign key created with their tables'] },
  { label: 'CHECK CONSTRAINT', treatment: 'managed', cases: ['check constraint', 'check NO INHERIT', 'hunt: NOT VALID check and foreign key become valid', 'comments-3: NOT VALID written in CREATE TABLE is valid; added by ALTER TABLE it stays NOT VALID'] },
  { label: 'FK CONSTRAINT', treatment: 'managed', cases: ['foreign key added', 'three-table FK cycle', 'typed-period: a primary key becomes WITHOUT OVERLAPS and a foreign key becomes PERIOD, rows kept'] },
  { label: 'FUNCTION', treatment: 'managed', cases: ['sql function with options', 'overloaded functions', 'hunt: plpgsql function declaring a new table%ROWTYPE, a column%TYPE and an enum, created with them'] },
  { label: 'PROCEDURE', treatment: 'managed', cases: ['procedure'] },
  { label: 'AGGREGATE', treatment: 'managed', cases: ['kind: aggregate and its state function'] },
  { label: 'TRIGGER', treatment: 'managed', cases: ['plpgsql function and trigger', 'INSTEAD OF trigger on a view', 'refused-27: a partition\'s copy of its parent\'s trigger enabled always, one below disabled, as pg_dump writes them', 'refused-27: the parent\'s trigger disabled while a partition\'s copy stays enabled replica (ONLY, and the copy set after)'] },
  { label: 'RULE', treatment: 'managed', cases: ['rule on a table', 'kind: rules on a table and a view, with a comment', 'kind: rule action changed'] },
  { label: 'POLICY', treatment: 'managed', cases: ['row level security and policy', 'policy expression change'] },
  { label: 'ROW SECURITY', treatment: 'managed', cases: ['force RLS and a restrictive policy'] },
  { label: 'COMMENT', treatment: 'managed', cases: ['comments on table, column, view, index, function, schema', 'kind: foreign data wrapper, server, user mappings and foreign table'] },
  { label: 'ACL', treatment: 'managed', cases: ['grants on a table to a role and to PUBLIC', 'grant option added', 'kind: privileges on a schema, sequence, function, procedure, type, domain and columns', 'kind: object privileges changed, back to the default, and gone with their objects', 'clause: privileges on an identity column\'s sequence granted, changed and revoked', 'clause: privileges on an identity sequence survive a table rename and an identity option change', 'views-2: view and materialized view columns renamed in the file keep their privileges and settings', 'views-2: column privileges on a foreign table granted and revoked', 'typed-period: a kept schema\'s new privileges granted in the ACL\'s order, rows kept', 'database acl: privileges on a foreign-data wrapper and a server granted, changed and revoked', 'database acl: USAGE on plpgsql revoked from PUBLIC and granted to a role, a plpgsql function kept'] },
  { label: 'FOREIGN DATA WRAPPER', treatment: 'managed', cases: ['kind: foreign data wrapper, server, user mappings and foreign table', 'kind: server and wrapper options altered in place, foreign table recreated'] },
  { label: 'SERVER', treatment: 'managed', cases: ['kind: foreign data wrapper, server, user mappings and foreign table', 'kind: server and wrapper options altered in place, foreign table recreated'] },
  { label: 'USER MAPPING', treatment: 'managed', cases: ['kind: foreign data wrapper, server, user mappings and foreign table', 'kind: server and wrapper options altered in place, foreign table recreated'] },
  { label: 'FOREIGN TABLE', treatment: 'managed', cases: ['kind: foreign data wrapper, server, user mappings and foreign table', 'kind: server and wrapper options altered in place, foreign table recreated', 'views-2: a foreign table recreated (options change) gets its column privileges back, a column renamed in the file keeps them', 'views-2: privileges on a foreign table granted, changed and revoked, and given back when it is recreated'] },
  { label: 'DEFAULT ACL', treatment: 'managed', cases: ['kind: default privileges for the applying role, another role, in a schema and database-wide', 'kind: objects created after default privileges get them', 'kind: default privileges written after the objects, as pg_dump writes them'] },
  { label: 'EVENT TRIGGER', treatment: 'managed', cases: ['kind: event triggers with tags, disabled, commented', 'kind: event trigger enabled state and tags change'] },
  { label: 'PUBLICATION', treatment: 'managed', cases: ['kind: publications of tables, schemas and all tables, commented', 'kind: publication for all tables turned into a table list', 'refused-27: a publication publishing generated columns, created and removed', 'refused-27: publish_generated_columns turned on and off in place (ALTER PUBLICATION … SET)'] },
  { label: 'PUBLICATION TABLE', treatment: 'managed', cases: ['kind: publications of tables, schemas and all tables, commented', 'kind: publication membership and options altered in place', 'kind: publication row filters created, changed and removed', 'kind: a recreated table keeps its publication membership, statistics and column privileges'] },
  { label: 'PUBLICATION TABLES IN SCHEMA', treatment: 'managed', cases: ['kind: publications of tables, schemas and all tables, commented', 'kind: publication membership and options altered in place'] },
  { label: 'SUBSCRIPTION', treatment: 'refused', sql: "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p WITH (connect = false)" },
  { label: 'SUBSCRIPTION TABLE', treatment: 'refused', sql: "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p WITH (connect = false)" },
  { label: 'COLLATION', treatment: 'managed', cases: ['kind: collations (icu, libc, FROM) used by columns, commented', 'kind: collation changed is recreated', 'clause: a collation redefined while a column, an index, a view and a check use it: the column moved off it and back'] },
  { label: 'CONVERSION', treatment: 'refused', sql: "CREATE CONVERSION cv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8" },
  { label: 'CAST', treatment: 'managed', cases: ['kind: casts with a function and inout, commented', 'kind: cast context changed is recreated, a cast removed with its function'] },
  { label: 'OPERATOR', treatment: 'carried', cases: ['carried: operators (binary with commutator, negator, estimators, HASHES/MERGES; prefix), commented, a view using one', 'carried: an operator whose function and comment change is recreated; one removed with its function'] },
  { label: 'OPERATOR CLASS', treatment: 'carried', cases: ['carried: operator classes and families (btree over built-ins, hash over a user operator and function, a family with a cross-type member), commented, an index using one', 'carried: an operator class whose members change and a family whose comment changes are recreated; a family removed with its class', 'carried: GiST, GIN, BRIN and SP-GiST operator classes with optional support functions, STORAGE, FOR SEARCH / FOR ORDER BY members, indexes using them', 'carried: a GiST class losing its distance function and ordering operator is recreated with its index'] },
  { label: 'OPERATOR FAMILY', treatment: 'carried', cases: ['gap: btree and hash operator families with loose members, a class in a family of another name, an index using it', 'gap: a loose member added to an operator family recreates it with its class and the index using it', 'carried: operator classes and families (btree over built-ins, hash over a user operator and function, a family with a cross-type member), commented, an index using one', 'carried: an operator class whose members change and a family whose comment changes are recreated; a family removed with its class'] },
  { label: 'TEXT SEARCH CONFIGURATION', treatment: 'managed', cases: ['kind: text search dictionaries and configurations (COPY, PARSER, mappings), commented', 'kind: text search mappings and dictionary options altered in place, a dictionary removed'] },
  { label: 'TEXT SEARCH DICTIONARY', treatment: 'managed', cases: ['kind: text search dictionaries and configurations (COPY, PARSER, mappings), commented', 'kind: text search mappings and dictionary options altered in place, a dictionary removed'] },
  { label: 'TEXT SEARCH PARSER', treatment: 'refused', sql: 'CREATE TEXT SEARCH PARSER tp (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype)' },
  { label: 'TEXT SEARCH TEMPLATE', treatment: 'refused', sql: 'CREATE TEXT SEARCH TEMPLATE tt (LEXIZE = dsimple_lexize)' },
  { label: 'STATISTICS', treatment: 'managed', cases: ['kind: extended statistics with kinds, expressions, a target and a comment', 'kind: statistics target altered in place, kinds changed recreate it, a column it uses changes type'] },
  { label: 'ACCESS METHOD', treatment: 'refused', sql: 'CREATE ACCESS METHOD am TYPE TABLE HANDLER heap_tableam_handler' },
  { label: 'TRANSFORM', treatment: 'refused', sql: 'CREATE TRANSFORM FOR int LANGUAGE plpgsql (FROM SQL WITH FUNCTION fs(internal), TO SQL WITH FUNCTION ts(internal))' },
  { label: 'PROCEDURAL LANGUAGE', treatment: 'refused', sql: 'CREATE LANGUAGE plx HANDLER h' },
  { label: 'SECURITY LABEL', treatment: 'refused', sql: "SECURITY LABEL FOR x ON TABLE t IS 'y'" },
  { label: 'DATABASE', treatment: 'ignored', sql: 'CREATE DATABASE d' },
  { label: 'TABLE DATA', treatment: 'ignored', sql: "INSERT INTO t VALUES (1, 'x')" },
  { label: 'LARGE OBJECT', treatment: 'ignored', sql: "SELECT pg_catalog.lo_create('16385')" },
];

const CODE = { refused: 'E_UNSUPPORTED', reported: 'W_UNMANAGED', ignored: /^W_(IGNORED|DATA)$/ } as const;

beforeAll(async () => {
  await initSchemaParser();
});

describe("pg_dump's vocabulary", () => {
  const names = new Set(ALL_CASES.map((c) => c.name));
  for (const row of VOCABULARY) {
    if ('cases' in row) {
      it(`${row.label}: ${row.treatment}, backed by acceptance cases that exist`, () => {
        expect(row.cases.length).toBeGreaterThan(0);
        for (const c of row.cases) expect(names.has(c), `acceptance case "${c}"`).toBe(true);
      });
      continue;
    }
    it(`${row.label}: ${row.treatment} (${row.treatment === 'refused' ? 'located E_UNSUPPORTED' : row.treatment === 'reported' ? 'W_UNMANAGED' : 'W_IGNORED / W_DATA'})`, () => {
      const r = checkSchema([{ file: 'kinds.sql', text: `${PRE}${row.sql};\n` }]);
      const problems = [...r.errors, ...r.warnings].filter((p) => p.location.line >= 3);
      expect(problems.length, JSON.stringify(problems)).toBeGreaterThan(0);
      const code = CODE[row.treatment];
      for (const p of problems) {
        if (typeof code === 'string') expect(p.code).toBe(code);
        else expect(p.code).toMatch(code);
        expect(p.location).toMatchObject({ file: 'kinds.sql', line: 3, column: 1 });
      }
      if (row.treatment === 'refused') {
        expect(problems[0]!.message).toMatch(/is not supported in a schema file; move it to a migration/);
        // Final whatever else the file holds: the dev database path (allowOpaque) refuses it the same way.
        const opaque = checkSchema([{ file: 'kinds.sql', text: `DO $$ BEGIN END $$;\n${PRE}${row.sql};\n` }], { allowOpaque: true });
        expect(opaque.errors.filter((p) => p.location.line >= 4).map((p) => [p.code, p.refused, p.location.line])).toEqual([['E_UNSUPPORTED', row.label.replace(/ TABLE$/, ''), 4]]);
      }
    });
  }
  it('every refused row is in the one list of refused kinds (src/parse/refused.ts)', () => {
    for (const row of VOCABULARY) if (row.treatment === 'refused') expect(REFUSED_KINDS, row.label).toContain(row.label.replace(/^SUBSCRIPTION TABLE$/, 'SUBSCRIPTION'));
  });
  it('the README lists every row with its treatment, and nothing else', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Object kinds (pg_dump\'s vocabulary)'));
    const rows = [...section.matchAll(/^\| `([A-Z ]+)` \| (managed|carried|refused|reported|ignored) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(VOCABULARY.map((r) => `${r.label} ${r.treatment}`));
  });
});

/**
 * The `Type:` labels of the archive entries `pg_dump --schema-only` writes for what `url` holds (its text output's
 * `-- Name: …; Type: …; Schema: …` headers).
 */
function dumpedKinds(url: string): Set<string> {
  const r = spawnSync(pgDumpProgram(), ['--schema-only', url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pg_dump failed: ${r.stderr}`);
  return new Set([...r.stdout.matchAll(/^-- (?:Data for )?Name: .*?; Type: ([A-Z ]+); Schema: /gm)].map((m) => m[1]!));
}

/**
 * Each row against pg_dump itself (servers: pg_dump reads a server): a managed or carried row's acceptance cases
 * build, on PostgreSQL, a database whose dump holds an entry of the row's kind (so the acceptance runs of those
 * cases, old ↔ new on PGlite and PostgreSQL judged by pg_dump, prove the row); a refused or ignored row's statement
 * is one PostgreSQL runs, and (schema kinds) pg_dump writes it as an entry of the row's kind.
 */
describeEachDatabase("pg_dump's vocabulary, proved by pg_dump", (t) => {
  /** Refused rows whose statement PostgreSQL cannot run here, with the reason. */
  const NOT_RUN: Readonly<Record<string, string>> = {
    'SECURITY LABEL': 'needs a label provider (a loaded module such as sepgsql)',
    'SUBSCRIPTION TABLE': 'PostgreSQL 17+ dumps a subscription\'s tables (binary upgrade only)',
    DATABASE: 'CREATE DATABASE cannot run in the test database',
  };
  /** pg_dump's label for the row's statement where it is not the row's own. */
  const DUMPED_AS: Readonly<Record<string, string | null>> = {
    // a lone shell type (no I/O functions yet) is written as a TYPE; SHELL TYPE is the entry of a base type's shell
    'SHELL TYPE': 'TYPE',
    // the rows of tables are data (not in --schema-only), the sequence's value and large objects are
    'TABLE DATA': null,
  };
  const major = async () => Math.floor((await t.db.serverVersion()) / 10000);
  for (const row of VOCABULARY) {
    if ('cases' in row) {
      it(`${row.label}: an acceptance case of the row holds one (pg_dump entry "Type: ${row.label}")`, async () => {
        const tried: string[] = [];
        for (const name of row.cases) {
          const c = ALL_CASES.find((x) => x.name === name)!;
          if (c.minServer && c.minServer.major > (await major())) continue;
          for (const [side, sql] of [['new', c.new], ['old', c.old]] as const) {
            await t.reset();
            for (const s of sql) await t.db.exec(s);
            const kinds = dumpedKinds(t.url!);
            if (kinds.has(row.label)) return;
            tried.push(`${name} (${side}): ${[...kinds].sort().join(', ')}`);
          }
        }
        expect.fail(`no case of ${row.label} holds one:\n${tried.join('\n')}`);
      });
      continue;
    }
    if (NOT_RUN[row.label]) {
      it.skip(`${row.label}: ${NOT_RUN[row.label]}`, () => undefined);
      continue;
    }
    it(`${row.label}: the ${row.treatment} statement is one PostgreSQL runs, dumped as its kind`, async () => {
      await t.db.exec(PRE);
      await t.db.exec(row.sql);
      const label = row.label in DUMPED_AS ? DUMPED_AS[row.label] : row.label;
      if (label === null || label === 'SEQUENCE SET' || label === 'LARGE OBJECT') return;
      try {
        expect([...dumpedKinds(t.url!)]).toContain(label);
      } finally {
        // (a subscription is not the database's schema: the reset leaves it, and it keeps the database from being dropped)
        if (row.label === 'SUBSCRIPTION') await t.db.exec('ALTER SUBSCRIPTION s SET (slot_name = NONE); DROP SUBSCRIPTION s');
      }
    });
  }
}, { pglite: false });
