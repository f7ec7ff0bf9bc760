CREATE TABLE "User" (id SERIAL NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY (id));
CREATE UNIQUE INDEX "User.something@invalid-and/weird" ON "User" (first, last);
