/**
 * Acceptance cases of hunt 15b (test/corpus-ext/MANIFEST.md): hand-written SQL migration histories of real products.
 * Each runs both directions on PGlite and PostgreSQL and is judged by pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

const kept = 'CREATE TABLE h15b_notes (id int PRIMARY KEY, body text)';
const seed = "INSERT INTO h15b_notes VALUES (1, 'a'), (2, 'b')";
const keepsNotes = 'SELECT id, body FROM h15b_notes ORDER BY id';

export const HUNT_15B_CASES: AcceptanceCase[] = [
  // ory/hydra's history: an unnamed CHECK over several columns goes with a column the migration drops, and the
  // CHECK added again unnamed is `hydra_oauth2_flow_check` once more (PostgreSQL chooses a name no constraint of
  // the schema has); a later migration drops it by that name. The fold kept the dropped check's name taken, named
  // the new one `…_check1`, and refused the later DROP CONSTRAINT (E_UNKNOWN).
  {
    name: 'hunt-15b: a constraint dropped with its column frees its name for the next unnamed one',
    old: [kept, 'CREATE TABLE h15b_flow (state int, a int, b int, c int, CHECK (state = 1 OR (a IS NOT NULL AND b IS NOT NULL)))'],
    new: [kept, 'CREATE TABLE h15b_flow (state int, a int, b int, c int, CHECK (state = 1 OR (a IS NOT NULL AND b IS NOT NULL)))',
      'ALTER TABLE h15b_flow DROP COLUMN b', 'ALTER TABLE h15b_flow ADD CHECK (state = 1 OR (a IS NOT NULL AND c IS NOT NULL))',
      'ALTER TABLE h15b_flow DROP CONSTRAINT h15b_flow_check', 'ALTER TABLE h15b_flow ADD CHECK (state = 2 OR (a IS NOT NULL AND c IS NOT NULL))'],
    seed: `${seed}; INSERT INTO h15b_flow VALUES (1, 1, 1, 1)`,
    keeps: keepsNotes,
  },
  // The same for a unique key dropped with its column: its constraint name and its index's relation name are free.
  {
    name: "hunt-15b: a unique key dropped with its column frees its constraint and index name",
    old: [kept, 'CREATE TABLE h15b_u (a int UNIQUE, b int, CONSTRAINT h15b_u_pair UNIQUE (a, b))'],
    new: [kept, 'CREATE TABLE h15b_u (a int UNIQUE, b int, CONSTRAINT h15b_u_pair UNIQUE (a, b))', 'ALTER TABLE h15b_u DROP COLUMN a',
      'CREATE TABLE h15b_u_a_key (x int)', 'ALTER TABLE h15b_u ADD CONSTRAINT h15b_u_pair UNIQUE (b)'],
    seed: `${seed}; INSERT INTO h15b_u VALUES (1, 1)`,
    keeps: keepsNotes,
  },
  // logto's CHECK calls the file's own function declared `VARIADIC target_type application_type[]`; PostgreSQL
  // stores the call with its trailing arguments merged, `f(id, VARIADIC ARRAY['SAML'::application_type])`. The fold
  // merged them only for built-in functions, so parse != inspect and every plan dropped and re-added the check.
  {
    name: 'hunt-15b: a CHECK calling the file\'s own VARIADIC function is stored with its arguments merged',
    old: [kept, "CREATE TYPE h15b_kind AS ENUM ('SAML', 'OIDC')", 'CREATE TABLE h15b_apps (id varchar(21) PRIMARY KEY, kind h15b_kind NOT NULL)'],
    new: [kept, "CREATE TYPE h15b_kind AS ENUM ('SAML', 'OIDC')", 'CREATE TABLE h15b_apps (id varchar(21) PRIMARY KEY, kind h15b_kind NOT NULL)',
      "CREATE FUNCTION h15b_is_kind(app_id varchar, VARIADIC kinds h15b_kind[]) RETURNS boolean LANGUAGE sql AS 'SELECT true'",
      'CREATE FUNCTION h15b_all(VARIADIC x text[]) RETURNS boolean LANGUAGE sql AS \'SELECT true\'',
      "CREATE TABLE h15b_saml (app_id varchar(21) PRIMARY KEY, CHECK (h15b_is_kind(app_id, 'SAML')), CHECK (h15b_is_kind(app_id, 'SAML', 'OIDC')), CHECK (h15b_all(app_id, 'x')))"],
    seed: `${seed}; INSERT INTO h15b_apps VALUES ('a1', 'SAML')`,
    keeps: keepsNotes,
  },
];
