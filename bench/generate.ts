/**
 * Seeded synthetic schema generator for benchmarks: N tables with a realistic column mix, PK/FK graph
 * (including cycles), indexes, enums, views over joins, plpgsql functions + triggers. Deterministic for
 * a seed. `modify` applies a change set to k% of the tables (added/dropped columns, type changes under
 * views, new indexes, enum edits).
 */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface Generated {
  readonly sql: string;
  readonly tables: number;
  readonly statements: number;
}

const TYPES = ['integer', 'bigint', 'text', 'varchar(64)', 'timestamptz', 'boolean', 'numeric(12,2)', 'jsonb', 'date', 'uuid'];

export function generateSchema(n: number, seed = 42, changePercent = 0): Generated {
  const r = rng(seed);
  const c = rng(seed + 1);
  const changed = (i: number) => changePercent > 0 && (i * 7919) % 100 < changePercent;
  const out: string[] = ['CREATE SCHEMA bench;', "CREATE TYPE bench.status AS ENUM ('new', 'active', 'archived');"];
  if (changePercent > 0) out[1] = "CREATE TYPE bench.status AS ENUM ('new', 'active', 'archived', 'deleted');";
  out.push('CREATE FUNCTION bench.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at := now(); RETURN NEW; END$$;');
  for (let i = 0; i < n; i++) {
    const cols = ['id bigserial PRIMARY KEY', "status bench.status NOT NULL DEFAULT 'new'", 'updated_at timestamptz DEFAULT now()'];
    const k = 3 + Math.floor(r() * 8);
    for (let j = 0; j < k; j++) {
      // Draw every random number whether or not the column is changed, so both schemas stay aligned.
      let type = TYPES[Math.floor(r() * TYPES.length)]!;
      const notNull = r() < 0.3;
      if (changed(i) && j === 0) type = type === 'integer' ? 'bigint' : type === 'varchar(64)' ? 'varchar(128)' : type;
      if (changed(i) && j === 1) continue; // dropped column
      cols.push(`c${j} ${type}${notNull ? ' NOT NULL' : ''}`);
    }
    if (changed(i)) cols.push('added_col text');
    if (i > 0) cols.push(`parent_id bigint`);
    out.push(`CREATE TABLE bench.t${i} (${cols.join(', ')});`);
    const indexed = r() < 0.9;
    const triggered = r() < 0.1;
    if (i > 0 && indexed) out.push(`CREATE INDEX t${i}_parent_idx ON bench.t${i} (parent_id);`);
    if (changed(i)) out.push(`CREATE INDEX t${i}_status_idx ON bench.t${i} (status, updated_at);`);
    if (triggered) out.push(`CREATE TRIGGER t${i}_touch BEFORE UPDATE ON bench.t${i} FOR EACH ROW EXECUTE FUNCTION bench.touch();`);
  }
  // FKs after all tables: a chain with occasional back-edges (cycles).
  for (let i = 1; i < n; i++) {
    const target = c() < 0.05 && i + 1 < n ? i + 1 : Math.floor(c() * i);
    out.push(`ALTER TABLE bench.t${i} ADD CONSTRAINT t${i}_parent_fk FOREIGN KEY (parent_id) REFERENCES bench.t${target} (id);`);
  }
  for (let i = 1; i < n; i += 20) out.push(`CREATE VIEW bench.v${i} AS SELECT a.id, a.status, b.updated_at FROM bench.t${i} a JOIN bench.t${i - 1} b ON b.id = a.parent_id;`);
  return { sql: out.join('\n') + '\n', tables: n, statements: out.length };
}
