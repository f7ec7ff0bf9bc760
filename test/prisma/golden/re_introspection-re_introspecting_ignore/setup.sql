CREATE TABLE "User" (id serial, test int NULL, CONSTRAINT "User_pkey" PRIMARY KEY (id));
CREATE TABLE "Ignored" (id serial, test int NULL, CONSTRAINT "Ignored_pkey" PRIMARY KEY (id));
CREATE TABLE "Unrelated" (id serial, CONSTRAINT "Unrelated_pkey" PRIMARY KEY (id));
