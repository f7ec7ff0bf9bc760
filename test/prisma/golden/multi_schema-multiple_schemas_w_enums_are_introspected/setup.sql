CREATE SCHEMA first;
CREATE TYPE first."HappyMood" AS ENUM ('happy');
CREATE SCHEMA second_schema;
CREATE TYPE second_schema."SadMood" AS ENUM ('sad');
