CREATE TABLE prismaclient (id serial NOT NULL, CONSTRAINT prismaclient_pkey PRIMARY KEY (id));
