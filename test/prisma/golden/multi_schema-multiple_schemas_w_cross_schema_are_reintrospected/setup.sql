CREATE SCHEMA first;
CREATE TABLE first."A" (id text PRIMARY KEY);
CREATE SCHEMA second;
CREATE TABLE second."B" (id text PRIMARY KEY, fk text REFERENCES first."A" (id));
