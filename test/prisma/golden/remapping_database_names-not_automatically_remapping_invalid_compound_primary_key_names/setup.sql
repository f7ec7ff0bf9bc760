CREATE TABLE "User" (first INTEGER NOT NULL, last INTEGER NOT NULL, CONSTRAINT "User.something@invalid-and/weird" PRIMARY KEY (first, last));
