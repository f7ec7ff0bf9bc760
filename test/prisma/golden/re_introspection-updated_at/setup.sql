CREATE TABLE "User" (id serial PRIMARY KEY, lastupdated timestamp NULL);
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
