CREATE TABLE "A" (id serial PRIMARY KEY, a jsonb NOT NULL, b jsonb NOT NULL, c jsonb NOT NULL);
CREATE INDEX "aaaaaa" ON "A" USING GIN (b);
CREATE INDEX "bbbbbb" ON "A" USING GIN (a);
CREATE INDEX "cccccc" ON "A" USING GIN (c);
