CREATE Type "1A" as ENUM ('first', 'second');
CREATE TABLE "B" (id SERIAL PRIMARY KEY, val "1A" NOT NULL);
