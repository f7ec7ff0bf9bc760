CREATE TABLE "A" (id SERIAL PRIMARY KEY, data bit);
CREATE INDEX "A_data_idx" ON "A" USING BRIN (data bit_minmax_ops);
