CREATE TABLE "User" (id serial, _test int NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY (id));
CREATE TABLE "Unrelated" (id serial, CONSTRAINT "Unrelated_pkey" PRIMARY KEY (id));
