CREATE TYPE public."HappyMood" AS ENUM ('happy');
CREATE SCHEMA second;
CREATE TYPE second."SadMood" AS ENUM ('sad');
