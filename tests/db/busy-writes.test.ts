/**
 * A busy database waits instead of failing (issue 14). A second connection — another host on the same folder, a
 * backup — holds the write lock (BEGIN IMMEDIATE) for 300 ms; every write method called meanwhile must wait for it
 * (busy_timeout 5,000 ms) and succeed. With DEFERRED transactions the ones that read before writing failed in ~20 ms
 * with SQLITE_BUSY at the lock upgrade. The holder runs in a worker thread so the lock is held while this thread's
 * synchronous better-sqlite3 call waits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { dispatch } from '../../db/dispatch';
import { actionableError } from '../../db/dispatch';
import { METHODS, type In, type Method } from '../../shared/contract';
import { PROCESS_DATE_FIELDS } from '../../shared/domain/deadlines';
import { call, folderContext, sampleClient, tmpDir, type TestCtx } from '../helpers/data';

const HOLD_MS = 300;
const require = createRequire(import.meta.url);

/** A worker holding BEGIN IMMEDIATE on `dbPath` for HOLD_MS each time it is asked; `hold()` returns once it holds. */
function lockHolder(dbPath: string) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(`
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const db = new Database(workerData.dbPath);
    db.pragma('busy_timeout = 5000');
    const flag = workerData.flag;
    parentPort.on('message', () => {
      db.exec('BEGIN IMMEDIATE');
      db.prepare("UPDATE rule_settings SET updated_at = updated_at").run();
      Atomics.store(flag, 0, 1); Atomics.notify(flag, 0);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${HOLD_MS});
      db.exec('COMMIT');
      Atomics.store(flag, 0, 2); Atomics.notify(flag, 0);
    });
  `, { eval: true, workerData: { dbPath, driver: require.resolve('better-sqlite3'), flag } });
  return {
    hold() {
      Atomics.store(flag, 0, 0);
      worker.postMessage('hold');
      Atomics.wait(flag, 0, 0, 5000);
      expect(Atomics.load(flag, 0)).toBe(1);
    },
    released: () => Atomics.load(flag, 0) === 2,
    close: () => worker.terminate(),
  };
}

/** Methods that write, with a valid input for the test's data (built in order; later ones use earlier results). */
type Step = { method: Method; input: (s: State) => unknown };
interface State { clientId: number; other: number; materialId: number; noteId: number; inspectionId: number; itemId: number; templateIds: number[]; reportId: number; changeId: number }

const XLSX = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/客户台账.xlsx')).toString('base64');
const noDates = Object.fromEntries(PROCESS_DATE_FIELDS.map((f) => [f, null]));

const STEPS: Step[] = [
  { method: 'clients.create', input: () => ({ client: sampleClient(901) }) },
  { method: 'clients.update', input: (s) => ({ id: s.clientId, client: { ...sampleClient(900), address: '太原市小店区长治路100号' } }) },
  { method: 'clients.setStage', input: (s) => ({ id: s.clientId, stage: 'materials', date: '2026-11-27' }) },
  { method: 'materials.setStatus', input: (s) => ({ id: s.materialId, status: 'received' }) },
  { method: 'materials.setChecks', input: (s) => ({ id: s.materialId, checkComplete: true, checkAccurate: true, checkLegible: true }) },
  { method: 'materials.update', input: (s) => ({ id: s.materialId, note: '已盖章', dueDate: '2026-12-04' }) },
  { method: 'notes.create', input: (s) => ({ clientId: s.clientId, date: '2026-11-27', body: '已提交材料' }) },
  { method: 'notes.update', input: (s) => ({ id: s.noteId, date: '2026-11-27', body: '已提交全部材料' }) },
  { method: 'notes.remove', input: (s) => ({ id: s.noteId }) },
  { method: 'weekly.setNextSteps', input: (s) => ({ clientId: s.clientId, week: '2026-W48', body: '下周一提交消防备案证明' }) },
  { method: 'calendar.setYear', input: () => ({ year: 2027, source: '国务院办公厅通知', holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] }) },
  { method: 'calendar.removeYear', input: () => ({ year: 2027 }) },
  { method: 'settings.set', input: () => ({ requireOneYear: false }) },
  { method: 'process.set', input: (s) => ({ clientId: s.clientId, dates: { ...noDates, preApplicationOn: '2026-09-14' } }) },
  { method: 'licence.set', input: (s) => ({ clientId: s.clientId, number: '晋B2-20220101', issuedOn: '2022-03-01' }) },
  { method: 'annualReports.setFiled', input: (s) => ({ id: s.reportId, filedOn: '2026-03-01', note: null, today: '2026-11-27' }) },
  { method: 'changes.create', input: (s) => ({ clientId: s.clientId, kind: 'domain', changedOn: '2026-11-20', oldValue: 'a.cn', newValue: 'b.cn', note: null, today: '2026-11-27' }) },
  { method: 'changes.setFiled', input: (s) => ({ id: s.changeId, filedOn: '2026-11-25', today: '2026-11-27' }) },
  { method: 'changes.remove', input: (s) => ({ id: s.changeId }) },
  { method: 'licence.remove', input: (s) => ({ clientId: s.clientId }) },
  { method: 'eligibility.setFacts', input: (s) => ({ clientId: s.clientId, facts: { crossProvince: true } }) },
  { method: 'inspectionTemplate.create', input: () => ({ section: 'equipment', text: '备用电源（UPS）到位' }) },
  { method: 'inspectionTemplate.update', input: (s) => ({ id: s.templateIds.at(-1), section: 'equipment', text: '备用电源到位', evidence: 'none' }) },
  { method: 'inspectionTemplate.setRetired', input: (s) => ({ id: s.templateIds.at(-1), retired: true }) },
  { method: 'inspectionTemplate.setOrder', input: (s) => ({ ids: [...s.templateIds].reverse() }) },
  { method: 'inspections.create', input: (s) => ({ clientId: s.clientId, inspection: { date: '2026-11-30', time: '09:00' } }) },
  { method: 'inspections.update', input: (s) => ({ id: s.inspectionId, inspection: { date: '2026-12-01', time: '10:00' } }) },
  { method: 'inspections.setItem', input: (s) => ({ id: s.itemId, checked: true, note: null, measuredAreaM2: null }) },
  { method: 'inspections.setOutcome', input: (s) => ({ id: s.inspectionId, outcome: 'postponed', notes: '核查组改期' }) },
  { method: 'inspections.remove', input: (s) => ({ id: s.inspectionId }) },
  { method: 'import.commit', input: () => ({ fileName: '客户台账.xlsx', dataBase64: XLSX, mapping: mapping! }) },
  { method: 'clients.setExtraInfo', input: (s) => ({ id: s.clientId, items: [{ label: '邮编', value: '030600' }] }) },
  { method: 'attachments.add', input: (s) => ({ materialId: s.materialId, fileName: '申请表.pdf', base64: Buffer.from('%PDF-1.4\n1 0 obj<</Type /Page>>endobj\n%%EOF\n').toString('base64') }) },
  { method: 'backup.create', input: () => ({}) },
  { method: 'clients.remove', input: (s) => ({ id: s.other }) },
];

/** Write methods not run here, with the reason. */
const NOT_HERE: Partial<Record<Method, string>> = {
  'backup.restore': 'replaces the file; tests/db/restore.test.ts',
  'backup.restoreFile': 'replaces the file; tests/db/restore.test.ts',
  'backup.startEmpty': 'only in the recovery state',
  'data.importJson': 'only into an empty database; its transaction is the same writeTransaction',
  'data.compact': 'VACUUM rewrites the whole file (no transaction of its own); tested with its feature',
  'attachments.rename': 'the same writeTransaction as attachments.add, on an attachment id; tests/db/attachments.test.ts',
  'attachments.move': 'the same writeTransaction as attachments.add, on an attachment id; tests/db/attachments.test.ts',
  'attachments.remove': 'the same writeTransaction as attachments.add, on an attachment id; tests/db/attachments.test.ts',
  'import.cancel': 'flags a running import job in memory; writes nothing to the database',
  'attachments.preview': 'reads the attachment row; writes only the HEIC preview cache file (previews/<sha>.png), never the database',
  'attachments.setThumbnail': 'reads the attachment row; writes only the thumbnail file (thumbs/<sha>-<w>x<h>.png), never the database',
  'attachments.packageCancel': 'flags a running package build in memory; writes nothing to the database',
};

/** Methods that only read (so the list above stays complete when methods are added). */
const READS = new Set<Method>(['app.info', 'clients.list', 'clients.facets', 'clients.get', 'clients.timeline', 'materials.list', 'notes.list',
  'import.preview', 'weekly.client', 'weekly.rollup', 'weekly.exportXlsx', 'calendar.years', 'settings.get', 'process.get', 'deadlines.client',
  'dashboard.get', 'licence.get', 'annualReports.list', 'changes.list', 'eligibility.get', 'inspections.list', 'inspections.upcoming',
  'inspections.sheets', 'inspectionTemplate.list', 'backup.status', 'backup.list', 'backup.preview', 'backup.previewFile', 'data.exportXlsx',
  'data.exportJson', 'notes.search', 'data.compactInfo', 'import.progress', 'weekly.exportClientXlsx', 'attachments.list', 'attachments.get', 'attachments.package',
  'attachments.thumbnail', 'attachments.thumbnails', 'attachments.packageProgress']);

let mapping: In<'import.commit'>['mapping'] | null = null;
let ctx: TestCtx;
let holder: ReturnType<typeof lockHolder>;

beforeAll(async () => {
  ctx = await folderContext(tmpDir());
  holder = lockHolder(ctx.dbPath);
  mapping = (await call(ctx, 'import.preview', { fileName: '客户台账.xlsx', dataBase64: XLSX })).mapping;
});
afterAll(async () => {
  await holder.close();
  ctx.db.close();
});

describe('writes wait for another connection holding the write lock', () => {
  it('every write method of the contract is either exercised here or listed with a reason', () => {
    const covered = new Set<Method>([...STEPS.map((s) => s.method), ...(Object.keys(NOT_HERE) as Method[]), ...READS]);
    expect(METHODS.filter((m) => !covered.has(m))).toEqual([]);
  });

  it(`each write called while another connection holds BEGIN IMMEDIATE for ${HOLD_MS} ms waits and succeeds`, async () => {
    const base = await call(ctx, 'clients.create', { client: sampleClient(900) });
    const other = await call(ctx, 'clients.create', { client: sampleClient(902) });
    const s: State = { clientId: base.client.id, other: other.client.id, materialId: 0, noteId: 0, inspectionId: 0, itemId: 0, templateIds: [], reportId: 0, changeId: 0 };
    s.materialId = (await call(ctx, 'materials.list', { clientId: s.clientId }))[0].id;
    s.templateIds = (await call(ctx, 'inspectionTemplate.list', {})).map((t) => t.id);
    const results: { method: string; ok: boolean; waitedMs: number; error?: string }[] = [];
    for (const step of STEPS) {
      holder.hold();
      const t0 = performance.now();
      const r = await dispatch(ctx, step.method, step.input(s));
      const waitedMs = performance.now() - t0;
      // The holder has let go before (backup.create may read without the write lock; every write must wait).
      while (!holder.released()) await new Promise((res) => setTimeout(res, 5));
      results.push({ method: step.method, ok: r.ok, waitedMs, ...(r.ok ? {} : { error: `${r.error.code} ${r.error.message}` }) });
      if (!r.ok) continue;
      const v = r.value as Record<string, unknown>;
      if (step.method === 'notes.create') s.noteId = v.id as number;
      if (step.method === 'changes.create') s.changeId = v.id as number;
      if (step.method === 'inspections.create') { s.inspectionId = v.id as number; s.itemId = (v.items as { id: number }[])[0].id; }
      if (step.method === 'inspectionTemplate.create') s.templateIds = (v as unknown as { id: number }[]).map((t) => t.id);
      if (step.method === 'licence.set') s.reportId = (await call(ctx, 'annualReports.list', { clientId: s.clientId, today: '2026-11-27' }))[0].id;
    }
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // The writes really waited for the lock (not merely ran before or after it).
    const writes = results.filter((r) => r.method !== 'backup.create');
    expect(writes.filter((r) => r.waitedMs < HOLD_MS * 0.6).map((r) => r.method)).toEqual([]);
  }, 60_000);
});

describe('actionable errors', () => {
  it('maps SQLite and file-system codes to BUSY / DISK_FULL with the Chinese message, others to null', () => {
    expect(actionableError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toEqual({ code: 'BUSY', message: '数据正被另一个窗口使用，请稍后重试。', key: 'error_BUSY', params: {} });
    expect(actionableError(Object.assign(new Error('x'), { code: 'SQLITE_BUSY_SNAPSHOT' }))?.code).toBe('BUSY');
    expect(actionableError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toEqual({ code: 'DISK_FULL', message: '磁盘空间不足，数据未更改。请清理磁盘空间后重试。', key: 'error_DISK_FULL', params: {} });
    expect(actionableError(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))?.code).toBe('DISK_FULL');
    expect(actionableError(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }))).toEqual({ code: 'READ_ONLY', message: '数据文件夹无法写入（只读或没有写入权限），数据未更改。请检查数据文件夹的权限或所在磁盘后重试。', key: 'error_READ_ONLY', params: {} });
    for (const code of ['SQLITE_READONLY_DBMOVED', 'EROFS', 'EACCES', 'EPERM']) expect(actionableError(Object.assign(new Error('x'), { code }))?.code).toBe('READ_ONLY');
    expect(actionableError(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_FSYNC' }))).toEqual({ code: 'DISK_ERROR', message: '读写磁盘出错，数据未更改。请检查数据文件夹所在的磁盘（U盘、移动硬盘或网络盘是否已断开）后重试。', key: 'error_DISK_ERROR', params: {} });
    for (const code of ['SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'EIO']) expect(actionableError(Object.assign(new Error('x'), { code }))?.code).toBe('DISK_ERROR');
    expect(actionableError(new Error('boom'))).toBeNull();
  });

  it('a write that still finds the lock taken after busy_timeout fails with BUSY and changes nothing', async () => {
    const clientId = (await call(ctx, 'clients.create', { client: sampleClient(951) })).client.id; // its own: tests may run in any order
    const before = (ctx.db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n;
    ctx.db.pragma('busy_timeout = 50');
    try {
      holder.hold();
      const r = await dispatch(ctx, 'notes.create', { clientId, date: '2026-11-27', body: 'x' });
      expect(r.ok ? null : r.error.code).toBe('BUSY');
      expect(r.ok ? '' : r.error.message).toBe('数据正被另一个窗口使用，请稍后重试。');
    } finally {
      while (!holder.released()) await new Promise((res) => setTimeout(res, 5));
      ctx.db.pragma('busy_timeout = 5000');
    }
    expect((ctx.db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n).toBe(before);
  });

  it('a disk-full failure of a write reaches the user as DISK_FULL, the database unchanged', async () => {
    const client = (await call(ctx, 'clients.create', { client: sampleClient(952) })).client; // its own: tests may run in any order
    const pages = ctx.db.pragma('page_count', { simple: true }) as number;
    ctx.db.pragma(`max_page_count = ${pages}`); // the file may not grow: SQLite reports SQLITE_FULL, as on a full disk
    try {
      const r = await dispatch(ctx, 'notes.create', { clientId: client.id, date: '2026-11-27', body: '满'.repeat(4_000) });
      expect(r.ok ? null : r.error).toEqual({ code: 'DISK_FULL', message: '磁盘空间不足，数据未更改。请清理磁盘空间后重试。', key: 'error_DISK_FULL', params: {} });
    } finally {
      ctx.db.pragma('max_page_count = 1073741823');
    }
  });

  it('a write to a database that has become read-only (a read-only mount, no permission) says so in Chinese, the database unchanged', async () => {
    const client = (await call(ctx, 'clients.create', { client: sampleClient(953) })).client;
    const notes = () => (ctx.db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n;
    const before = notes();
    ctx.db.pragma('query_only = 1'); // every write now fails with SQLITE_READONLY, as on a read-only disk
    try {
      const r = await dispatch(ctx, 'notes.create', { clientId: client.id, date: '2026-11-27', body: '已电话沟通材料清单' });
      expect(r.ok ? null : r.error).toEqual({ code: 'READ_ONLY', message: '数据文件夹无法写入（只读或没有写入权限），数据未更改。请检查数据文件夹的权限或所在磁盘后重试。', key: 'error_READ_ONLY', params: {} });
    } finally {
      ctx.db.pragma('query_only = 0');
    }
    expect(notes()).toBe(before);
  });

  it('a restore asked for while a full export runs is refused with BUSY 完整导出正在进行; the export completes', async () => {
    const backup = await call(ctx, 'backup.create', {});
    const exporting = dispatch(ctx, 'data.exportXlsx', {});
    const r = await dispatch(ctx, 'backup.restore', { name: backup.name });
    expect(r.ok ? null : r.error.code).toBe('BUSY');
    expect(r.ok ? '' : r.error.message).toBe('完整导出正在进行，请完成后再恢复');
    expect((await exporting).ok).toBe(true);
  }, 60_000);
});
