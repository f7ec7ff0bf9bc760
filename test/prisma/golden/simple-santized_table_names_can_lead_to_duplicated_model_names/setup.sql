CREATE TABLE "nod?es" (id serial PRIMARY KEY);
CREATE TABLE "nod!es" (
  node_a int NOT NULL,
  node_b int NOT NULL,
  CONSTRAINT _nodes_node_a_fkey FOREIGN KEY (node_a) REFERENCES "nod?es" (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT _nodes_node_b_fkey FOREIGN KEY (node_b) REFERENCES "nod?es" (id) ON DELETE CASCADE ON UPDATE CASCADE
);
