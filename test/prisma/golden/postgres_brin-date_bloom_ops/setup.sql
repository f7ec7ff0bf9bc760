CREATE TABLE "A" (id SERIAL PRIMARY KEY, data date);
CREATE INDEX "A_data_idx" ON "A" USING BRIN (data date_bloom_ops);
