CREATE TABLE "User" (id SERIAL PRIMARY KEY);
CREATE TABLE "_Friendship" ("A" INTEGER NOT NULL REFERENCES "User"(id), "B" INTEGER NOT NULL REFERENCES "User"(id));
CREATE UNIQUE INDEX "_Friendship_AB_unique" ON "_Friendship"("A", "B");
CREATE INDEX "_Friendship_B_index" ON "_Friendship"("B");
CREATE TABLE "_Frenemyship" ("A" INTEGER NOT NULL REFERENCES "User"(id), "B" INTEGER NOT NULL REFERENCES "User"(id));
CREATE UNIQUE INDEX "_Frenemyship_AB_unique" ON "_Frenemyship"("A", "B");
CREATE INDEX "_Frenemyship_B_index" ON "_Frenemyship"("B");
