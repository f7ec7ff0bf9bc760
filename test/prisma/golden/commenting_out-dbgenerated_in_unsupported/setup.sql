CREATE TABLE "Blog" (id SERIAL PRIMARY KEY, number INT DEFAULT 1, bigger_number INT DEFAULT sqrt(4), point POINT DEFAULT Point(0, 0));
