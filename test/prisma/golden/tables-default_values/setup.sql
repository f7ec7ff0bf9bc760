CREATE TABLE "Test" (
  id serial PRIMARY KEY,
  string_static_char char(5) NULL DEFAULT 'test',
  string_static_char_null char(5) NULL DEFAULT NULL,
  string_static_varchar varchar(5) NULL DEFAULT 'test',
  int_static integer NULL DEFAULT 2,
  float_static float NULL DEFAULT 1.43,
  boolean_static boolean NULL DEFAULT true,
  datetime_now timestamp NULL DEFAULT CURRENT_TIMESTAMP
);
