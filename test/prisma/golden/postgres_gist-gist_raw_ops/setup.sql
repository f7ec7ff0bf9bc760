CREATE TABLE "A" (id SERIAL PRIMARY KEY, data tsvector);
CREATE INDEX "A_data_idx" ON "A" USING GIST (data tsvector_ops);
