CREATE TABLE "_User" (_id serial PRIMARY KEY);
CREATE TABLE "Post" (id serial PRIMARY KEY, user_id int NOT NULL, FOREIGN KEY (user_id) REFERENCES "_User" (_id));
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
