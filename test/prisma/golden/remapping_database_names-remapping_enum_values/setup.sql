CREATE TYPE color AS ENUM ('b lack', 'w hite');
CREATE TABLE "Book" (id SERIAL PRIMARY KEY, color color);
