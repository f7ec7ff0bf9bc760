CREATE TYPE "123color" AS ENUM ('black');
CREATE TABLE "123Book" (id SERIAL PRIMARY KEY, "1color" "123color" NULL);
