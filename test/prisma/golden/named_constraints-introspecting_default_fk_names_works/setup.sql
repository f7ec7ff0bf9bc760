CREATE TABLE "User" (id SERIAL NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY (id));
CREATE TABLE "Post" (id SERIAL NOT NULL, user_id INTEGER NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY (id), CONSTRAINT "Post_user_id_fkey" FOREIGN KEY (user_id) REFERENCES "User"(id));
CREATE INDEX "Post_user_id_idx" ON "Post" (user_id);
