CREATE TYPE color AS ENUM ('black', 'white');
CREATE TABLE "User" (id serial PRIMARY KEY, color color NOT NULL);
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
