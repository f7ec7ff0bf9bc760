CREATE TABLE "A" (id serial, CONSTRAINT "A_pkey" PRIMARY KEY (id));
CREATE TABLE "B" (id serial, CONSTRAINT "B_pkey" PRIMARY KEY (id));
CREATE TABLE "J" (id serial, CONSTRAINT "J_pkey" PRIMARY KEY (id));
CREATE TABLE "F" (id serial, CONSTRAINT "F_pkey" PRIMARY KEY (id));
CREATE TABLE "Z" (id serial, CONSTRAINT "Z_pkey" PRIMARY KEY (id));
CREATE TABLE "M" (id serial, CONSTRAINT "M_pkey" PRIMARY KEY (id));
CREATE TABLE "L" (id serial, CONSTRAINT "L_pkey" PRIMARY KEY (id));
