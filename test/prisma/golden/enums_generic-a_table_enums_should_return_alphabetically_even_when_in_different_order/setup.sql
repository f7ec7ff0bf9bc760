CREATE TYPE "color2" AS ENUM ('black2', 'white2');
CREATE TYPE "color" AS ENUM ('black', 'white');
CREATE TABLE "Book" (id serial PRIMARY KEY, color color NOT NULL, color2 color2 NOT NULL);
