CREATE TABLE "User" (id serial NOT NULL, first int NOT NULL, last int NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY (id));
CREATE UNIQUE INDEX compound ON "User" (first, last);
CREATE TABLE "Unrelated" (id serial NOT NULL, CONSTRAINT "Unrelated_pkey" PRIMARY KEY (id));
