CREATE TABLE "User" (id INTEGER PRIMARY KEY, email TEXT NOT NULL, status TEXT NOT NULL);
CREATE UNIQUE INDEX "email_active_unique" ON "User" (email) WHERE (status = 'active');
