CREATE TABLE "A" (id SERIAL PRIMARY KEY, data inet);
CREATE INDEX "A_data_idx" ON "A" USING BRIN (data inet_bloom_ops);
