CREATE TABLE "A" (id SERIAL PRIMARY KEY, data real);
CREATE INDEX "A_data_idx" ON "A" USING BRIN (data float4_minmax_multi_ops);
