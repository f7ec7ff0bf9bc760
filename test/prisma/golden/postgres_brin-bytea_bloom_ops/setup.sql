CREATE TABLE "A" (id SERIAL PRIMARY KEY, data bytea);
CREATE INDEX "A_data_idx" ON "A" USING BRIN (data bytea_bloom_ops);
