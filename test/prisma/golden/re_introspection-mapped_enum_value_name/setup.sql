CREATE TYPE color AS ENUM ('black', 'white');
CREATE TABLE "User" (id serial PRIMARY KEY, color color NOT NULL DEFAULT 'black');
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
