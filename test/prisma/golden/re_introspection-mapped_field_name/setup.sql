CREATE TABLE "User" (
  id_1 int NOT NULL, id_2 int NOT NULL, "index" int NOT NULL, unique_1 int NOT NULL, unique_2 int NOT NULL,
  CONSTRAINT "sqlite_autoindex_User_1" UNIQUE (unique_1, unique_2),
  CONSTRAINT "User_pkey" PRIMARY KEY (id_1, id_2)
);
CREATE INDEX test2 ON "User" ("index");
CREATE TABLE "Unrelated" (id serial, CONSTRAINT "Unrelated_pkey" PRIMARY KEY (id));
