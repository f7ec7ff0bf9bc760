CREATE TYPE _color AS ENUM ('black', 'white');
CREATE TABLE "User" (id serial PRIMARY KEY, color _color NOT NULL);
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
