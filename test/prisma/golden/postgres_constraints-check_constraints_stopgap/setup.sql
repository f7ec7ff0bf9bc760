CREATE TABLE products (product_id serial PRIMARY KEY, name text, price numeric CHECK (price > 0));
