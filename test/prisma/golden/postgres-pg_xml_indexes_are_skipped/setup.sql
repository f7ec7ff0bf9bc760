CREATE TABLE xml_test (id serial PRIMARY KEY, data xml);
CREATE INDEX test_idx ON xml_test USING btree (cast(xpath('/book/title', data) AS text[]));
