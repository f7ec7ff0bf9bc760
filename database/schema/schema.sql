-- Desired state of the practice application's database.
-- Edit this file, then run `npm run migrate:diff` to generate a migration.

CREATE SCHEMA IF NOT EXISTS practice_app;

CREATE TYPE practice_app.order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');

CREATE TABLE practice_app.users (
    id SERIAL PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    name VARCHAR(100) NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- Example from the guide: add a column to users
ALTER TABLE practice_app.users ADD COLUMN phone VARCHAR(20);

CREATE TABLE practice_app.products (
    id SERIAL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    price DECIMAL(10,2) NOT NULL CHECK (price >= 0),
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE practice_app.notifications (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES practice_app.users(id),
    message TEXT NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE practice_app.orders (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES practice_app.users(id) ON DELETE CASCADE,
    status practice_app.order_status NOT NULL DEFAULT 'pending',
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE practice_app.order_items (
    order_id INTEGER NOT NULL REFERENCES practice_app.orders(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES practice_app.products(id),
    quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
    unit_price DECIMAL(10,2) NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

CREATE INDEX idx_orders_user_id ON practice_app.orders (user_id);

CREATE VIEW practice_app.order_totals AS
SELECT o.id AS order_id,
       o.user_id,
       o.status,
       COALESCE(SUM(oi.quantity * oi.unit_price), 0) AS total
FROM practice_app.orders o
LEFT JOIN practice_app.order_items oi ON oi.order_id = o.id
GROUP BY o.id, o.user_id, o.status;

COMMENT ON TABLE practice_app.users IS 'People who use the practice application';
