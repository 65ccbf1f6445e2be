/**
 * Print routes and file names of the weekly exports (PDF through renderer/src/host.ts `printRoute`).
 */
import type { RollupFilters } from '../../stores/weekly-store';

/** A query string with every value percent-encoded (no '+' for spaces: the Electron host only accepts
 *  `[\w\-/?=&,.%]` in a print route). */
function query(params: Array<[string, string]>): string {
  const enc = (v: string) => encodeURIComponent(v).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return params.map(([k, v]) => `${k}=${enc(v)}`).join('&');
}

/** '#/print/weekly-rollup?week=2026-W48&city=…' with the roll-up's filters and sort (empty filters left out). */
export function rollupPrintHash(week: string, f: RollupFilters): string {
  const p: Array<[string, string]> = [['week', week]];
  if (f.city) p.push(['city', f.city]);
  if (f.stage) p.push(['stage', f.stage]);
  if (f.consultant) p.push(['consultant', f.consultant]);
  p.push(['sort', f.sort], ['dir', f.dir]);
  return `#/print/weekly-rollup?${query(p)}`;
}

/** '#/print/weekly-client?clientId=12&week=2026-W48'. */
export function clientPrintHash(clientId: number, week: string): string {
  return `#/print/weekly-client?${query([['clientId', String(clientId)], ['week', week]])}`;
}

/** '周报汇总_2026-W48.pdf' / '周报_<company>_2026-W48.pdf'. */
export function pdfFileName(week: string, clientName?: string): string {
  return clientName ? `周报_${clientName}_${week}.pdf` : `周报汇总_${week}.pdf`;
}
