CREATE TABLE "Test" ();
