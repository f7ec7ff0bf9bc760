CREATE TYPE color AS ENUM ('b lack', 'white');
CREATE TABLE "Book" (id SERIAL PRIMARY KEY, color color NOT NULL DEFAULT 'b lack');
