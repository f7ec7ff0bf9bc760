CREATE TABLE public."A" (id text PRIMARY KEY, data text);
CREATE INDEX "A_idx" ON public."A" (data);
CREATE SCHEMA second;
CREATE TABLE second."B" (id text PRIMARY KEY, data text);
CREATE INDEX "B_idx" ON second."B" (data);
