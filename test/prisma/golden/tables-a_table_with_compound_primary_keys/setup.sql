CREATE TABLE "Blog" (id integer NOT NULL, "authorId" integer NOT NULL, CONSTRAINT "Blog_pkey" PRIMARY KEY (id, "authorId"));
