CREATE TABLE "User" (id SERIAL PRIMARY KEY, ip integer not null unique);
CREATE TABLE "Post" (id INTEGER NOT NULL, user_ip integer not null, FOREIGN KEY (user_ip) REFERENCES "User"(ip));
