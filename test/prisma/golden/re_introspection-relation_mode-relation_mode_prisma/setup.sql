CREATE TABLE "Foo" (id integer NOT NULL, bar_id integer NOT NULL, CONSTRAINT "Foo_pkey" PRIMARY KEY (id));
CREATE TABLE "Bar" (id integer NOT NULL, CONSTRAINT "Bar_pkey" PRIMARY KEY (id));
CREATE UNIQUE INDEX "Foo_bar_id_key" ON "Foo" (bar_id);
