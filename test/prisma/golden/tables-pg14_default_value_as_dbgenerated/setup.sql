CREATE SEQUENCE test_seq START 1;
CREATE TABLE "Test" (
  id serial PRIMARY KEY,
  string_function text DEFAULT E'  ' || '>' || ' ',
  int_serial serial4,
  int_function integer DEFAULT EXTRACT(year FROM TIMESTAMP '2001-02-16 20:38:40'),
  int_sequence integer DEFAULT nextval('test_seq'),
  datetime_now timestamp DEFAULT NOW(),
  datetime_now_lc timestamp DEFAULT now()
);
