CREATE TYPE "threechars" AS ENUM ('123', 'wow','$§!');
