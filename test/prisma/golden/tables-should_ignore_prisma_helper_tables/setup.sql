CREATE TABLE "Blog" (id serial NOT NULL, CONSTRAINT "Blog_pkey" PRIMARY KEY (id));
CREATE TABLE "_RelayId" (id serial PRIMARY KEY, stablemodelidentifier text NOT NULL);
CREATE TABLE "_Migration" (revision text NOT NULL, name text NOT NULL, datamodel text NOT NULL, status text NOT NULL, applied text NOT NULL, rolled_back text NOT NULL, datamodel_steps text NOT NULL, database_migration text NOT NULL, errors text NOT NULL, started_at text NOT NULL, finished_at text NOT NULL);
CREATE TABLE "_prisma_migrations" (id serial PRIMARY KEY, checksum text NOT NULL, finished_at text NOT NULL, migration_name text NOT NULL, logs text NOT NULL, rolled_back_at text NOT NULL, started_at text NOT NULL, applied_steps_count text NOT NULL);
