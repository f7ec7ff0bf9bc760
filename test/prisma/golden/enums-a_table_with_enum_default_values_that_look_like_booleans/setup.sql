CREATE Type truth as ENUM ('true', 'false', 'rumor');
CREATE TABLE "News" (id SERIAL PRIMARY KEY, confirmed truth NOT NULL DEFAULT 'true');
