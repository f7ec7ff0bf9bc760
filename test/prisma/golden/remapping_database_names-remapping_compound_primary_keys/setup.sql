CREATE TABLE "User" (first_name INTEGER NOT NULL, "last@name" INTEGER NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY (first_name, "last@name"));
