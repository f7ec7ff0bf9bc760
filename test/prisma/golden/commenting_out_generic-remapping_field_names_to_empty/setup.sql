CREATE TABLE "User" ("1" text NOT NULL, last serial NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY (last));
