/**
 * atlas.hcl as Atlas's documentation writes it (https://atlasgo.io/atlas-schema/projects: variables and
 * --var, locals, heredocs, getenv, data "runtimevar", data "sql", for_each, an unlabeled env named by
 * atlas.env): what can be evaluated without a database or a cloud account is, what cannot is refused with
 * atlas.hcl:line:col when the selected env uses it, and a command without --env never reads the file.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAtlasHcl } from '../../src/config/atlas-hcl.js';
import { parseHcl } from '../../src/config/hcl.js';
import { resolveConfig } from '../../src/config/config.js';
import { runInProcess } from '../helpers/cli-inproc.js';

const PROJECT = `
variable "db_url" {
  type    = string
  default = getenv("DB_URL")
}

variable "tenant" {
  type = string
}

locals {
  dir = "file://migrations"
  dev = "docker://postgres/15/dev?search_path=\${var.tenant}"
}

data "runtimevar" "pass" {
  url = "constant://?val=s3cret&decoder=string"
}

data "runtimevar" "from_file" {
  url = "file://secret.txt"
}

data "sql" "tenants" {
  url   = var.db_url
  query = <<EOS
SELECT schema_name
  FROM information_schema.schemata
 WHERE schema_name LIKE 'tenant_%'
EOS
}

env "local" {
  url = "postgres://app:\${data.runtimevar.pass}@localhost:5432/app?search_path=\${var.tenant}"
  dev = local.dev
  schemas = [var.tenant]
  migration {
    dir = local.dir
    revisions_schema = "public"
  }
  format {
    migrate {
      apply = "{{ json . }}"
    }
  }
}

env "file_secret" {
  url = "postgres://app:\${data.runtimevar.from_file}@db/app"
}

env "tenants" {
  for_each = toset(data.sql.tenants.values)
  url      = urlqueryset(var.db_url, "search_path", each.value)
}

env {
  name = atlas.env
  url  = "postgres://localhost/\${atlas.env}"
  protected = false
}
`;
/** 1-based line of the first line of PROJECT starting with the given text. */
const lineOf = (start: string) => PROJECT.split('\n').findIndex((l) => l.startsWith(start)) + 1;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-atlas-hcl-'));
  writeFileSync(join(dir, 'atlas.hcl'), PROJECT);
  writeFileSync(join(dir, 'secret.txt'), 'from-a-file\n');
  return dir;
}

describe("atlas.hcl, as Atlas's documentation writes it", () => {
  it('parses the whole file: heredocs, interpolation, blocks inside blocks, an unlabeled env', () => {
    expect(() => parseHcl(PROJECT, 'atlas.hcl')).not.toThrow();
    const body = parseHcl('a = <<-EOT\n    one\n      two\n    EOT\nb = "x${var.y}z"\n', 'atlas.hcl');
    expect(body.attrs.a).toMatchObject({ k: 'lit', v: 'one\n  two\n' });
    expect(body.attrs.b).toMatchObject({ k: 'tpl', parts: ['x', { k: 'ref', root: 'var', path: ['y'] }, 'z'] });
  });

  it('evaluates variables (--var, defaults from getenv), locals, runtimevars and nested blocks for the selected env', () => {
    const text = PROJECT;
    const cwd = project();
    const [local] = parseAtlasHcl(text, 'atlas.hcl', { DB_URL: 'postgres://admin@db/app' }, { select: 'local', vars: { tenant: 'tenant_a' }, cwd });
    expect(local).toEqual({
      name: 'local',
      url: 'postgres://app:s3cret@localhost:5432/app?search_path=tenant_a',
      dev: 'docker://postgres/15/dev?search_path=tenant_a',
      schemas: ['tenant_a'],
      exclude: undefined,
      revisionsSchema: 'public',
      migrationDir: 'file://migrations',
      schemaSrc: undefined,
    });
    const [fileSecret] = parseAtlasHcl(text, 'atlas.hcl', {}, { select: 'file_secret', cwd });
    expect(fileSecret!.url).toBe('postgres://app:from-a-file@db/app');
    // The unlabeled env serves any name through atlas.env.
    const any = parseAtlasHcl(text, 'atlas.hcl', {}, { select: 'staging', cwd });
    expect(any.map((e) => [e.name, e.url])).toEqual([['staging', 'postgres://localhost/staging']]);
  });

  it('refuses, located, what needs a database or is missing — only when the selected env uses it', () => {
    const text = PROJECT;
    const cwd = project();
    expect(() => parseAtlasHcl(text, 'atlas.hcl', {}, { select: 'local', cwd })).toThrow(new RegExp(`^atlas\\.hcl:${lineOf('variable "tenant"')}:1: variable "tenant" has no value: pass --var tenant=… or give it a default$`));
    expect(() => parseAtlasHcl(text, 'atlas.hcl', { DB_URL: 'postgres://h/d' }, { select: 'tenants', cwd })).toThrow(
      new RegExp(`^atlas\\.hcl:${lineOf('data "sql"')}:1: data "sql" "tenants" runs a query on a database to configure an env; only commands that run over a fleet \\(migrate apply, migrate status, migrate diff\\) evaluate it`),
    );
    expect(() => parseAtlasHcl('env "x" {\n  url = upper(var.nope)\n}\n', 'atlas.hcl', {}, { select: 'x' })).toThrow(/^atlas\.hcl:2:15: var\.nope: no variable "nope" is declared$/);
    expect(() => parseAtlasHcl('env "x" {\n  url = "a" == "b"\n}\n', 'atlas.hcl', {}, { select: 'x' })).toThrow(/^atlas\.hcl:2:13: operator "==" is not supported/);
    expect(() => parseAtlasHcl('env "x" {\n  url = "a\n}\n', 'atlas.hcl', {}, { select: 'x' })).toThrow(/^atlas\.hcl:2:9: unterminated string/);
    const fleet = 'variable "u" {\n  default = "postgres://h/d"\n}\nenv "fleet" {\n  for_each = toset(["a", "b"])\n  url = urlqueryset(var.u, "search_path", each.value)\n}\n';
    expect(() => parseAtlasHcl(fleet, 'atlas.hcl', {}, { select: 'fleet' })).toThrow(/^atlas\.hcl:5:14: env "fleet" applies to 2 targets \(for_each\): only migrate apply, migrate status and migrate diff \(a drift report\) run over a fleet/);
    // Another env of the same file is not evaluated, so its problems do not matter.
    expect(parseAtlasHcl(`${fleet}env "ok" {\n  url = "postgres://h/ok"\n}\n`, 'atlas.hcl', {}, { select: 'ok' })[0]!.url).toBe('postgres://h/ok');
  });

  it('--var reaches the env through the command line; migrate hash never reads the file', async () => {
    const cwd = project();
    writeFileSync(join(cwd, 'atlas.hcl'), PROJECT);
    const cfg = resolveConfig({ env: 'local', vars: ['tenant=tenant_b'] }, { cwd, environ: {} });
    expect(cfg.url).toBe('postgres://app:s3cret@localhost:5432/app?search_path=tenant_b');
    expect(() => resolveConfig({ env: 'local', vars: ['nope=1'] }, { cwd, environ: {} })).toThrow(/--var nope: the project file declares no variable "nope"/);
    expect(() => resolveConfig({ vars: ['tenant=x'] }, { cwd, environ: {} })).toThrow(/--var needs a project file env/);

    writeFileSync(join(cwd, 'atlas.hcl'), `${PROJECT}env "bad" {\n  url = "a" == "b"\n}\n`); // an operator Meridian refuses
    mkdirSync(join(cwd, 'migrations'));
    writeFileSync(join(cwd, 'migrations', '1.sql'), 'CREATE TABLE t (id int);\n');
    const hash = await runInProcess(['migrate', 'hash', '--dir', 'file://migrations'], { cwd });
    expect(hash).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(cwd, 'migrations', 'atlas.sum'), 'utf8')).toMatch(/^h1:/);
  });
});
