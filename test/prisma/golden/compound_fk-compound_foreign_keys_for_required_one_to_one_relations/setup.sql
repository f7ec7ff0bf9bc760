CREATE TABLE "User" (id SERIAL PRIMARY KEY, age INTEGER NOT NULL);
CREATE UNIQUE INDEX user_unique ON "User" (id, age);
CREATE TABLE "Post" (id SERIAL PRIMARY KEY, user_id INTEGER NOT NULL, user_age INTEGER NOT NULL, CONSTRAINT "Post_user_id_user_age_fkey" FOREIGN KEY (user_id, user_age) REFERENCES "User"(id, age), CONSTRAINT post_user_unique UNIQUE (user_id, user_age));
