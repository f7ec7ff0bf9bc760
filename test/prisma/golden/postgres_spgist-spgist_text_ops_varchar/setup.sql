CREATE TABLE "A" (id SERIAL PRIMARY KEY, data varchar(420));
CREATE INDEX "A_data_idx" ON "A" USING SPGIST (data);
