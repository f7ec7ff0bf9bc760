CREATE TYPE "color" AS ENUM ('black', 'white');
CREATE TABLE "Book" (id serial PRIMARY KEY, color color NOT NULL DEFAULT 'black');
