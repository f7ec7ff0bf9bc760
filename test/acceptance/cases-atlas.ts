/**
 * Acceptance cases for the constraint SQL written as Atlas writes it (issue #21): foreign keys with both
 * actions spelled out, unique constraints kept as constraints, keys on a new table's unique index. The
 * shapes come from Atlas's PostgreSQL testscripts (foreign-key, foreign-key-action, index-unique-constraint);
 * names and data are ours. pg_dump of the result must equal the desired state, so the spelling never
 * changes what PostgreSQL stores.
 */
import type { AcceptanceCase } from './harness.js';

export const ATLAS_CASES: AcceptanceCase[] = [
  {
    name: 'atlas: foreign keys spell both actions (CASCADE, SET NULL, and the default NO ACTION)',
    old: ['CREATE TABLE owner (id text PRIMARY KEY)', 'CREATE TABLE pet (id text PRIMARY KEY, owner_id text)', 'CREATE TABLE toy (id text PRIMARY KEY, owner_id text)'],
    new: [
      'CREATE TABLE owner (id text PRIMARY KEY)',
      'CREATE TABLE pet (id text PRIMARY KEY, owner_id text, CONSTRAINT pet_owner FOREIGN KEY (owner_id) REFERENCES owner (id) ON DELETE CASCADE ON UPDATE CASCADE)',
      'CREATE TABLE toy (id text PRIMARY KEY, owner_id text, CONSTRAINT toy_owner FOREIGN KEY (owner_id) REFERENCES owner (id))',
      'CREATE TABLE bowl (id text PRIMARY KEY, owner_id text REFERENCES owner ON DELETE SET NULL)',
    ],
    seed: "INSERT INTO owner VALUES ('o1'); INSERT INTO pet VALUES ('p1', 'o1'); INSERT INTO toy VALUES ('t1', 'o1')",
    keeps: 'SELECT p.id, t.id FROM pet p JOIN toy t USING (owner_id)',
    expectedSql: [
      '("owner_id") REFERENCES "public"."owner" ("id") ON UPDATE CASCADE ON DELETE CASCADE',
      'ADD CONSTRAINT "toy_owner" FOREIGN KEY ("owner_id") REFERENCES "public"."owner" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION',
      'CONSTRAINT "bowl_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "public"."owner" ("id") ON UPDATE NO ACTION ON DELETE SET NULL)',
    ],
  },
  {
    name: 'atlas: a changed action drops and adds the key again',
    old: ['CREATE TABLE owner (id int PRIMARY KEY)', 'CREATE TABLE pet (id int, owner_id int REFERENCES owner ON DELETE RESTRICT)'],
    new: ['CREATE TABLE owner (id int PRIMARY KEY)', 'CREATE TABLE pet (id int, owner_id int REFERENCES owner ON UPDATE SET DEFAULT)'],
    seed: 'INSERT INTO owner VALUES (1); INSERT INTO pet VALUES (10, 1)',
    keeps: 'SELECT id, owner_id FROM pet',
    expectedSql: ['DROP CONSTRAINT "pet_owner_id_fkey"', 'ADD CONSTRAINT "pet_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "public"."owner" ("id") ON UPDATE SET DEFAULT ON DELETE NO ACTION'],
  },
  {
    name: 'atlas: MATCH FULL, ON DELETE SET NULL (column) and DEFERRABLE are kept around the actions',
    old: ['CREATE TABLE parent (id int, k int, PRIMARY KEY (id, k))', 'CREATE TABLE child (id int, parent_id int, k int)'],
    new: [
      'CREATE TABLE parent (id int, k int, PRIMARY KEY (id, k))',
      'CREATE TABLE child (id int, parent_id int, k int, CONSTRAINT child_parent FOREIGN KEY (parent_id, k) REFERENCES parent MATCH FULL ON DELETE SET NULL (parent_id) DEFERRABLE INITIALLY DEFERRED)',
    ],
    seed: 'INSERT INTO parent VALUES (1, 1); INSERT INTO child VALUES (5, 1, 1)',
    keeps: 'SELECT id, parent_id, k FROM child',
    expectedSql: ['FOREIGN KEY ("parent_id", "k") REFERENCES "public"."parent" ("id", "k") MATCH FULL ON UPDATE NO ACTION ON DELETE SET NULL ("parent_id") DEFERRABLE INITIALLY DEFERRED'],
  },
  {
    name: 'atlas: UNIQUE declared as a constraint stays a constraint (CREATE TABLE and ADD CONSTRAINT), NULLS NOT DISTINCT and INCLUDE kept',
    old: ['CREATE TABLE member (name text, last text, nickname text)'],
    new: [
      'CREATE TABLE member (name text, last text, nickname text UNIQUE, UNIQUE (name, last))',
      'CREATE TABLE badge (code text, holder text, CONSTRAINT badge_code UNIQUE NULLS NOT DISTINCT (code) INCLUDE (holder))',
    ],
    seed: "INSERT INTO member VALUES ('ada', 'l', 'al'), ('bo', 'k', NULL)",
    keeps: 'SELECT name, last, nickname FROM member ORDER BY 1',
    expectedSql: [
      'ADD CONSTRAINT "member_name_last_key" UNIQUE ("name", "last")',
      'ADD CONSTRAINT "member_nickname_key" UNIQUE ("nickname")',
      'CONSTRAINT "badge_code" UNIQUE NULLS NOT DISTINCT ("code") INCLUDE ("holder"))',
    ],
  },
  {
    name: 'atlas: a unique index becomes a unique constraint of the same name (and back)',
    old: ['CREATE TABLE member (id int, nickname text)', 'CREATE UNIQUE INDEX member_nick ON member (nickname)'],
    new: ['CREATE TABLE member (id int, nickname text, CONSTRAINT member_nick UNIQUE (nickname))'],
    seed: "INSERT INTO member VALUES (1, 'a'), (2, NULL)",
    keeps: 'SELECT id, nickname FROM member ORDER BY 1',
    expectedSql: ['ADD CONSTRAINT "member_nick" UNIQUE ("nickname")'],
  },
  {
    name: 'atlas: two composite foreign keys to a new table\'s unique index (foreign-key testscript)',
    old: [],
    new: [
      'CREATE TABLE t1 (c1 int PRIMARY KEY, c2 int, c3 int)',
      'CREATE UNIQUE INDEX t1_c2_c3_idx ON t1 (c2, c3)',
      'CREATE TABLE t2 (c1 int PRIMARY KEY, c2 int, c3 int, CONSTRAINT c2_c3_1 FOREIGN KEY (c2, c3) REFERENCES t1 (c2, c3), CONSTRAINT c2_c3_2 FOREIGN KEY (c2, c3) REFERENCES t1 (c2, c3))',
    ],
    expectedSql: ['CONSTRAINT "c2_c3_1" FOREIGN KEY ("c2", "c3") REFERENCES "public"."t1" ("c2", "c3") ON UPDATE NO ACTION ON DELETE NO ACTION'],
  },
];
