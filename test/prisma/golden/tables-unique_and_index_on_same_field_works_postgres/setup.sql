CREATE TABLE users (id integer PRIMARY KEY NOT NULL, CONSTRAINT really_must_be_different UNIQUE (id), CONSTRAINT must_be_different UNIQUE (id));
