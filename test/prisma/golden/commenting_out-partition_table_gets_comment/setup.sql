CREATE TABLE IF NOT EXISTS blocks (id int NOT NULL, account text COLLATE pg_catalog."default" NOT NULL, block_source_id int, CONSTRAINT blocks_pkey PRIMARY KEY (account, id)) PARTITION BY RANGE (id);
CREATE TABLE blocks_p1_0 PARTITION OF blocks FOR VALUES FROM (0) TO (1000);
CREATE TABLE blocks_p2_0 PARTITION OF blocks FOR VALUES FROM (1001) TO (2000);
ALTER TABLE blocks ADD CONSTRAINT block_source_block_fk FOREIGN KEY (block_source_id, account) REFERENCES blocks (id, account) MATCH SIMPLE ON UPDATE NO ACTION ON DELETE CASCADE;
