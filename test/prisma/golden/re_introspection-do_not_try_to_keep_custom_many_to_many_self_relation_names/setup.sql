CREATE TABLE "User" (id serial, CONSTRAINT "User_pkey" PRIMARY KEY (id));
CREATE TABLE "_FollowRelation" ("A" int NOT NULL, "B" int NOT NULL, FOREIGN KEY ("A") REFERENCES "User" (id), FOREIGN KEY ("B") REFERENCES "User" (id));
CREATE UNIQUE INDEX test ON "_FollowRelation" ("A", "B");
CREATE INDEX test2 ON "_FollowRelation" ("B");
