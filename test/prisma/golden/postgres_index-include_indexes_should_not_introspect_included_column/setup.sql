CREATE TABLE foo (id int PRIMARY KEY, val int NOT NULL, val2 int NOT NULL);
CREATE INDEX foo_idx ON foo (val) INCLUDE (val2);
CREATE TABLE products (id serial PRIMARY KEY, category text, price numeric(10, 2));
CREATE INDEX products_category_price_idx ON products (category, price);
