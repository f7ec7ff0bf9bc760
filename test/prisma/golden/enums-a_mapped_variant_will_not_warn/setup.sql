CREATE Type "A" as ENUM ('0first', '1second');
CREATE TABLE "B" (id SERIAL PRIMARY KEY, val "A" NOT NULL);
