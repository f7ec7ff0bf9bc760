CREATE EXTENSION btree_gist;
CREATE TABLE room_reservation (room_reservation_id serial PRIMARY KEY, room_id integer NOT NULL, reserved_at timestamptz NOT NULL, reserved_until timestamptz NOT NULL, canceled boolean DEFAULT false, EXCLUDE USING gist (room_id WITH =, tstzrange(reserved_at, reserved_until) WITH &&) WHERE (NOT canceled));
