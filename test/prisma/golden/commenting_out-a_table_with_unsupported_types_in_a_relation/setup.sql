CREATE TABLE "User" (id SERIAL PRIMARY KEY, ip cidr not null unique);
CREATE TABLE "Post" (id SERIAL PRIMARY KEY, user_ip cidr not null, FOREIGN KEY (user_ip) REFERENCES "User"(ip));
