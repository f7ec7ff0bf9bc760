CREATE TABLE "Test" (id integer NOT NULL, "authorId" serial NOT NULL, CONSTRAINT "Test_pkey" PRIMARY KEY (id), CONSTRAINT "Test_authorId_key" UNIQUE ("authorId"));
