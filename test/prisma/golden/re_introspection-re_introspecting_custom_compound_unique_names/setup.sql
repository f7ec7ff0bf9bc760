CREATE TABLE "User" (id serial PRIMARY KEY, first int NOT NULL, last int NOT NULL, CONSTRAINT "User.something@invalid-and/weird" UNIQUE (first, last));
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
