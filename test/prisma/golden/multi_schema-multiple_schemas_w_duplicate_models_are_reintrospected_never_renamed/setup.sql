CREATE SCHEMA first;
CREATE TABLE first."HappyPerson" (id serial PRIMARY KEY);
CREATE SCHEMA second;
CREATE TABLE second."HappyPerson" (id serial PRIMARY KEY);
