CREATE TYPE "_foo" AS ENUM ('FIRST', 'SECOND');
CREATE TABLE "Post" ("id" TEXT NOT NULL, "contentFilters" "_foo"[], CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));
