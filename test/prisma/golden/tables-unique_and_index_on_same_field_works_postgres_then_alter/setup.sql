CREATE TABLE users (id integer PRIMARY KEY NOT NULL, CONSTRAINT really_must_be_different UNIQUE (id), CONSTRAINT must_be_different UNIQUE (id));
ALTER TABLE users ADD CONSTRAINT z_unique UNIQUE (id);
