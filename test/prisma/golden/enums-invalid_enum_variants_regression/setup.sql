CREATE TYPE invalid_enum AS ENUM ('Y','N','123','$§!');
CREATE TABLE invalid_enum_value_name (field1 SERIAL PRIMARY KEY NOT NULL, here_be_enum invalid_enum DEFAULT NULL);
