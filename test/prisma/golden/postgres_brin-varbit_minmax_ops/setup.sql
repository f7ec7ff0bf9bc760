CREATE TABLE "A" (id SERIAL PRIMARY KEY, data varbit);
CREATE INDEX "A_data_idx" ON "A" USING BRIN (data varbit_minmax_ops);
