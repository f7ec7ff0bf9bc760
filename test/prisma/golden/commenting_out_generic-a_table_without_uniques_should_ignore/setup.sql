CREATE TABLE "User" (id serial PRIMARY KEY);
CREATE TABLE "Post" (id integer NOT NULL, user_id integer NOT NULL, FOREIGN KEY (user_id) REFERENCES "User" (id));
CREATE INDEX "Post_user_id_idx" ON "Post" (user_id);
