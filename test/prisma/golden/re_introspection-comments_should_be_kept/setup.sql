CREATE TYPE a AS ENUM ('A');
CREATE TABLE "User" (id serial PRIMARY KEY);
CREATE TABLE "User2" (id serial PRIMARY KEY);
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
