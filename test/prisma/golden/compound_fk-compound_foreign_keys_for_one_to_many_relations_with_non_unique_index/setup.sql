CREATE TABLE "User" (id SERIAL PRIMARY KEY, age INTEGER NOT NULL, CONSTRAINT post_user_unique UNIQUE (id, age));
CREATE TABLE "Post" (id SERIAL PRIMARY KEY, user_id INTEGER NOT NULL, user_age INTEGER NOT NULL, CONSTRAINT "Post_user_id_user_age_fkey" FOREIGN KEY (user_id, user_age) REFERENCES "User"(id, age));
