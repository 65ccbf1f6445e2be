/** Prints the benchmark's table and writes it as JSON (bench/out/results.json). Never fails on time. */
import fs from 'node:fs';
import path from 'node:path';
import type { CaseResult } from './service-cases';

const ms = (v: number | undefined) => (v === undefined ? '—' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));

/** Whether a row meets its targets: 'ok', 'MISS' (with how much), '' without target, 'skipped'. */
export function verdict(r: CaseResult): string {
  if (r.skipped) return 'skipped';
  if (!r.target || !r.service) return '';
  const misses: string[] = [];
  if (r.target.p95Ms !== undefined && r.service.p95 > r.target.p95Ms) misses.push(`p95 ${(r.service.p95 / r.target.p95Ms).toFixed(1)}× target`);
  const ratio = ratioOf(r, 'median');
  if (r.target.ratio !== undefined && ratio !== null && ratio > r.target.ratio) misses.push(`median ratio ${ratio.toFixed(2)} > ${r.target.ratio}`);
  return misses.length ? `MISS (${misses.join('; ')})` : 'ok';
}

/**
 * Service ÷ bare at the median or at p95, or null without a bare measurement. Verdicts use the median: at p95 a
 * sub-millisecond pair is dominated by whichever of the two the machine happened to interrupt.
 */
export function ratioOf(r: CaseResult, at: 'median' | 'p95'): number | null {
  return r.service && r.bare && r.bare[at] > 0 ? r.service[at] / r.bare[at] : null;
}

function pad(s: string, w: number): string {
  // East Asian characters take two columns in a terminal.
  const width = [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, w - width));
}

/** The table as text: case, runs, service median/p95, bare median/p95, ratios, target, verdict. */
export function formatTable(results: readonly CaseResult[]): string {
  const head = ['case', 'runs', 'median ms', 'p95 ms', 'bare med', 'bare p95', 'ratio med', 'ratio p95', 'target', 'verdict'];
  const rows = results.map((r) => [
    r.name,
    String(r.service?.runs ?? '—'),
    ms(r.service?.median),
    ms(r.service?.p95),
    ms(r.bare?.median),
    ms(r.bare?.p95),
    ratioOf(r, 'median')?.toFixed(2) ?? '—',
    ratioOf(r, 'p95')?.toFixed(2) ?? '—',
    r.target ? [r.target.p95Ms !== undefined && `p95≤${r.target.p95Ms}`, r.target.ratio !== undefined && `≤${r.target.ratio}×`].filter(Boolean).join(' ') : '',
    verdict(r) + (r.skipped ? `: ${r.skipped}` : ''),
  ]);
  const widths = head.map((h, i) => Math.min(i === 0 ? 62 : 40, Math.max(h.length, ...rows.map((r) => (i === 9 ? 0 : [...r[i]].length + 2)))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join(' ');
  return [line(head), line(head.map((_, i) => '-'.repeat(i === 9 ? 7 : widths[i]))), ...rows.map(line)].join('\n');
}

/** Writes `{ meta, results }` to `file` (folders created), rounding times to 0.001 ms. */
export function writeJson(file: string, meta: Record<string, unknown>, results: readonly CaseResult[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const round = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
  const rows = results.map((r) => ({ ...r, ratioMedian: ratioOf(r, 'median'), ratioP95: ratioOf(r, 'p95'), verdict: verdict(r) }));
  fs.writeFileSync(file, JSON.stringify({ meta, results: rows }, round, 2));
}
