CREATE TYPE "color" AS ENUM ('black','white');
CREATE TABLE "Book" (id SERIAL PRIMARY KEY, color color[] NOT NULL);
