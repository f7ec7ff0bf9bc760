CREATE SCHEMA "1first";
CREATE TABLE "1first"."2A" (id text PRIMARY KEY);
CREATE SCHEMA "2second";
CREATE TABLE "2second"."1A" (id text PRIMARY KEY);
