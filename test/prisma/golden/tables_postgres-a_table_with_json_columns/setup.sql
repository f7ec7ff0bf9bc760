CREATE TABLE "Foo" ("id" INTEGER NOT NULL, "bar" JSONB DEFAULT '{"message": "This message includes a quote: Here''s it!"}', CONSTRAINT "Foo_pkey" PRIMARY KEY ("id"));
