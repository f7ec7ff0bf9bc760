CREATE TABLE "User" (id macaddr primary key not null);
CREATE TABLE "Post" (id macaddr primary key not null, user_id macaddr not null, FOREIGN KEY (user_id) REFERENCES "User"(id));
