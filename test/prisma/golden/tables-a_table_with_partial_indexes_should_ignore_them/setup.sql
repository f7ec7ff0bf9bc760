CREATE TABLE pages (id serial NOT NULL, "staticId" integer NOT NULL, latest integer NOT NULL, other integer NOT NULL, CONSTRAINT pages_pkey PRIMARY KEY (id));
CREATE UNIQUE INDEX "full" ON pages (other);
CREATE UNIQUE INDEX partial ON pages ("staticId") WHERE latest = 1;
