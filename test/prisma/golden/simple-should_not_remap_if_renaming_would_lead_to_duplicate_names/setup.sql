CREATE TABLE nodes (id serial PRIMARY KEY);
CREATE TABLE _nodes (
  node_a int NOT NULL,
  node_b int NOT NULL,
  CONSTRAINT _nodes_node_a_fkey FOREIGN KEY (node_a) REFERENCES nodes (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT _nodes_node_b_fkey FOREIGN KEY (node_b) REFERENCES nodes (id) ON DELETE CASCADE ON UPDATE CASCADE
);
