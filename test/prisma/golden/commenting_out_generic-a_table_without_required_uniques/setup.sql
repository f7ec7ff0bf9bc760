CREATE TABLE "Post" (id integer NOT NULL, opt_unique integer NULL, CONSTRAINT "sqlite_autoindex_Post_1" UNIQUE (opt_unique));
