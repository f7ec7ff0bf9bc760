CREATE EXTENSION intarray;
CREATE TABLE test (big_data BOOLEAN PRIMARY KEY);
CREATE INDEX futureproof ON test(big_data);
