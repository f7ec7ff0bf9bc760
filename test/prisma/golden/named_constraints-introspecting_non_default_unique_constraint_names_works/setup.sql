CREATE TABLE "Single" (id SERIAL NOT NULL, CONSTRAINT "SomethingCustom" UNIQUE (id));
CREATE TABLE "Compound" (a INTEGER NOT NULL, b INTEGER NOT NULL, CONSTRAINT "SomethingCustomCompound" UNIQUE (a, b));
