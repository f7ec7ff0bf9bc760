CREATE TABLE "User" (id serial PRIMARY KEY);
CREATE TABLE "Post" (id serial PRIMARY KEY, user_id int NOT NULL UNIQUE, FOREIGN KEY (user_id) REFERENCES "User" (id));
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
