/**
 * Acceptance cases of hunt 14c (test/corpus-ext/MANIFEST.md: public schemas of ten products not tried before;
 * facts only, the cases are written anew). Each runs both directions on PGlite and PostgreSQL and is judged by
 * pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

const kept = 'CREATE TABLE h14c_notes (id int PRIMARY KEY, body text)';
const seed = "INSERT INTO h14c_notes VALUES (1, 'a'), (2, 'b')";
const keepsNotes = 'SELECT id, body FROM h14c_notes ORDER BY id';

/**
 * ISC Kea's cumulative PostgreSQL script declares `client_class VARCHAR(128) DEFAULT NULL` and later retypes it
 * (`ALTER COLUMN … TYPE TEXT`). PostgreSQL stores that DEFAULT NULL (the length coercion wraps it) and keeps it
 * through the retype, cast to the old type: pg_dump shows `text DEFAULT NULL::character varying`. The fold kept a
 * bare `DEFAULT NULL`, which PostgreSQL does not store on a text column, so every plan set it again (never
 * converged) and a database built from the file lacked it.
 */
export const HUNT_14C_CASES: AcceptanceCase[] = [
  {
    name: 'hunt-14c: a stored DEFAULT NULL keeps its old type through ALTER COLUMN … TYPE',
    old: [kept, 'CREATE TABLE h14c_pools (id int PRIMARY KEY, classes text)'],
    new: [kept, 'CREATE TABLE h14c_pools (id int PRIMARY KEY, classes varchar(128) DEFAULT NULL, tag varchar(10) DEFAULT NULL, n numeric(10,2)[] DEFAULT NULL)',
      'ALTER TABLE h14c_pools ALTER COLUMN classes TYPE text', 'ALTER TABLE h14c_pools ALTER COLUMN tag TYPE varchar(20)',
      'ALTER TABLE h14c_pools ALTER COLUMN n TYPE numeric(12,2)[]'],
    seed: `${seed}; INSERT INTO h14c_pools (id) VALUES (1)`,
    keeps: keepsNotes,
  },
  // Kea's script also creates a table and two foreign keys inside a plpgsql function it calls with a top-level
  // `SELECT f();` and then drops: the fold took the SELECT for data (W_DATA) and the desired state lacked them. A
  // SELECT of a procedural function of the file now goes to the dev database, as a CALL or a DO block does.
  {
    name: 'hunt-14c: a top-level SELECT of a plpgsql function of the file that creates a table and a foreign key',
    old: [kept, 'CREATE TABLE h14c_defs (id int PRIMARY KEY, type smallint NOT NULL)'],
    new: [kept, 'CREATE TABLE h14c_defs (id int PRIMARY KEY, type smallint NOT NULL)',
      `CREATE FUNCTION h14c_setup() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  CREATE TABLE h14c_types (id smallint PRIMARY KEY, name varchar(32) NOT NULL);
  INSERT INTO h14c_types VALUES (0, 'empty'), (1, 'binary');
  ALTER TABLE h14c_defs ADD CONSTRAINT h14c_defs_type_fk FOREIGN KEY (type) REFERENCES h14c_types (id);
  RETURN 'done';
END $$`,
      'SELECT h14c_setup()', 'DROP FUNCTION h14c_setup()'],
    seed,
    keeps: keepsNotes,
  },
  // Roundcube's schema names each key's sequence as text (`DEFAULT nextval('users_seq'::text)`): PostgreSQL looks
  // the name up at each call and stores `nextval(('users_seq'::text)::regclass)`, with no dependency on the sequence.
  // The fold bound it to the sequence (`nextval('public.users_seq'::regclass)`), which pg_dump shows otherwise.
  {
    name: "hunt-14c: a sequence named as text in a column default (nextval('s'::text)) stays looked up at each call",
    old: [kept, 'CREATE SEQUENCE h14c_users_seq', 'CREATE TABLE h14c_users (user_id integer PRIMARY KEY, name text)'],
    new: [kept, 'CREATE SEQUENCE h14c_users_seq',
      "CREATE TABLE h14c_users (user_id integer DEFAULT nextval('h14c_users_seq'::text) PRIMARY KEY, name text, n bigint DEFAULT nextval('h14c_users_seq'))"],
    seed: `${seed}; INSERT INTO h14c_users (user_id, name) VALUES (1, 'a')`,
    keeps: keepsNotes,
  },
];
