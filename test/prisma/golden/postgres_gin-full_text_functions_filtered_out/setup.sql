CREATE TABLE "B" (id SERIAL PRIMARY KEY, data text not null);
CREATE INDEX "B_data_idx" ON "B" USING GIN (to_tsvector('english', data));
