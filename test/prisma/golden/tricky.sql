-- Tricky tables for prisma pull: self-relation, two FKs to one table, composite PK/FK,
-- enum arrays with a default, quoted and reserved names, a view without a key, a one-to-one.
CREATE SCHEMA tricky;
CREATE TYPE tricky.role AS ENUM ('admin', 'member', 'read-only');
CREATE TABLE tricky.person (id serial PRIMARY KEY, manager_id int REFERENCES tricky.person(id) ON DELETE SET NULL, roles tricky.role[] NOT NULL DEFAULT '{member}', "Display Name" text, email varchar(320) UNIQUE);
CREATE TABLE tricky.transfer (id bigserial PRIMARY KEY, from_id int NOT NULL REFERENCES tricky.person(id), to_id int NOT NULL REFERENCES tricky.person(id), amount numeric(12,2) NOT NULL CHECK (amount > 0), at timestamptz NOT NULL DEFAULT now());
CREATE TABLE tricky.team (org int, code text, name text NOT NULL, PRIMARY KEY (org, code));
CREATE TABLE tricky.membership (org int, code text, person_id int REFERENCES tricky.person(id) ON DELETE CASCADE, PRIMARY KEY (org, code, person_id), FOREIGN KEY (org, code) REFERENCES tricky.team(org, code) ON UPDATE CASCADE);
CREATE TABLE tricky."Order" ("ID" uuid PRIMARY KEY DEFAULT gen_random_uuid(), "user" int REFERENCES tricky.person(id), "select" boolean NOT NULL DEFAULT false);
CREATE INDEX ON tricky.transfer (from_id, at DESC);
CREATE VIEW tricky.person_totals AS SELECT p.id, sum(t.amount) AS total FROM tricky.person p LEFT JOIN tricky.transfer t ON t.from_id = p.id GROUP BY p.id;
CREATE TABLE tricky.profile (person_id int PRIMARY KEY REFERENCES tricky.person(id), bio text);
