CREATE TABLE "User" (id SERIAL PRIMARY KEY, age INTEGER NOT NULL);
CREATE UNIQUE INDEX user_unique ON "User" (id, age);
CREATE TABLE "Post" (id SERIAL PRIMARY KEY, user_id INTEGER NOT NULL, user_age INTEGER, CONSTRAINT "Post_user_id_user_age" FOREIGN KEY (user_id, user_age) REFERENCES "User"(id, age));
