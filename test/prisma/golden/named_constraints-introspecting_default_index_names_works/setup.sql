CREATE TABLE "Single" (id SERIAL NOT NULL);
CREATE INDEX "Single_id_idx" ON "Single" (id);
CREATE TABLE "Compound" (a INTEGER NOT NULL, b INTEGER NOT NULL);
CREATE INDEX "Compound_a_b_idx" ON "Compound" (a, b);
