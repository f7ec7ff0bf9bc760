/**
 * Constants, part 3 (issue #27): constants of extensions' types, and a view's column list over a USING join.
 *
 * PostgreSQL stores a constant as its value and prints it with its type's output function: cube's `'(1,2)'` is
 * `'(1, 2)'`, hstore's `'a=>1'` is `'"a"=>"1"'`, seg's `'1..2'` is `'1 .. 2'`, isn's `'9780393040029'::isbn13` is
 * `'978-0-393-04002-9'`. The native fold does not know those functions: it names such constants
 * (src/parse/undecided-constants.ts) and the workflow builds that state on the dev database, so a schema applied once
 * plans nothing again. Before, the round trip (parse = inspect) of these cases failed and `schema apply` planned the
 * defaults, checks, index predicates and views of such a file again on every run. Each runs both directions on PGlite
 * and PostgreSQL, judged by pg_dump (harness.ts); PGlite ships every extension used here.
 */
import type { AcceptanceCase } from './harness.js';

const EXTENSIONS = ['CREATE EXTENSION cube', 'CREATE EXTENSION hstore', 'CREATE EXTENSION ltree', 'CREATE EXTENSION seg', 'CREATE EXTENSION isn', 'CREATE EXTENSION citext'];
const SEED = "INSERT INTO shapes (id) VALUES (1), (2)";
const KEEPS = [{ tables: ['shapes'], query: 'SELECT id FROM shapes ORDER BY id' }];

export const CONSTANT_3_CASES: AcceptanceCase[] = [
  {
    name: 'constants 3: constants of extensions\' types (cube, hstore, ltree, seg, isn, citext) in defaults, checks, an index predicate and views',
    old: [
      ...EXTENSIONS,
      "CREATE TABLE shapes (id int PRIMARY KEY, box cube DEFAULT '(1,2)', attrs hstore DEFAULT 'a=>1', path ltree DEFAULT 'top.a', span seg DEFAULT '1..2', " +
        "book isbn13 DEFAULT '9780393040029', email citext DEFAULT 'A@B', CONSTRAINT box_not CHECK (box <> '(3,4)'::cube), CONSTRAINT attrs_not CHECK (attrs <> 'b=>2'::hstore))",
      "CREATE INDEX shapes_small ON shapes (id) WHERE box <> '(5,6)'::cube AND span <> '3..4'::seg",
      "CREATE VIEW shape_flags AS SELECT id, box = '(7,8)'::cube AS is78, attrs = 'k=>v'::hstore AS kv, book = '9780393040029'::isbn13 AS the_book FROM shapes",
    ],
    new: [
      ...EXTENSIONS,
      "CREATE TABLE shapes (id int PRIMARY KEY, box cube DEFAULT '(1,3)', attrs hstore DEFAULT 'a=>2,b=>3', path ltree DEFAULT 'top.b', span seg DEFAULT '1..3', " +
        "book isbn13 DEFAULT '9780262033848', email citext DEFAULT 'C@D', CONSTRAINT box_not CHECK (box <> '(3,5)'::cube), CONSTRAINT attrs_not CHECK (attrs <> 'b=>3'::hstore))",
      "CREATE INDEX shapes_small ON shapes (id) WHERE box <> '(5,7)'::cube AND span <> '3..5'::seg",
      "CREATE VIEW shape_flags AS SELECT id, box = '(7,9)'::cube AS is78, attrs = 'k=>w'::hstore AS kv, book = '9780262033848'::isbn13 AS the_book FROM shapes",
    ],
    seed: SEED,
    seedBack: SEED,
    keepsTables: KEEPS,
  },
  {
    name: 'constants 3: an extension\'s constants added to and removed from a table that has none',
    old: [...EXTENSIONS, 'CREATE TABLE shapes (id int PRIMARY KEY, box cube, attrs hstore)'],
    new: [
      ...EXTENSIONS,
      "CREATE TABLE shapes (id int PRIMARY KEY, box cube DEFAULT '( 0 , 0 )', attrs hstore DEFAULT '\"x\" => \"1\"', CONSTRAINT unit CHECK (box <> '(1,1),(2,2)'::cube))",
      "CREATE VIEW unit_boxes AS SELECT id FROM shapes WHERE box = '(0,0),(1,1)'::cube",
    ],
    seed: SEED,
    seedBack: SEED,
    keepsTables: KEEPS,
  },
  {
    // An untyped literal beside a column of an extension's type, under an operator over two of it (cube's `<>`,
    // hstore's `@>`, ltree's `<@`), is read as that type and printed by its output function.
    name: 'constants 3: untyped literals beside columns of extensions\' types in a CHECK and a view',
    old: [...EXTENSIONS, "CREATE TABLE shapes (id int PRIMARY KEY, box cube, attrs hstore, path ltree, CONSTRAINT box_not CHECK (box <> '(3,4)'))",
      "CREATE VIEW tagged AS SELECT id FROM shapes WHERE attrs @> 'k=>v' AND path <@ 'top'"],
    new: [...EXTENSIONS, "CREATE TABLE shapes (id int PRIMARY KEY, box cube, attrs hstore, path ltree, CONSTRAINT box_not CHECK (box <> '(3,5)'))",
      "CREATE VIEW tagged AS SELECT id FROM shapes WHERE attrs @> 'k=>w' AND path <@ 'top'"],
    seed: SEED,
    seedBack: SEED,
    keepsTables: KEEPS,
  },
  {
    name: 'constants 3: a view with a column list over a USING join, its merged column and aliased ones',
    old: [
      'CREATE TABLE owners (id int PRIMARY KEY, name text)',
      'CREATE TABLE pets (pid int PRIMARY KEY, id int REFERENCES owners, name text)',
      'CREATE VIEW owner_pets (owner_id, owner_name) AS SELECT * FROM owners JOIN pets USING (id)',
    ],
    new: [
      'CREATE TABLE owners (id int PRIMARY KEY, name text)',
      'CREATE TABLE pets (pid int PRIMARY KEY, id int REFERENCES owners, name text)',
      'CREATE VIEW owner_pets (owner_id, owner_name, pet_id) AS SELECT * FROM owners JOIN pets USING (id)',
      'CREATE VIEW pet_names (key, label) AS SELECT id, p.name FROM owners o JOIN pets p USING (id) NATURAL JOIN (SELECT 1 AS pid) AS one',
    ],
    seed: "INSERT INTO owners VALUES (1, 'ada'); INSERT INTO pets VALUES (1, 1, 'rex')",
    seedBack: "INSERT INTO owners VALUES (1, 'ada'); INSERT INTO pets VALUES (1, 1, 'rex')",
    keepsTables: [{ tables: ['owners'], query: 'SELECT * FROM owners ORDER BY id' }],
  },
];
