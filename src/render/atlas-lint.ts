/**
 * `migrate lint`'s default output: Atlas's text report (its `migratelint.DefaultTemplate`), so a pipeline that
 * greps Atlas's lint output reads Meridian's the same way. Rendered without colours (Atlas colours only on a
 * terminal; the bytes are otherwise the same). Facts taken from Atlas's template: the heading, a section per
 * version, `-- L<n>: <text> https://atlasgo.io/lint/analyzers#<code>` wrapped at 85 columns by Atlas's
 * word rule, `-- ok (<duration>)`, and the summary lines.
 */
import { basename } from 'node:path';
import type { Finding, LintResult } from '../lint/index.js';

/** Report titles per analyzer, as Atlas's analyzers write them. */
const REPORT_TEXT: Record<Finding['analyzer'], string> = {
  destructive: 'destructive changes detected',
  data_depend: 'data dependent changes detected',
  condrop: 'constraint deletion detected',
  incompatible: 'backward incompatible changes detected',
  concurrent_index: 'concurrent index violations detected',
  naming: 'naming violations detected',
  postgres: 'locking and table rewrite changes detected',
  execution: 'execution errors detected',
};
/** The order Atlas runs its PostgreSQL analyzers in (then Meridian's own). */
const ORDER: readonly Finding['analyzer'][] = ['destructive', 'data_depend', 'condrop', 'incompatible', 'concurrent_index', 'naming', 'postgres'];

/**
 * Go's `time.Duration.String()` for a duration in nanoseconds: `812.5µs`, `12.003ms`, `1.5s`, `2m3.5s`.
 *
 * @example
 * goDuration(1_234_567n) // '1.234567ms'
 */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  const n = neg ? -ns : ns;
  const frac = (v: bigint, unit: bigint, digits: number) => {
    const whole = v / unit;
    const rest = (v % unit).toString().padStart(digits, '0').replace(/0+$/, '');
    return rest ? `${whole}.${rest}` : `${whole}`;
  };
  let s: string;
  if (n < 1_000n) s = `${n}ns`;
  else if (n < 1_000_000n) s = `${frac(n, 1_000n, 3)}µs`;
  else if (n < 1_000_000_000n) s = `${frac(n, 1_000_000n, 6)}ms`;
  else {
    const h = n / 3_600_000_000_000n;
    const m = (n / 60_000_000_000n) % 60n;
    const sec = frac(n % 60_000_000_000n, 1_000_000_000n, 9);
    s = `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${sec}s`;
  }
  return neg ? `-${s}` : s;
}

/** Atlas's `maxWidth` template function: words packed into lines while their lengths (spaces not counted) fit. */
export function maxWidth(text: string, n: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let j = 0;
  let k = 0;
  for (let i = 0; i < words.length; i++) {
    if (k + words[i]!.length > n) {
      lines.push(words.slice(j, i).join(' '));
      k = 0;
      j = i;
    }
    k += words[i]!.length;
  }
  lines.push(words.slice(j).join(' '));
  return lines;
}

const plural = (n: number, word: string, suffix = 's') => `${n} ${word}${n === 1 ? '' : suffix}`;

/** Atlas's `VersionStatuses`: "1 version ok, 2 with warnings, 1 with errors". */
function versionStatuses(ok: number, warns: number, errs: number): string {
  const parts: string[] = [];
  for (const [n, s] of [[ok, 'ok'], [warns, 'with warnings'], [errs, 'with errors']] as const) {
    if (n === 0) continue;
    parts.push(parts.length === 0 ? `${n} version${n === 1 ? '' : 's'} ${s}` : `${n} ${s}`);
  }
  return parts.join(', ');
}

/**
 * Renders a lint result as Atlas's default text report.
 *
 * @example
 * formatAtlasLint(await lintDirectory(dev, 'migrations', { latest: 1 }))
 * // 'Analyzing changes from version 2 to 3 (1 migration in total):\n\n  -- analyzing version 3\n …'
 */
export function formatAtlasLint(r: LintResult): string {
  const rep = r.report;
  if (!rep.files.length) return '';
  const out: string[] = [];
  const total = rep.files.length;
  const heading = rep.from && rep.to ? `Analyzing changes from version ${rep.from} to ${rep.to}` : rep.to ? `Analyzing changes until version ${rep.to}` : 'Analyzing changes';
  out.push(`${heading} (${plural(total, 'migration')} in total):\n`, '\n');
  let ok = 0;
  let warns = 0;
  let errs = 0;
  let diagnostics = 0;
  for (const f of rep.files) {
    const findings = r.findings.filter((x) => basename(x.file) === f.name);
    const failure = findings.find((x) => x.analyzer === 'execution');
    if (failure) {
      // Atlas stops loading at a statement the dev database rejects and reports only that error.
      out.push(`  Error: executing statement: ${failure.statement ? `${failure.statement}: ` : ''}${failure.message.replace(/^statement fails on the dev database: /, '')}\n\n`);
      errs++;
      break;
    }
    out.push(`  -- analyzing version ${f.version}\n`);
    const fixes: string[] = [];
    let any = false;
    for (const analyzer of ORDER) {
      const group = findings.filter((x) => x.analyzer === analyzer);
      if (!group.length) continue;
      any = true;
      out.push(`    -- ${REPORT_TEXT[analyzer]}:\n`);
      for (const d of group) {
        const prefix = `      -- L${d.line}: `;
        const lines = maxWidth(`${d.message} https://atlasgo.io/lint/analyzers#${d.code}`, 85 - prefix.length);
        out.push(prefix + lines.map((l, i) => (i ? `         ${l}` : l)).join('\n') + '\n');
        if (d.suggested) fixes.push(d.suggested);
        diagnostics++;
      }
    }
    if (!any) out.push('    -- no diagnostics found\n');
    if (fixes.length) {
      out.push(`    -- suggested fix${fixes.length === 1 ? '' : 'es'}:\n`);
      for (const fix of fixes) out.push('      -> ' + maxWidth(fix, 85 - 9).map((l, i) => (i ? `         ${l}` : l)).join('\n') + '\n');
    }
    out.push(`  -- ok (${goDuration(BigInt(Math.round(f.ns)))})\n`, '\n');
    if (findings.some((x) => x.severity === 'error')) errs++;
    else if (any) warns++;
    else ok++;
  }
  out.push('  -------------------------\n', `  -- ${goDuration(BigInt(Math.round(rep.ns)))}\n`, `  -- ${versionStatuses(ok, warns, errs)}\n`);
  const changes = rep.files.reduce((n, f) => n + f.changes, 0);
  if (changes) out.push(`  -- ${plural(changes, 'schema change')}\n`);
  if (diagnostics) out.push(`  -- ${plural(diagnostics, 'diagnostic')}\n`);
  return out.join('');
}
