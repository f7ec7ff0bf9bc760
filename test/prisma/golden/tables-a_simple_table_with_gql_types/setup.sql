CREATE TABLE "Blog" (bool boolean NOT NULL, float float NOT NULL, date timestamp NOT NULL, id serial NOT NULL, "int" integer NOT NULL, string text NOT NULL, CONSTRAINT "Blog_pkey" PRIMARY KEY (id));
