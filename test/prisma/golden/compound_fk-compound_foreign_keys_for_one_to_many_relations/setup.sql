CREATE TABLE "User" (id SERIAL, age INTEGER NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY (id));
CREATE UNIQUE INDEX user_unique ON "User" (id, age);
CREATE TABLE "Post" (id SERIAL, user_id INTEGER, user_age INTEGER, CONSTRAINT "Post_fk" FOREIGN KEY (user_id, user_age) REFERENCES "User"(id, age), CONSTRAINT "Post_pkey" PRIMARY KEY (id));
