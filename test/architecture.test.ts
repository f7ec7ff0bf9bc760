/**
 * The layering of DESIGN.md as a test over the import graph of src/ (read with the TypeScript compiler API,
 * `import`/`export … from` declarations, type-only ones included):
 *
 *  - cli → workflow → stages → model: nothing but cli imports cli; no stage imports the workflow;
 *    the CLI leaves composing the pipeline stages (diff, plan, lint) to the workflow;
 *  - diff, plan and model import no parser, database, inspector, migration or filesystem module;
 *  - lint's analyzers import no database, inspector, migration-directory or file-access module (the replay
 *    that feeds them on the dev database is the workflow's `lintDirectory`);
 *  - output renderers (src/render/: Atlas's lint report, lint findings) are called by the CLI and exported by the
 *    library; they import result types and the problem renderers (src/problem.ts), nothing that runs;
 *  - parse and migrate do not reach into each other, except migrate through the shared splitter in parse/;
 *  - no import cycles between modules.
 *
 * KNOWN lists the violations that exist today, each naming the issue point that removes it: the test fails
 * on a new violation and on an entry that no longer is one, so the list can only shrink.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Module (path under src/, `.ts`) → what it imports: other modules under src/, or package names (`node:fs`, `pg`). */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(SRC);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const targets: string[] = [];
    const visit = (node: ts.Node) => {
      const spec =
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
          ? node.moduleSpecifier.text
          : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])
            ? node.arguments[0].text
            : undefined;
      if (spec !== undefined) targets.push(spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts') : spec);
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

const area = (module: string) => (module.includes('/') ? module.slice(0, module.indexOf('/')) : module.replace(/\.ts$/, ''));
const STAGES = new Set(['input', 'parse', 'inspect', 'diff', 'plan', 'migrate', 'lint', 'prisma', 'typedsql', 'db', 'config', 'model', 'errors', 'problem']);
const FILESYSTEM = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'node:path']);
/** Modules that read or write files (path arithmetic is not file access). */
const FILE_ACCESS = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);
const DATABASE_PACKAGES = new Set(['pg', '@electric-sql/pglite']);
/** The one module migrate may use from parse/ (statement splitting with source locations). */
const SHARED_PARSE_FOR_MIGRATE = new Set<string>(['parse/split.ts']);

/** The rule an import breaks, or undefined. */
function ruleBroken(from: string, to: string): string | undefined {
  const [a, b] = [area(from), area(to)];
  const local = to.endsWith('.ts');
  if (local && b === 'cli' && a !== 'cli') return 'only the CLI imports the CLI';
  if (local && b === 'workflow' && STAGES.has(a)) return 'no stage imports the workflow';
  if (local && a === 'cli' && (b === 'diff' || b === 'plan' || b === 'lint')) return 'the CLI leaves composing diff, plan and lint to the workflow';
  if ((a === 'diff' || a === 'plan' || a === 'model') && (local ? ['parse', 'db', 'inspect', 'migrate', 'config'].includes(b) : FILESYSTEM.has(to) || DATABASE_PACKAGES.has(to)))
    return 'diff, plan and model import no parser, database or filesystem module';
  if (a === 'lint' && (local ? ['db', 'inspect', 'migrate'].includes(b) : FILE_ACCESS.has(to) || DATABASE_PACKAGES.has(to)))
    return 'lint analyzers are pure: the replay on the dev database is a workflow step';
  if (local && b === 'render' && a !== 'render' && a !== 'cli' && a !== 'index') return 'rendering output is for the CLI (and the library API): stages and the workflow return values';
  if (a === 'render' && (local ? !['render', 'lint', 'model', 'problem', 'errors'].includes(b) : FILE_ACCESS.has(to) || DATABASE_PACKAGES.has(to)))
    return 'render turns result values into text: it imports their types and the problem renderers, nothing that runs';
  if (a === 'problem' && local && b !== 'errors') return 'the problem shape and its renderers import nothing but errors';
  if (local && a === 'parse' && b === 'migrate') return 'parse does not reach into migrate';
  if (local && a === 'migrate' && b === 'parse' && !SHARED_PARSE_FOR_MIGRATE.has(to)) return 'migrate reaches parse only through the shared splitter (parse/split.ts)';
  return undefined;
}

/** Violations that exist today, each with the issue point that removes it. Only ever remove entries. */
const KNOWN: Readonly<Record<string, string>> = {};

/** Strongly connected components of more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return out;
}

describe('architecture: the import rules of DESIGN.md', () => {
  const graph = importGraph();

  it('reads the import graph of every module', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('workflow/clean.ts')).toContain('plan/index.ts');
    expect(graph.get('db/postgres.ts')).toContain('pg');
  });

  it('has no violation outside the known list, and every known entry is still a violation', () => {
    const found = new Map<string, string>();
    for (const [from, targets] of graph) for (const to of targets) {
      const rule = ruleBroken(from, to);
      if (rule) found.set(`${from} -> ${to}`, rule);
    }
    const fresh = [...found].filter(([edge]) => !(edge in KNOWN)).map(([edge, rule]) => `${edge}: ${rule}`);
    expect(fresh, 'new violations of the import rules').toEqual([]);
    const stale = Object.keys(KNOWN).filter((edge) => !found.has(edge));
    expect(stale, 'fixed violations still in KNOWN: remove them').toEqual([]);
  });

  it('finds a violation when there is one (the rules are live)', () => {
    expect(ruleBroken('plan/index.ts', 'parse/index.ts')).toMatch(/no parser/);
    expect(ruleBroken('diff/index.ts', 'node:fs')).toMatch(/filesystem/);
    expect(ruleBroken('inspect/index.ts', 'workflow/state.ts')).toMatch(/workflow/);
    expect(ruleBroken('workflow/dev.ts', 'cli/prompt.ts')).toMatch(/CLI/);
    expect(ruleBroken('parse/fold.ts', 'migrate/dir.ts')).toMatch(/parse does not reach/);
    expect(ruleBroken('migrate/apply.ts', 'parse/split.ts')).toBeUndefined();
    expect(ruleBroken('lint/index.ts', 'inspect/index.ts')).toMatch(/lint analyzers are pure/);
    expect(ruleBroken('lint/index.ts', 'node:fs')).toMatch(/lint analyzers are pure/);
    expect(ruleBroken('render/atlas-lint.ts', 'node:path')).toBeUndefined();
    expect(ruleBroken('render/atlas-lint.ts', 'node:fs')).toMatch(/render turns/);
    expect(ruleBroken('workflow/migrate-lint.ts', 'render/atlas-lint.ts')).toMatch(/rendering output/);
    expect(ruleBroken('cli/migrate-lint.ts', 'render/atlas-lint.ts')).toBeUndefined();
    expect(ruleBroken('cli/schema-actions.ts', 'diff/renames.ts')).toMatch(/composing diff, plan and lint/);
    expect(ruleBroken('problem.ts', 'parse/index.ts')).toMatch(/problem shape/);
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']], ['c.ts', ['a.ts']]]))).toEqual([['a.ts', 'b.ts']]);
  });

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });
});

/**
 * Issue #28.4: the parse tree is typed with libpg-query's own types (`@pgsql/types`, read through
 * src/parse/ast.ts), so the `any` type is written nowhere in src/ (a type annotation, `as any`, `<any>`,
 * `any[]`, `= any`), found as the compiler's `any` keyword nodes, not by matching text.
 */
/** How many times the `any` type is written in a source text. */
function anyTypes(file: string, text: string): number {
  let n = 0;
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) n++;
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return n;
}

/** Whether a module imports the name `Node` from parse/pg.ts (where the untyped `Node = any` lived until #28.4). */
function importsUntypedNode(module: string, text: string): boolean {
  const source = ts.createSourceFile(module, text, ts.ScriptTarget.Latest, true);
  return source.statements.some(
    (s) =>
      ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) &&
      relative(SRC, resolve(dirname(join(SRC, module)), s.moduleSpecifier.text)) === 'parse/pg.js' &&
      !!s.importClause?.namedBindings && ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => (e.propertyName ?? e.name).text === 'Node'),
  );
}

describe('typed trees: no `any` in src/ (issue #28.4)', () => {
  const modules = [...importGraph().keys()];
  const text = (m: string) => readFileSync(join(SRC, m), 'utf8');

  it('writes the `any` type nowhere', () => {
    expect(modules.filter((m) => anyTypes(m, text(m)) > 0).sort()).toEqual([]);
  });

  it('no module reads an untyped `Node` from parse/pg.ts (nodes are typed through parse/ast.ts)', () => {
    expect(modules.filter((m) => importsUntypedNode(m, text(m))).sort()).toEqual([]);
  });

  it('finds an `any` when there is one (the check is live)', () => {
    expect(anyTypes('x.ts', 'const a = 1; // any\nconst s = "any";')).toBe(0);
    expect(anyTypes('x.ts', 'let a: any; const b = c as any; const d = <any>e; let f: any[]; type G = any;')).toBe(5);
    expect(importsUntypedNode('parse/kinds/x.ts', "import { deparseStatement, type Node } from '../pg.js';")).toBe(true);
    expect(importsUntypedNode('parse/kinds/x.ts', "import type { Node } from '../ast.js';")).toBe(false);
  });
});
