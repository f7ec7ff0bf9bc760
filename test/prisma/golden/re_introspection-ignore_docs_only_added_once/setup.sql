CREATE TABLE "A" (id int NULL);
