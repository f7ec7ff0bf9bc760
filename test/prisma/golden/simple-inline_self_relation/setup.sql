CREATE TABLE "Biscuit" (id SERIAL PRIMARY KEY, next_biscuit_id INTEGER REFERENCES "Biscuit"("id"));
