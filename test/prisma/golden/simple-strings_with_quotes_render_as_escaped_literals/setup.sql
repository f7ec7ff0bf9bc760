CREATE TABLE "Category" (id serial NOT NULL PRIMARY KEY, name character varying(255) DEFAULT 'a " b"c d'::character varying NOT NULL);
