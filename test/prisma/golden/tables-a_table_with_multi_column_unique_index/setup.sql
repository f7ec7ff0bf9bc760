CREATE TABLE "User" (id serial NOT NULL, firstname integer NOT NULL, lastname integer NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY (id));
CREATE UNIQUE INDEX test ON "User" (firstname, lastname);
