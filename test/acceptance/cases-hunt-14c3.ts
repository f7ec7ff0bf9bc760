/**
 * Acceptance cases of hunt 14c's two leftovers (test/corpus-ext/MANIFEST.md, hunt 14c3). Each runs both directions
 * on PGlite and PostgreSQL and is judged by pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

const kept = 'CREATE TABLE h14c3_notes (id int PRIMARY KEY, body text)';
const seed = "INSERT INTO h14c3_notes VALUES (1, 'a'), (2, 'b')";
const keepsNotes = 'SELECT id, body FROM h14c3_notes ORDER BY id';

export const HUNT_14C3_CASES: AcceptanceCase[] = [
  // `numeric(10,2)[] DEFAULT NULL` is stored (the length coercion wraps the NULL); retyped to `numeric[]`, PostgreSQL
  // strips the coercion and stores the bare `NULL::numeric[]` constant, which no CREATE or SET DEFAULT stores (a bare
  // NULL of the column's type is dropped) and pg_dump prints. The fold kept `DEFAULT NULL` as written and every plan
  // set it again: `SET DEFAULT NULL` drops the stored default, so the retype's default was lost and re-planned.
  {
    name: 'hunt-14c3: a DEFAULT NULL retyped to the same type without its modifier stays as PostgreSQL stores it',
    old: [kept, 'CREATE TABLE h14c3_prices (id int PRIMARY KEY, n numeric(10,2)[] DEFAULT NULL, v varchar(10)[] DEFAULT NULL, at timestamp(3) DEFAULT NULL, label text)'],
    new: [kept, 'CREATE TABLE h14c3_prices (id int PRIMARY KEY, n numeric(10,2)[] DEFAULT NULL, v varchar(10)[] DEFAULT NULL, at timestamp(3) DEFAULT NULL, label text)',
      'ALTER TABLE h14c3_prices ALTER COLUMN n TYPE numeric[]', 'ALTER TABLE h14c3_prices ALTER COLUMN v TYPE varchar[]',
      'ALTER TABLE h14c3_prices ALTER COLUMN at TYPE timestamp'],
    seed: `${seed}; INSERT INTO h14c3_prices (id, n, v) VALUES (1, '{1.25}', '{a}')`,
    keeps: keepsNotes,
  },
  // A sequence named as text (`nextval('public.s'::text)`) is looked up at each call: renaming the sequence leaves
  // the default's text as it was (pg_dump: `nextval(('public.h14c3_s'::text)::regclass)`), while the regclass form
  // follows the sequence by OID. The fold rewrote both on `ALTER SEQUENCE … RENAME`.
  {
    name: "hunt-14c3: renaming a sequence leaves a default naming it as text (nextval('public.s'::text)) as written",
    old: [kept, 'CREATE SEQUENCE h14c3_s', "CREATE TABLE h14c3_users (id bigint DEFAULT nextval('public.h14c3_s'::text) PRIMARY KEY, n bigint DEFAULT nextval('h14c3_s'::regclass), m bigint DEFAULT nextval('h14c3_s'))"],
    new: [kept, 'CREATE SEQUENCE h14c3_s', "CREATE TABLE h14c3_users (id bigint DEFAULT nextval('public.h14c3_s'::text) PRIMARY KEY, n bigint DEFAULT nextval('h14c3_s'::regclass), m bigint DEFAULT nextval('h14c3_s'))",
      'ALTER SEQUENCE h14c3_s RENAME TO h14c3_s2', 'CREATE SEQUENCE h14c3_s START 100'],
    seed: `${seed}; INSERT INTO h14c3_users (id) VALUES (1)`,
    keeps: keepsNotes,
  },
];
