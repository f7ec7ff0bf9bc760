CREATE TABLE "User" (a integer NOT NULL, b integer NOT NULL, id serial NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY (id));
CREATE INDEX test ON "User" (a, b);
