CREATE TABLE "A" (id SERIAL PRIMARY KEY, data tsvector not null);
CREATE INDEX "A_data_idx" ON "A" USING GIN (data);
