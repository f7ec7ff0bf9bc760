CREATE TABLE "A" (id SERIAL PRIMARY KEY, data bpchar);
CREATE INDEX "A_data_idx" ON "A" USING BRIN (data bpchar_minmax_ops);
