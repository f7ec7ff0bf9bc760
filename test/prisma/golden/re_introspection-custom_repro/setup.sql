CREATE TABLE "tag" (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE "Post" (id serial PRIMARY KEY, tag_id integer NOT NULL REFERENCES tag (id));
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
