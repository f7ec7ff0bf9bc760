CREATE TABLE "Employee" (id serial PRIMARY KEY);
CREATE TABLE "Schedule" (
  id serial PRIMARY KEY, "morningEmployeeId" int NOT NULL, "eveningEmployeeId" int NOT NULL,
  FOREIGN KEY ("morningEmployeeId") REFERENCES "Employee" (id),
  FOREIGN KEY ("eveningEmployeeId") REFERENCES "Employee" (id)
);
CREATE TABLE "Unrelated" (id serial PRIMARY KEY);
