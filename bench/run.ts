/**
 * `npm run bench [-- --clients N] [-- --ci] [-- --seed S] [-- --runs R] [-- --no-browser] [-- --keep] [-- --reuse]
 *   [-- --files-mb N] [-- --attach-files N] [-- --no-attachments] [-- --only-attachments] [-- --only GROUP] [-- --attachment-rows N]
 *   [-- --out DIR]`
 *
 * Generates a register of N clients (default 20,000; --ci: 2,000 and fewer runs; --clients 100000 works, printing
 * progress while it generates) with 5 attachment rows per client (--attachment-rows N: 100,000 at 20,000 clients, the
 * issue 18 target; bench/attachment-rows.ts) in bench/out/data (--out DIR: DIR/data), then measures
 * through the service (db/dispatch.ts, as the UI calls it), beside the bare SQL each call runs: opening the
 * data folder as the hosts do (after a clean quit and after an unclean exit), the register (first page, sorts, filters, searches), opening a client, notes search, the dashboard and
 * weekly roll-up when this build has them, a 5,000-row xlsx import, the big-import cases (big-import-cases.ts: a
 * workbook styled to row 1,000,051, a 20,000-row preview + commit, clients.list during it) and a full backup; then the renderer in Chromium
 * and the host's memory. First, in a data folder of its own, the attachment cases (attachment-cases.ts: 100 × 2 MB
 * attached, a 20-page PDF's thumbnail, a backup of 2 GB of files of which 50 MB new — --ci: 20 files, 100 MB + 10 MB;
 * --files-mb sets the base size; --only-attachments runs just these). Prints one table and writes bench/out/results.json. Never fails on time: the exit code is
 * non-zero only if the benchmark itself breaks. The generated database is deleted at the end unless --keep (--reuse
 * implies it); --reuse measures the database a previous `--keep` run left in bench/out/data (same --clients; the
 * import cases leave their committed clients in it, so reuse it with `--only` groups that run before them, or expect
 * the count check to refuse) instead of generating one again (generation at 100,000 clients takes tens of minutes).
 * `--only` runs one group after generating the register (no attachment cases): open, register, import (the 5,000-row
 * case), big-import (big-import-cases.ts), backup or renderer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../db/open';
import { closeDataFolder } from '../db/backup/clean-shutdown';
import { openDataFolder } from '../db/backup/open-folder';
import { flushDueDates } from '../db/service/due-dates';
import type { ServiceContext } from '../db/service/context';
import { DB_FILE_NAME } from '../electron/host-context';
import { generateRegister, rng, type GenerateReport } from './generate';
import { importCases } from './import-case';
import { bigImportCases } from './big-import-cases';
import { attachmentCases } from './attachment-cases';
import { generateAttachmentRows } from './attachment-rows';
import { formatTable, writeJson } from './report';
import { rendererCases, rendererJsSize } from './renderer';
import { optionalCases, registerCases, TARGETS, type CaseResult } from './service-cases';
import { captureSql } from './sql-capture';
import { measure, summarize } from './stats';

/** Where data/ and results.json go: bench/out, or --out DIR (e.g. a /tmp folder for a kept 100,000-client file). */
function outDir(): string {
  const a = process.argv.slice(2);
  const i = a.indexOf('--out');
  return i >= 0 && a[i + 1] ? path.resolve(a[i + 1]) : path.resolve(import.meta.dirname, 'out');
}
const OUT = outDir();
const NOW = new Date('2026-11-27T02:00:00Z');

function args() {
  const a = process.argv.slice(2);
  const value = (name: string) => {
    const i = a.indexOf(name);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const ci = a.includes('--ci');
  return {
    ci,
    clients: Number(value('--clients') ?? (ci ? 2000 : 20000)),
    seed: Number(value('--seed') ?? 20261127),
    runs: Number(value('--runs') ?? (ci ? 40 : 200)),
    browser: !a.includes('--no-browser'),
    keep: a.includes('--keep') || a.includes('--reuse'),
    reuse: a.includes('--reuse'),
    only: value('--only') ?? null,
    // --only GROUP measures that group of the register's cases, without the attachment cases.
    attachments: !a.includes('--no-attachments') && value('--only') === undefined,
    onlyAttachments: a.includes('--only-attachments'),
    filesMb: value('--files-mb') === undefined ? undefined : Number(value('--files-mb')),
    attachFiles: value('--attach-files') === undefined ? undefined : Number(value('--attach-files')),
    // Attachment rows in the register (issue 18: its timings must hold with 100,000): 5 per client by default.
    attachmentRows: Number(value('--attachment-rows') ?? (ci ? 2000 : 20000) * 5),
  };
}

function log(s: string) {
  process.stdout.write(`${s}\n`);
}

async function main() {
  const opt = args();
  const dataDir = path.join(OUT, 'data');
  const file = path.join(dataDir, DB_FILE_NAME);
  const reuse = opt.reuse && fs.existsSync(file);
  if (!reuse) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
  }
  log(`ICP Desk benchmark: ${opt.clients} clients, seed ${opt.seed}, ${opt.runs} runs per case${opt.ci ? ' (--ci)' : ''}${reuse ? ' (reusing bench/out/data)' : ''}`);
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, node ${process.version}`);

  const results: CaseResult[] = [];
  // Attachments first, in their own folder: the memory figures are then the attaching's, not the register's.
  if (opt.attachments) {
    log('measuring attachments…');
    results.push(...(await attachmentCases(path.join(OUT, 'files-data'), { ci: opt.ci, filesMb: opt.filesMb, attachFiles: opt.attachFiles, log })));
    log(`  load after the attachment cases: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  }
  if (opt.onlyAttachments) {
    log('');
    log(formatTable(results));
    writeJson(path.join(OUT, 'results.json'), { date: new Date().toISOString(), ci: opt.ci, machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg(), node: process.version }, caveat: 'Timings depend on machine load; see loadavg.' }, results);
    return;
  }

  let db = openDatabase(file);
  let gen: GenerateReport;
  if (reuse) {
    const count = (table: string) => (db.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
    const optionalCount = (table: string): GenerateReport['licences'] => {
      try {
        return { status: 'filled', rows: count(table) };
      } catch {
        return { status: 'absent' };
      }
    };
    gen = { clients: count('clients'), materials: count('materials'), events: count('events'), notes: count('notes'), inspections: optionalCount('inspections'), licences: optionalCount('licences'), ms: 0 };
    if (gen.clients !== opt.clients) throw new Error(`--reuse: bench/out/data holds ${gen.clients} clients, not ${opt.clients}`);
  } else {
    const genStart = performance.now();
    gen = generateRegister(db, {
      clients: opt.clients, seed: opt.seed, now: NOW,
      onProgress: (done, total) => log(`  generating: ${done} / ${total} clients (${((performance.now() - genStart) / 1000).toFixed(0)} s)`),
      onIndexing: () => log(`  rows written (${((performance.now() - genStart) / 1000).toFixed(0)} s); building the indexes and the search index…`),
    });
    // The materialised due dates of every client (what the first start after the upgrade to 0070 does once).
    const dueStart = performance.now();
    const dueClients = flushDueDates({ db, dbPath: file, dataDir, version: 'bench', now: () => NOW });
    log(`due dates of ${dueClients} clients computed in ${((performance.now() - dueStart) / 1000).toFixed(1)} s`);
    const attStart = performance.now();
    const att = generateAttachmentRows(db, dataDir, opt.attachmentRows, opt.seed);
    log(`attachment rows: ${att.rows} over the clients' items (${att.files} stored files shared), in ${((performance.now() - attStart) / 1000).toFixed(1)} s`);
  }
  const attachmentRows = (db.prepare('SELECT count(*) n FROM attachments').get() as { n: number }).n;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const sizeMb = fs.statSync(file).size / 1e6;
  const optional = (name: string, x: typeof gen.inspections) =>
    x.status === 'absent' ? `${name}: table absent on this build, not generated` : x.status === 'filled' ? `${name}: ${x.rows} generated` : `${name}: table present but not filled (${x.error})`;
  log(`${reuse ? 'reused' : `generated in ${(gen.ms / 1000).toFixed(1)} s`}: ${gen.clients} clients, ${gen.materials} materials, ${gen.events} events, ${gen.notes} notes, ${attachmentRows} attachment rows; ${optional('inspections', gen.inspections)}; ${optional('licences', gen.licences)}; file ${sizeMb.toFixed(0)} MB`);
  db.close();

  const want = (group: string) => !opt.only || opt.only === group;
  // Opening as the hosts do (db/backup/open-folder.ts). The first start takes the day's daily backup (not measured);
  // then a start after a clean quit (bounded check) and one after an unclean exit (the whole file is read).
  closeDataFolder((await openDataFolder({ dataDir, now: () => NOW })).db, file);
  if (want('open')) {
    const cleanOpen = await measure({
      runs: opt.ci ? 10 : 30,
      inputs: [0],
      service: async () => {
        const o = await openDataFolder({ dataDir, now: () => NOW });
        if (o.checked !== 'bounded') throw new Error(`expected a clean start, got ${o.checked}`);
        closeDataFolder(o.db, file);
      },
      bare: () => {
        const d = new Database(file);
        d.pragma('user_version', { simple: true });
        d.close();
      },
    });
    results.push({ group: 'open', name: 'start: open the data folder after a clean quit (bounded check)', ...cleanOpen, target: TARGETS.open });
    const uncleanOpen = await measure({
      runs: opt.ci ? 2 : 5,
      warmup: 1,
      inputs: [0],
      service: async () => {
        const o = await openDataFolder({ dataDir, now: () => NOW });
        o.db.close(); // no marker: the next start reads the whole file
      },
      bare: () => {
        const d = new Database(file);
        d.pragma('user_version', { simple: true });
        d.close();
      },
    });
    results.push({ group: 'open', name: 'start after an unclean exit (quick_check of the whole file)', ...uncleanOpen, note: 'once after a crash; the first start of a day reads the file through its backup instead' });
    closeDataFolder((await openDataFolder({ dataDir, now: () => NOW })).db, file);
  }

  db = openDatabase(file);
  const ctx: ServiceContext = { db, dbPath: file, dataDir, version: 'bench', now: () => NOW };
  const capDb = openDatabase(file);
  const capture = { ctx: { ...ctx, db: capDb }, log: captureSql(capDb) };
  const cc = { ctx, capture, r: rng(opt.seed + 1), runs: opt.runs };
  if (want('register')) {
    log('measuring the register, client and notes-search cases…');
    results.push(...(await registerCases(cc)));
    results.push(...(await optionalCases(cc)));
  }
  capDb.close();

  if (want('import')) {
    log('measuring the import…');
    results.push(...(await importCases(ctx, rng(opt.seed + 2), opt.ci ? 1 : 3)));
  }
  if (want('big-import')) {
    log('measuring big and styled imports (in a host process, worker thread)…');
    results.push(...(await bigImportCases(ctx, { ci: opt.ci, now: NOW })));
  }

  if (want('backup')) {
    log('measuring the backup…');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const backupFile = path.join(OUT, 'backup.sqlite');
    const backupRuns = opt.ci ? 1 : 3;
    const backup: number[] = [];
    const copy: number[] = [];
    for (let i = 0; i < backupRuns; i++) {
      fs.rmSync(backupFile, { force: true });
      let t = performance.now();
      await db.backup(backupFile);
      backup.push(performance.now() - t);
      fs.rmSync(backupFile, { force: true });
      t = performance.now();
      fs.copyFileSync(file, backupFile);
      copy.push(performance.now() - t);
  }
  fs.rmSync(backupFile, { force: true });
  const mb = fs.statSync(file).size / 1e6;
  results.push({ group: 'backup', name: `full backup, db.backup() (${mb.toFixed(0)} MB)`, service: summarize(backup), bare: summarize(copy), note: 'bare = copying the file' });
  }
  db.close();

  if (opt.browser && want('renderer')) {
    log('measuring the renderer in Chromium…');
    try {
      results.push(...(await rendererCases(dataDir, { navigations: opt.ci ? 3 : 7, queries: ['太原', '晋祠', '汾河', '科技', '晋', '网络科技', 'MA', '张'] })));
    } catch (e) {
      results.push({ group: 'renderer', name: 'renderer in Chromium', service: null, bare: null, skipped: `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }
  }

  const js = rendererJsSize();
  if (js) {
    results.push({ group: 'renderer', name: `renderer JavaScript: entry ${js.entryKb.toFixed(0)} KB, all ${js.chunks} chunks ${js.totalKb.toFixed(0)} KB`, service: null, bare: null, skipped: 'size, not timed' });
  }
  log('');
  log(formatTable(results));
  const meta = {
    date: new Date().toISOString(), clients: opt.clients, seed: opt.seed, runs: opt.runs, ci: opt.ci, only: opt.only,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg(), node: process.version },
    generated: { ...gen, fileMb: sizeMb },
    rendererJs: js,
    caveat: 'Timings depend on machine load; see loadavg.',
  };
  writeJson(path.join(OUT, 'results.json'), meta, results);
  log(`\nwritten ${path.relative(process.cwd(), path.join(OUT, 'results.json'))}`);
  if (opt.keep) log(`database kept in ${path.relative(process.cwd(), dataDir)}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
