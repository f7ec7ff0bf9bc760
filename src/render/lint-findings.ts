/**
 * `migrate lint --format lines|json|github`: lint findings through the located-problem renderers
 * (src/problem.ts), with the summary line the `lines` format ends with.
 *
 * In:  a LintResult. Out: text. Never: prints, or runs anything.
 */
import { findingProblem, type LintResult } from '../lint/index.js';
import { formatProblems, formatProblemsGithub } from '../problem.js';

/**
 * Renders findings: `lines` (`file:line:col: severity CODE: message` and its fix, then a summary), `json`
 * (the whole result), or GitHub workflow commands.
 *
 * @example
 * formatFindings(await migrateLint({ dir, dev }), 'github') // '::error file=m/2_x.sql,line=2,col=3,title=DS102::…\n'
 */
export function formatFindings(r: LintResult, format: 'lines' | 'text' | 'json' | 'github'): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  const problems = r.findings.map(findingProblem);
  if (format === 'github') return formatProblemsGithub(problems);
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  return `${problems.length ? formatProblems(problems, { label: 'plain' }) + '\n' : ''}${r.files.length} file(s) linted: ${errors} error(s), ${r.findings.length - errors} warning(s)\n`;
}
