/**
 * Issue 13's import cases, run in a host-like process (bench/big-import-host.ts, bundled and forked: it opens the
 * benchmark's data folder as the hosts do and imports through `dispatch` with the import parsed in a worker thread),
 * so the RSS printed is a host's, not this process's (which holds the generated register and the workbooks):
 * - the 25 MB workbook with 50 clients and formatting down to row 1,000,051: preview time and the host's peak RSS
 *   (VmRSS of the host process read from /proc every 10 ms while the call runs; its worker threads are part of it),
 *   target ≤ 5 s and ≤ 500 MB;
 * - a 20,000-row sheet previewed and committed, target ≤ 10 s, with the host's peak RSS over both calls (reading,
 *   checking and writing all in the worker, on its own connection);
 * - `clients.list` while that import runs (in the host, as the renderer would call it): a call every 20 ms, latency
 *   from its scheduled time (so time the thread spends blocked counts), target p95 ≤ 50 ms; also by the job's state;
 * - the commit's write transaction beside a bare SQL floor, and a save on the UI thread during the write.
 * `--ci` uses 100,051 styled rows and 2,000 rows instead. Linux only for the RSS (/proc); elsewhere it is left out.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { ServiceContext } from '../db/service/context';
import { clientRows, styledWorkbook, xlsxOf } from '../tests/helpers/workbooks';
import type { HostJob, HostMessage } from './big-import-host';
import type { CaseResult } from './service-cases';

/** Resident set of process `pid` in MB (VmRSS, or VmHWM: its peak so far), or null where /proc is not there. */
function procMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Bundles the host-like process and the import worker as the app ships them (not TypeScript through tsx). */
async function bundles(out: string): Promise<{ host: string; worker: string }> {
  const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', define: { 'import.meta.dirname': '__dirname' }, logLevel: 'warning' } as const;
  const worker = path.join(out, 'import-worker.cjs');
  const host = path.join(out, 'big-import-host.cjs');
  await build({ ...common, entryPoints: [path.resolve(import.meta.dirname, '../db/import/worker.ts')], outfile: worker, external: ['better-sqlite3'] });
  await build({ ...common, entryPoints: [path.resolve(import.meta.dirname, 'big-import-host.ts')], outfile: host, external: ['better-sqlite3', 'electron', 'playwright-core'] });
  return { host, worker };
}

/**
 * The cases, on the benchmark's data folder (`base.dataDir`; its clients stay, the imported ones are removed by the
 * host afterwards). `base.db` must not be inside a write transaction: the host opens the folder beside it.
 */
export async function bigImportCases(base: ServiceContext, opt: { ci: boolean; now: Date }): Promise<CaseResult[]> {
  const out = path.resolve(import.meta.dirname, 'out');
  fs.mkdirSync(out, { recursive: true });
  const { host } = await bundles(out); // the worker bundle lies beside the host's
  const styledTo = opt.ci ? 100_051 : 1_000_051;
  const n = opt.ci ? 2000 : 20_000;
  const styledFile = path.join(out, 'styled.xlsx');
  const bigFile = path.join(out, `clients-${n}.xlsx`);
  fs.writeFileSync(styledFile, await styledWorkbook(51, styledTo));
  fs.writeFileSync(bigFile, await xlsxOf(clientRows(n)));
  base.db.pragma('wal_checkpoint(TRUNCATE)');

  // The host's bundle finds the worker's beside it (db/worker-script.ts).
  const child = fork(host, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const peaks = new Map<string, { beforeMb: number; peakMb: number }>();
  let current: string | null = null;
  const sample = () => {
    const mb = procMb(child.pid!, 'VmRSS');
    if (current && mb !== null) {
      const p = peaks.get(current)!;
      p.peakMb = Math.max(p.peakMb, mb);
    }
  };
  const timer = setInterval(sample, 10);
  try {
    const results = await new Promise<CaseResult[]>((resolve, reject) => {
      child.on('message', (m: HostMessage) => {
        if (m.type === 'phase') {
          sample();
          current = m.name;
          if (m.name) {
            const mb = procMb(child.pid!, 'VmRSS') ?? 0;
            peaks.set(m.name, { beforeMb: mb, peakMb: mb });
          }
          child.send({ type: 'ack' });
        } else if (m.type === 'done') resolve(m.results);
        else reject(new Error(m.error));
      });
      child.on('exit', (code) => reject(new Error(`the host process exited (${code}) before answering`)));
      child.send({ type: 'job', dataDir: base.dataDir, now: opt.now.toISOString(), styled: { file: styledFile, rowsTo: styledTo }, big: { file: bigFile, rows: n } } satisfies HostJob);
    });
    const rss = (name: string) => {
      const p = peaks.get(name);
      return p ? `host peak RSS ${p.peakMb.toFixed(0)} MB (target ≤ 500 MB; ${p.beforeMb.toFixed(0)} MB before the call: +${(p.peakMb - p.beforeMb).toFixed(0)} MB)` : 'host RSS not measured (no /proc)';
    };
    for (const r of results) {
      if (r.name.startsWith('import: preview, 50 clients')) r.note = `${rss('styled')}; ${r.note ?? ''}`;
      const pv = peaks.get('big');
      const cm = peaks.get('big-commit');
      if (r.name.startsWith('import: preview + commit') && pv && cm) {
        r.note = `host peak RSS ${Math.max(pv.peakMb, cm.peakMb).toFixed(0)} MB (target ≤ 500 MB; ${pv.beforeMb.toFixed(0)} MB before the preview: preview +${(pv.peakMb - pv.beforeMb).toFixed(0)} MB, commit +${(cm.peakMb - pv.beforeMb).toFixed(0)} MB); ${r.note ?? ''}`;
      }
    }
    return results;
  } catch (e) {
    return [{ group: 'import', name: 'import: big-import cases in a host process', service: null, bare: null, skipped: String(e) }];
  } finally {
    clearInterval(timer);
    child.removeAllListeners('exit');
    if (child.exitCode === null) child.kill();
    fs.rmSync(styledFile, { force: true });
    fs.rmSync(bigFile, { force: true });
  }
}
