CREATE TABLE "User" (id varchar(30) PRIMARY KEY, non_id_1 varchar(30) NOT NULL, non_id_2 varchar(30) NOT NULL);
CREATE TABLE "User2" (id varchar(36) PRIMARY KEY, non_id_1 varchar(36) NOT NULL, non_id_2 varchar(36) NOT NULL);
CREATE TABLE "User3" (id varchar(21) PRIMARY KEY);
CREATE TABLE "User4" (id varchar(26) PRIMARY KEY);
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
