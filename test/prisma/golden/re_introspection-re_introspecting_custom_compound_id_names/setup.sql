CREATE TABLE "User" (first int NOT NULL, last int NOT NULL, CONSTRAINT "User.something@invalid-and/weird" PRIMARY KEY (first, last));
CREATE TABLE "User2" (first int NOT NULL, last int NOT NULL, CONSTRAINT "User2_pkey" PRIMARY KEY (first, last));
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
