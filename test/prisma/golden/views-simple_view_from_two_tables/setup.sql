CREATE TABLE "User" (
  id serial PRIMARY KEY,
  first_name varchar(255) NOT NULL,
  last_name varchar(255) NULL
);
CREATE TABLE "Profile" (
  user_id int PRIMARY KEY,
  introduction text,
  CONSTRAINT Profile_User_fkey FOREIGN KEY (user_id) REFERENCES "User" (id)
);
CREATE VIEW "Schwuser" AS
  SELECT u.id, concat(u.first_name, ' ', u.last_name) AS name, p.introduction
  FROM "User" u JOIN "Profile" p ON u.id = p.user_id;
