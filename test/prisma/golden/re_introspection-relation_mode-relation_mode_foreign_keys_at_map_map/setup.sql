CREATE TABLE "foo_table" (id integer NOT NULL, bar_id integer NOT NULL, CONSTRAINT "foo_table_pkey" PRIMARY KEY (id));
CREATE TABLE "bar_table" (id integer NOT NULL, CONSTRAINT "bar_table_pkey" PRIMARY KEY (id));
CREATE UNIQUE INDEX "foo_table_bar_id_key" ON "foo_table" (bar_id);
ALTER TABLE "foo_table" ADD CONSTRAINT "foo_table_bar_id_fkey" FOREIGN KEY (bar_id) REFERENCES "bar_table" (id) ON DELETE RESTRICT ON UPDATE CASCADE;
