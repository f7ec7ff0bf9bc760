CREATE TYPE color AS ENUM ('_black', 'white');
CREATE TABLE "User" (id serial PRIMARY KEY, color color NOT NULL DEFAULT '_black');
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
