import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAtlasHcl } from '../src/config/atlas-hcl.js';
import { resolveConfig } from '../src/config/config.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-cfg-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('resolveConfig', () => {
  it('defaults to the embedded database and the guide layout', () => {
    const cwd = project({});
    const cfg = resolveConfig({}, { cwd, environ: {} });
    expect(cfg.url).toBe('pglite://./.meridian/pglite');
    expect(cfg.urlSource).toBe('default');
    expect(cfg.devUrl).toBe('pglite://memory');
    expect(cfg.migrationsDir).toBe(join(cwd, 'database/migrations'));
    expect(cfg.schemaPath).toBe(join(cwd, 'database/schema/schema.sql'));
    expect(cfg.production).toBe(false);
  });
  it('orders sources: flag > .env.<name> > atlas.hcl env <name> > environment > .env', () => {
    const cwd = project({
      '.env': 'DATABASE_URL=postgres://dotenv/db\n',
      '.env.staging': 'DATABASE_URL=postgres://staging/db\n',
      'atlas.hcl': 'env "staging" {\n  url = "postgres://hcl/db"\n  migration {\n    dir = "file://migs"\n  }\n}\n',
    });
    expect(resolveConfig({ url: 'postgres://flag/db', env: 'staging' }, { cwd, environ: { DATABASE_URL: 'postgres://env/db' } }).url).toBe('postgres://flag/db');
    expect(resolveConfig({ env: 'staging' }, { cwd, environ: { DATABASE_URL: 'postgres://env/db' } }).url).toBe('postgres://staging/db');
    expect(resolveConfig({}, { cwd, environ: { DATABASE_URL: 'postgres://env/db' } }).url).toBe('postgres://env/db');
    expect(resolveConfig({}, { cwd, environ: {} }).url).toBe('postgres://dotenv/db');
    const onlyHcl = project({ 'atlas.hcl': 'env "local" {\n  url = "postgres://hcl/db"\n  migration { dir = "file://migs" }\n}\n' });
    const cfg = resolveConfig({ env: 'local' }, { cwd: onlyHcl, environ: {} });
    expect(cfg.url).toBe('postgres://hcl/db');
    expect(cfg.migrationsDir).toBe(join(onlyHcl, 'migs'));
  });
  it('accepts Atlas-style file:// flags', () => {
    const cwd = project({});
    const cfg = resolveConfig({ dir: 'file://db/migs', to: 'file://db/schema.sql' }, { cwd, environ: {} });
    expect(cfg.migrationsDir).toBe(join(cwd, 'db/migs'));
    expect(cfg.schemaPath).toBe(join(cwd, 'db/schema.sql'));
  });
  it('marks production and splits --schema lists', () => {
    const cwd = project({ '.env.production': 'DATABASE_URL=postgres://prod/db\n' });
    const cfg = resolveConfig({ env: 'production', schema: ['a,b', 'c'] }, { cwd, environ: {} });
    expect(cfg.production).toBe(true);
    expect(cfg.schemas).toEqual(['a', 'b', 'c']);
  });
  it('names what is wrong for bad input', () => {
    const cwd = project({ '.env.staging': 'DATABASE_URL=mysql://x/y\n' });
    expect(() => resolveConfig({ env: 'qa' }, { cwd, environ: {} })).toThrow(/unknown environment "qa": create \.env\.qa/);
    expect(() => resolveConfig({ env: 'staging' }, { cwd, environ: {} })).toThrow(/\.env\.staging: DATABASE_URL: unsupported database URL/);
    expect(() => resolveConfig({ url: 'nonsense' }, { cwd, environ: {} })).toThrow(/unsupported database URL/);
    const bad = project({ 'atlas.hcl': 'env "x" {\n  url = [42]\n}\n' });
    expect(() => resolveConfig({ env: 'x' }, { cwd: bad, environ: {} })).toThrow(/atlas\.hcl:2:9: expected a string, got a list/);
    // Without --env the project file is not read (as Atlas): a command like `migrate hash` never fails on it.
    expect(() => resolveConfig({}, { cwd: bad, environ: {} })).not.toThrow();
  });
});

describe('atlas.hcl subset', () => {
  it('reads env blocks with lists and getenv', () => {
    const envs = parseAtlasHcl(
      `# comment\nvariable "x" {\n  type = "string"\n}\nenv "dev" {\n  url = getenv("DB")\n  dev = "docker://postgres/15/dev"\n  schemas = ["a", "b"]\n  exclude = ["*.tmp"]\n  migration {\n    dir = "file://migrations"\n    revisions_schema = "public"\n  }\n}\n`,
      'atlas.hcl',
      { DB: 'postgres://h/d' },
    );
    expect(envs).toEqual([
      { name: 'dev', url: 'postgres://h/d', dev: 'docker://postgres/15/dev', schemas: ['a', 'b'], exclude: ['*.tmp'], revisionsSchema: 'public', migrationDir: 'file://migrations', schemaSrc: undefined },
    ]);
  });
});
