CREATE VIEW "A" AS SELECT 1 AS id, to_tsvector('english', 'meow') AS vector;
