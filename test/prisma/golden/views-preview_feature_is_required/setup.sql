CREATE TABLE "User" (
  id serial PRIMARY KEY,
  first_name varchar(255) NOT NULL,
  last_name varchar(255) NULL
);
CREATE VIEW "Schwuser" AS SELECT id, first_name, last_name FROM "User";
