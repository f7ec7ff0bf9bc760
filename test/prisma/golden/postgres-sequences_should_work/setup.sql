CREATE SEQUENCE "first_Sequence";
CREATE SEQUENCE "second_sequence";
CREATE SEQUENCE "third_Sequence";
CREATE TABLE "Test" (id INTEGER PRIMARY KEY, serial Serial, first BigInt NOT NULL DEFAULT nextval('"first_Sequence"'::regclass), second BigInt Default nextval('"second_sequence"'), third BigInt Not Null Default nextval('"third_Sequence"'::text));
