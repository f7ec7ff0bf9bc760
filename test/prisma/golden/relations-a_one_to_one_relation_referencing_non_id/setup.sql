CREATE TABLE "User" (id SERIAL, email VARCHAR(10), CONSTRAINT "User_pkey" PRIMARY KEY (id), CONSTRAINT "User_email_key" UNIQUE (email));
CREATE TABLE "Post" (id SERIAL, user_email VARCHAR(10), CONSTRAINT "Post_user_email_fkey" FOREIGN KEY (user_email) REFERENCES "User"(email), CONSTRAINT "Post_pkey" PRIMARY KEY (id), CONSTRAINT "Post_user_email_key" UNIQUE (user_email));
