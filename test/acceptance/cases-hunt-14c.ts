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
];
