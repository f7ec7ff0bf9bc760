CREATE TABLE "_User" (id serial, CONSTRAINT "_User_pkey" PRIMARY KEY (id));
CREATE TABLE "Unrelated" (id serial, CONSTRAINT "Unrelated_pkey" PRIMARY KEY (id));
