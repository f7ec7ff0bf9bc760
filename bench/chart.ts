/**
 * A dependency-free SVG chart of the bench's scaling curves: median time against N, both axes
 * logarithmic, one line per stage (failed or timed-out runs are left out and listed under the chart).
 */

export interface ChartRow {
  readonly stage: string;
  readonly n: number;
  readonly median: number;
  readonly note?: string;
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * @example
 * writeFileSync('bench/results/2026-11-24.svg', scalingChart(rows, 'Meridian bench'));
 */
export function scalingChart(rows: readonly ChartRow[], title: string): string {
  // Scaling curves only: corpus rows are single real-world points (listed in the JSON and on stdout).
  const ok = rows.filter((r) => !r.note && r.median > 0 && !r.stage.startsWith('corpus '));
  const stages = [...new Set(ok.map((r) => r.stage))];
  const failed = rows.filter((r) => r.note && !r.stage.startsWith('corpus ')).map((r) => `${r.stage} at N=${r.n}: ${r.note}`);
  const W = 860;
  const H = 520;
  const m = { l: 70, r: 290, t: 40, b: 60 };
  const ns = ok.map((r) => r.n);
  const ts = ok.map((r) => r.median);
  const lx = (v: number) => Math.log10(v);
  const [x0, x1] = ns.length ? [Math.floor(lx(Math.min(...ns))), Math.ceil(lx(Math.max(...ns)))] : [1, 4];
  const [y0, y1] = ts.length ? [Math.floor(lx(Math.min(...ts))), Math.ceil(lx(Math.max(...ts)))] : [0, 4];
  const px = (n: number) => m.l + ((lx(n) - x0) / Math.max(1, x1 - x0)) * (W - m.l - m.r);
  const py = (t: number) => H - m.b - ((lx(t) - y0) / Math.max(1, y1 - y0)) * (H - m.t - m.b);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H + failed.length * 16}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${m.l}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let e = x0; e <= x1; e++) {
    const x = px(10 ** e);
    out.push(`<line x1="${x}" y1="${m.t}" x2="${x}" y2="${H - m.b}" stroke="#ddd"/>`, `<text x="${x}" y="${H - m.b + 18}" text-anchor="middle">${(10 ** e).toLocaleString('en')}</text>`);
  }
  for (let e = y0; e <= y1; e++) {
    const y = py(10 ** e);
    const label = 10 ** e >= 1000 ? `${10 ** (e - 3)} s` : `${10 ** e} ms`;
    out.push(`<line x1="${m.l}" y1="${y}" x2="${W - m.r}" y2="${y}" stroke="#ddd"/>`, `<text x="${m.l - 8}" y="${y + 4}" text-anchor="end">${label}</text>`);
  }
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 18}" text-anchor="middle">tables (N, log scale)</text>`);
  out.push(`<text x="16" y="${(m.t + H - m.b) / 2}" transform="rotate(-90 16 ${(m.t + H - m.b) / 2})" text-anchor="middle">median time (log scale)</text>`);
  stages.forEach((stage, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = ok.filter((r) => r.stage === stage).sort((a, b) => a.n - b.n);
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${px(p.n).toFixed(1)},${py(p.median).toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) out.push(`<circle cx="${px(p.n).toFixed(1)}" cy="${py(p.median).toFixed(1)}" r="3" fill="${color}"><title>${esc(stage)} N=${p.n}: ${p.median.toFixed(1)} ms</title></circle>`);
    const ly = m.t + 10 + i * 20;
    out.push(`<line x1="${W - m.r + 16}" y1="${ly}" x2="${W - m.r + 40}" y2="${ly}" stroke="${color}" stroke-width="2"/>`, `<text x="${W - m.r + 46}" y="${ly + 4}">${esc(stage)}</text>`);
  });
  failed.forEach((f, i) => out.push(`<text x="${m.l}" y="${H + 4 + i * 16}" fill="#a00">${esc(f)}</text>`));
  out.push('</svg>');
  return out.join('\n') + '\n';
}
