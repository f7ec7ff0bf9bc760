CREATE TABLE "User" (id serial NOT NULL, requiredname integer NOT NULL, optionalname integer NULL, CONSTRAINT "User_pkey" PRIMARY KEY (id));
