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

/**
 * A long migration history: `files` small migration files (names `<version>_step_<i>.sql`, versions one
 * second apart from 2026-01-01) over `tables` tables, each table created and then churned in cycles of
 * five files: a column added, its type widened, indexed, the index dropped and the column renamed, the
 * column dropped. The schema it ends at is small; replaying it is not: what a checkpoint is for.
 * With `doBlock`, the second file creates an enum the way drizzle-kit writes it (`DO $$ BEGIN CREATE TYPE …
 * EXCEPTION WHEN duplicate_object THEN null; END $$;`): a statement only a database can run, so the history
 * is replayed on the dev database unless a checkpoint after it summarises it.
 *
 * @example
 * const files = generateHistory(300); // { '20260101000000_step_0.sql': 'CREATE TABLE …', … }
 */
export function generateHistory(files: number, tables = 10, opts: { doBlock?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < files; i++) {
    const d = new Date(start + i * 1000);
    const v = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const k = i % tables;
    const step = Math.floor(i / tables);
    const t = `hist.t${k}`;
    let sql: string;
    if (step === 0) sql = `${i === 0 ? 'CREATE SCHEMA hist;\n' : ''}CREATE TABLE ${t} (id bigint PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());\n`;
    else {
      const cycle = step - ((step - 1) % 5); // the step that added this cycle's column
      const c = `c${cycle}`;
      switch ((step - 1) % 5) {
        case 0: sql = `ALTER TABLE ${t} ADD COLUMN ${c} integer DEFAULT 0;\n`; break;
        case 1: sql = `ALTER TABLE ${t} ALTER COLUMN ${c} TYPE bigint;\n`; break;
        case 2: sql = `CREATE INDEX t${k}_${c}_idx ON ${t} (${c});\n`; break;
        case 3: sql = `DROP INDEX hist.t${k}_${c}_idx;\nALTER TABLE ${t} RENAME COLUMN ${c} TO d${cycle};\n`; break;
        default: sql = `ALTER TABLE ${t} DROP COLUMN d${cycle};\nCOMMENT ON TABLE ${t} IS 'cycle ${cycle} done';\n`;
      }
    }
    if (i === 1 && opts.doBlock) sql = `DO $$ BEGIN\n  CREATE TYPE hist.status AS ENUM ('active', 'archived');\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;\n${sql}`;
    out[`${v}_step_${i}.sql`] = sql;
  }
  return out;
}

/**
 * A function-heavy schema: a few tables and types, then `n` PL/pgSQL functions, most with a DECLARE section naming
 * them (`%ROWTYPE`, `table.column%TYPE`, an enum, a domain, built-in types), the rest without one (the cost of
 * reading a function's declarations at both edges, bench/functions.ts).
 *
 * @example
 * generateFunctions(2000).sql // 'CREATE SCHEMA fn; … CREATE FUNCTION fn.f0(p integer) RETURNS integer LANGUAGE plpgsql AS $$DECLARE …'
 */
export function generateFunctions(n: number, seed = 7): Generated {
  const r = rng(seed);
  const out: string[] = [
    'CREATE SCHEMA fn;',
    "CREATE TYPE fn.mood AS ENUM ('ok', 'sad');",
    'CREATE DOMAIN fn.posint AS integer CHECK (VALUE > 0);',
  ];
  const tables = 20;
  for (let t = 0; t < tables; t++) out.push(`CREATE TABLE fn.t${t} (id bigint PRIMARY KEY, v text, n integer, m fn.mood);`);
  for (let i = 0; i < n; i++) {
    const t = `fn.t${Math.floor(r() * tables)}`;
    const declare = r() < 0.8;
    const decl = declare
      ? `DECLARE\n  rec ${t}%ROWTYPE;\n  val ${t}.v%TYPE;\n  cnt integer := 0;\n  total numeric(12,2);\n  mood fn.mood;\n  pos fn.posint;\n  label text;\n`
      : '';
    const body = declare
      ? `BEGIN\n  SELECT * INTO rec FROM ${t} WHERE id = p;\n  val := rec.v;\n  FOR i IN 1..p LOOP cnt := cnt + i; END LOOP;\n  label := coalesce(val, 'none') || cnt::text;\n  RETURN cnt;\nEND`
      : `BEGIN\n  RETURN (SELECT count(*) FROM ${t} WHERE n > p)::integer;\nEND`;
    out.push(`CREATE FUNCTION fn.f${i}(p integer) RETURNS integer LANGUAGE plpgsql AS $$\n${decl}${body}\n$$;`);
  }
  return { sql: out.join('\n') + '\n', tables, statements: out.length };
}
