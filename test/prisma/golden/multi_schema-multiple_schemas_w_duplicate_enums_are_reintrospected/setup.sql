CREATE SCHEMA first;
CREATE TYPE first."HappyMood" AS ENUM ('veryHappy');
CREATE SCHEMA second;
CREATE TYPE second."HappyMood" AS ENUM ('veryHappy');
