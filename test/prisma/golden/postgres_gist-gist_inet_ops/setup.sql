CREATE TABLE "A" (id SERIAL PRIMARY KEY, data inet);
CREATE INDEX "A_data_idx" ON "A" USING GIST (data inet_ops);
