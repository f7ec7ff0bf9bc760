import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/config.js';
import { isLocalUrl, protectionFor } from '../../src/config/protection.js';
import { decideConsent, HAZARD_CODES, planHash, type PlannedHazard } from '../../src/workflow/consent.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-prot-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('protection is a property of the environment', () => {
  it('is on for production-like names and for any server that is not this machine', () => {
    for (const name of ['prod', 'production', 'live', 'prod-eu', 'eu_production', 'PROD']) {
      expect(protectionFor({ envName: name, url: 'postgres://127.0.0.1/app' }).protected, name).toBe(true);
    }
    for (const name of ['local', 'dev', 'test', 'product', 'liver', 'staging']) {
      expect(protectionFor({ envName: name, url: 'postgres://127.0.0.1/app' }).protected, name).toBe(false);
    }
    expect(protectionFor({ envName: 'staging', url: 'postgres://u:p@db.internal:5432/app' })).toEqual({ protected: true, reason: 'the database host "db.internal" is not this machine' });
    for (const u of ['pglite://memory', 'pglite://./.meridian/pglite', 'postgres://localhost/a', 'postgres://127.0.0.5/a', 'postgres://[::1]/a', 'postgres:///a?host=/var/run/postgresql']) {
      expect(isLocalUrl(u), u).toBe(true);
    }
    expect(isLocalUrl('postgres://10.0.0.5/a')).toBe(false);
  });

  it('reads an explicit setting from atlas.hcl or the env file; the process environment may add protection, never lift it', () => {
    const cwd = project({
      '.env.prod': 'DATABASE_URL=postgres://postgres@127.0.0.1/app\n',
      '.env.qa': 'DATABASE_URL=postgres://postgres@127.0.0.1/qa\nMERIDIAN_PROTECTED=1\n',
      '.env.remote': 'DATABASE_URL=postgres://postgres@db.example.com/app\nMERIDIAN_PROTECTED=0\n',
      'atlas.hcl': 'env "shared" {\n  url = "postgres://127.0.0.1/shared"\n  protected = true\n}\nenv "live" {\n  url = "postgres://127.0.0.1/live"\n  protected = false\n}\n',
    });
    const at = (env: string, environ: NodeJS.ProcessEnv = {}) => resolveConfig({ env }, { cwd, environ }).protection;
    expect(at('prod')).toEqual({ protected: true, reason: 'env "prod" is named like production' });
    expect(at('qa')).toEqual({ protected: true, reason: '.env.qa: MERIDIAN_PROTECTED=1' });
    expect(at('remote')).toEqual({ protected: false, reason: '.env.remote: MERIDIAN_PROTECTED=0' });
    expect(at('shared')).toEqual({ protected: true, reason: 'atlas.hcl env "shared": protected = true' });
    expect(at('live')).toEqual({ protected: false, reason: 'atlas.hcl env "live": protected = false' });
    expect(at('prod', { MERIDIAN_PROTECTED: '0' }).protected).toBe(true);
    expect(resolveConfig({ url: 'postgres://127.0.0.1/x' }, { cwd, environ: { MERIDIAN_PROTECTED: '1' } }).protection.protected).toBe(true);
    expect(() => resolveConfig({ env: 'x' }, { cwd: project({ '.env.x': 'DATABASE_URL=pglite://memory\nMERIDIAN_PROTECTED=maybe\n' }), environ: {} })).toThrow(/\.env\.x: MERIDIAN_PROTECTED must be 1 or 0/);
  });

  it('the named env wins over an exported DATABASE_URL, and the conflict is said out loud (password masked)', () => {
    const cwd = project({ 'atlas.hcl': 'env "local" {\n  url = "postgres://me:pw@127.0.0.1/local_db"\n}\n', '.env.staging': 'DATABASE_URL=postgres://me:pw@127.0.0.1/staging_db\n' });
    const environ = { DATABASE_URL: 'postgres://ci:secret@staging.example.com/app' };
    for (const env of ['local', 'staging']) {
      const cfg = resolveConfig({ env }, { cwd, environ });
      expect(cfg.url).toBe(`postgres://me:pw@127.0.0.1/${env}_db`);
      expect(cfg.warnings.join('\n')).toMatch(new RegExp(`DATABASE_URL is exported as postgres://ci:xxxxx@staging\\.example\\.com/app, but env "${env}" sets postgres://me:xxxxx@127\\.0\\.0\\.1/${env}_db .*: using env "${env}"`));
      expect(cfg.warnings.join('\n')).not.toMatch(/secret|:pw@/);
    }
    // Same value: no warning; no env named: the exported URL is used.
    expect(resolveConfig({ env: 'local' }, { cwd, environ: { DATABASE_URL: 'postgres://me:pw@127.0.0.1/local_db' } }).warnings).toEqual([]);
    expect(resolveConfig({}, { cwd, environ }).url).toBe(environ.DATABASE_URL);
  });
});

describe('consent rules (workflow layer)', () => {
  const unprotected = { protected: false, reason: 'the database is local' };
  const prot = { protected: true, reason: 'env "prod" is named like production' };
  const hash = planHash(['stmt']);

  it('each hazard class blocks --auto-approve unless named, with a message listing the statements', () => {
    for (const code of HAZARD_CODES) {
      const hazards: PlannedHazard[] = [{ code, statement: `STATEMENT OF ${code}`, message: 'why' }];
      const ctx = { command: 'schema apply', protection: unprotected };
      expect(() => decideConsent(ctx, { hazards, hash }, { autoApprove: true, interactive: false }), code).toThrow(new RegExp(`--allow-hazards ${code}:\\n  ${code}:\\n    STATEMENT OF ${code}  -- why`));
      expect(decideConsent(ctx, { hazards, hash }, { autoApprove: true, allowHazards: [code.toLowerCase()], interactive: false })).toEqual({ kind: 'proceed', via: 'auto-approve' });
      // A person at a terminal is shown the hazards and asked.
      expect(decideConsent(ctx, { hazards, hash }, { autoApprove: true, interactive: true })).toEqual({ kind: 'ask' });
      // Protected: never without the name, not even interactively or by plan hash.
      const pctx = { command: 'migrate apply', protection: prot, envName: 'prod' };
      for (const input of [{ autoApprove: true, interactive: false }, { interactive: true }, { approvePlan: hash, interactive: false }]) {
        expect(() => decideConsent(pctx, { hazards, hash }, input)).toThrow(/env "prod" is protected \(env "prod" is named like production\).*--allow-hazards/);
      }
      expect(decideConsent(pctx, { hazards, hash }, { autoApprove: true, allowHazards: [code], interactive: false }).kind).toBe('proceed');
    }
    expect(() => decideConsent({ command: 'x', protection: unprotected }, { hazards: [], hash }, { allowHazards: ['EVERYTHING'], interactive: false })).toThrow(/unknown hazard "EVERYTHING"/);
  });

  it('a protected environment runs unattended only on --auto-approve or the exact plan hash', () => {
    const ctx = { command: 'migrate apply', protection: prot, envName: 'prod', unattendedByDefault: true };
    expect(() => decideConsent(ctx, { hazards: [], hash }, { interactive: false })).toThrow(/nothing runs unattended without an explicit approval.*--approve-plan sha256:/);
    expect(decideConsent(ctx, { hazards: [], hash }, { approvePlan: hash.slice(0, 20), interactive: false })).toEqual({ kind: 'proceed', via: 'plan-hash' });
    expect(() => decideConsent(ctx, { hazards: [], hash }, { approvePlan: planHash(['other']), interactive: false })).toThrow(/does not match the plan to run/);
    expect(() => decideConsent(ctx, { hazards: [], hash }, { approvePlan: hash.slice(0, 10), interactive: false })).toThrow(/does not match/);
    expect(decideConsent(ctx, { hazards: [], hash }, { interactive: true })).toEqual({ kind: 'ask' });
    // Unprotected migrate apply: Atlas's behaviour without a terminal.
    expect(decideConsent({ ...ctx, protection: unprotected }, { hazards: [], hash }, { interactive: false })).toEqual({ kind: 'proceed', via: 'unattended' });
    expect(() => decideConsent({ command: 'schema apply', protection: unprotected }, { hazards: [], hash }, { interactive: false })).toThrow(/stdin is not a terminal: pass --auto-approve/);
  });
});
