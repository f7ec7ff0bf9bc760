CREATE TABLE "?User" (id SERIAL, CONSTRAINT "?User_pkey" PRIMARY KEY (id));
CREATE TABLE "User with Space" (id SERIAL, CONSTRAINT "User with Space_pkey" PRIMARY KEY (id));
