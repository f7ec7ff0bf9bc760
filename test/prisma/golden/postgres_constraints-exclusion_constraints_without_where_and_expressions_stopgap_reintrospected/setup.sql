CREATE EXTENSION btree_gist;
CREATE TABLE room_reservation (room_reservation_id serial PRIMARY KEY, room_id integer NOT NULL, EXCLUDE USING gist (room_id WITH =));
