CREATE TABLE "Single" (id SERIAL NOT NULL);
CREATE INDEX "SomethingCustom" ON "Single" (id);
CREATE TABLE "Compound" (a INTEGER NOT NULL, b INTEGER NOT NULL);
CREATE INDEX "SomethingCustomCompound" ON "Compound" (a, b);
