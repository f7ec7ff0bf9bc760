CREATE TABLE "Blog" (id serial NOT NULL, "authorId" integer NOT NULL, CONSTRAINT "Blog_pkey" PRIMARY KEY (id));
CREATE UNIQUE INDEX test ON "Blog" ("authorId");
