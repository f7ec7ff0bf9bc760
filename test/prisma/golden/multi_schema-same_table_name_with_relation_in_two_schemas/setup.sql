CREATE SCHEMA first;
CREATE SCHEMA second_schema;
CREATE TABLE first.tbl (id serial PRIMARY KEY);
CREATE TABLE second_schema.tbl (id serial PRIMARY KEY, fst int REFERENCES first.tbl (id));
