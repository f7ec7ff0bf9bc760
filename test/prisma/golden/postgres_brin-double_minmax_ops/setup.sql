CREATE TABLE "A" (id SERIAL PRIMARY KEY, data double precision);
CREATE INDEX "A_data_idx" ON "A" USING BRIN (data float8_minmax_ops);
