CREATE SCHEMA first;
CREATE TABLE first."A" (id text PRIMARY KEY, data text);
CREATE INDEX "A_idx" ON first."A" (data);
CREATE SCHEMA second;
CREATE TABLE second."B" (id text PRIMARY KEY, data text);
CREATE INDEX "B_idx" ON second."B" (data);
