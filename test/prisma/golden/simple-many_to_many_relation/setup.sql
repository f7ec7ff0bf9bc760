CREATE TABLE "Biscuit" (id SERIAL PRIMARY KEY);
CREATE TABLE "_BiscuitToBiscuit" ("A" INTEGER REFERENCES "Biscuit"("id"), "B" INTEGER REFERENCES "Biscuit"("id"));
CREATE UNIQUE INDEX "AB_unique" ON "_BiscuitToBiscuit"("A","B");
CREATE INDEX "B_index" ON "_BiscuitToBiscuit"("B");
