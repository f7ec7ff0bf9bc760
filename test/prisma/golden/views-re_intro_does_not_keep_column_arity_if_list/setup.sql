CREATE TABLE "User" (id serial PRIMARY KEY, val int[] NOT NULL);
CREATE VIEW "Schwuser" AS SELECT id, val FROM "User";
