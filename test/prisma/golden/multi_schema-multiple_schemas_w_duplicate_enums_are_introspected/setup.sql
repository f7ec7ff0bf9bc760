CREATE SCHEMA first;
CREATE TYPE first."HappyMood" AS ENUM ('happy');
CREATE TABLE first."HappyPerson" (mood first."HappyMood" PRIMARY KEY);
CREATE SCHEMA second;
CREATE TYPE second."HappyMood" AS ENUM ('veryHappy');
CREATE TABLE second."VeryHappyPerson" (mood second."HappyMood" PRIMARY KEY);
CREATE TABLE second."HappyPerson" (mood first."HappyMood" PRIMARY KEY);
