CREATE TABLE "User" (id SERIAL, CONSTRAINT "User_pkey" PRIMARY KEY (id));
CREATE TABLE "Post" (id SERIAL, user_id INTEGER, CONSTRAINT "Post_user_id_fkey" FOREIGN KEY (user_id) REFERENCES "User"(id), CONSTRAINT "Post_pkey" PRIMARY KEY (id), CONSTRAINT "Post_user_id_key" UNIQUE (user_id));
