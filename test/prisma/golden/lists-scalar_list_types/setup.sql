CREATE TABLE "Post" (id text NOT NULL, ints integer[12] NOT NULL, bools boolean[12] NOT NULL, strings text[12] NOT NULL, floats float[12] NOT NULL, PRIMARY KEY (id));
