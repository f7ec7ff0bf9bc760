CREATE TYPE "color" AS ENUM ('black', '');
CREATE TABLE "Book" (id SERIAL PRIMARY KEY, color color NOT NULL DEFAULT '');
