CREATE TYPE "invalid" AS ENUM ('@', '-');
CREATE TABLE "User" (id serial PRIMARY KEY, sign "invalid" NOT NULL);
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
