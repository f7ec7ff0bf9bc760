CREATE TABLE "Test" (id INTEGER NOT NULL UNIQUE, dummy INTEGER NOT NULL, broken macaddr NOT NULL, PRIMARY KEY (broken, dummy));
CREATE UNIQUE INDEX "unique" ON "Test" (broken, dummy);
CREATE INDEX "non_unique" ON "Test" (broken, dummy);
