/**
 * Issue 13: in the hosts (ctx.importWorker, a database file) the whole import — reading, checking against the
 * database, the commit's write — runs in a worker thread with its own connection, so the register keeps answering
 * while 20,000 rows are previewed and committed; cancel (while reading or checking) writes nothing; progress goes
 * 读取 reading → 检查 checking → 写入 writing → done.
 */
import { setImmediate as tick, setTimeout as pause } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import type { ServiceContext } from '../../db/service/context';
import type { ImportPreview } from '../../shared/contract';
import { call, count, folderContext, sampleClient, tmpDir, type TestCtx } from '../helpers/data';
import { clientRows, xlsxOf } from '../helpers/workbooks';

const ROWS = 20_000;
const contexts: TestCtx[] = [];
afterAll(() => contexts.forEach((c) => c.db.open && c.db.close()));

async function hostContext(): Promise<TestCtx> {
  const ctx = Object.assign(await folderContext(tmpDir()), { importWorker: true });
  contexts.push(ctx);
  return ctx;
}

/** The pause between two list calls of {@link listWhile}. */
const LIST_EVERY_MS = 2;

/**
 * Calls clients.list (and import.progress for `jobId`) every {@link LIST_EVERY_MS} until `done` settles, as a page
 * polling the register would. Returns, per job state, how many list calls answered, and every register total a list
 * call saw. Not back to back: that kept this thread busy for the whole import (19 CPU-s) and competed with the worker
 * for the second core, while a few ms apart still answers hundreds of times in each phase.
 */
async function listWhile(ctx: ServiceContext, jobId: string, done: Promise<unknown>, onWriting?: () => void) {
  let finished = false;
  void done.finally(() => (finished = true));
  const answered: Record<string, number> = {};
  const totals = new Set<number>();
  const states: string[] = [];
  while (!finished) {
    const state = (await call(ctx, 'import.progress', { jobId })).state;
    if (states.at(-1) !== state) {
      states.push(state);
      if (state === 'writing') onWriting?.();
    }
    const r = await dispatch(ctx, 'clients.list', { limit: 20 });
    if (r.ok && !finished) {
      answered[state] = (answered[state] ?? 0) + 1;
      totals.add((r.value as { total: number }).total);
    }
    await pause(LIST_EVERY_MS);
  }
  return { answered, totals: [...totals], states };
}

/** Starts `import.commit` and cancels it as soon as its job reaches `state`. */
async function cancelAt(ctx: ServiceContext, file: { fileName: string; dataBase64: string }, mapping: ImportPreview['mapping'], jobId: string, state: 'reading' | 'checking') {
  const commit = dispatch(ctx, 'import.commit', { ...file, mapping, jobId });
  for (;;) {
    const p = await call(ctx, 'import.progress', { jobId });
    if (p.state === state) break;
    expect(['reading', 'checking']).toContain(p.state); // never past the point of no return before the cancel
    await tick();
  }
  const cancelled = await call(ctx, 'import.cancel', { jobId });
  return { cancelled, result: await commit };
}

describe('import in a worker thread (own connection)', () => {
  it(`clients.list answers while ${ROWS} rows are previewed and committed; cancel writes nothing`, { timeout: 900_000 }, async () => {
    const ctx = await hostContext();
    await call(ctx, 'clients.create', { client: sampleClient(1) });
    const before = count(ctx.db, 'clients');
    const eventsBefore = count(ctx.db, 'events');
    expect(before).toBe(1);
    const bytes = await xlsxOf(clientRows(ROWS));
    const file = { fileName: 'big.xlsx', dataBase64: bytes.toString('base64') };
    const mapping = { name: 1, uscc: 2, city: 3 };

    // Cancel while reading: the worker is stopped, the call fails with import_cancelled, nothing is written.
    const c1 = await cancelAt(ctx, file, mapping, 'job-cancel-read', 'reading');
    expect(c1.cancelled).toEqual({ cancelled: true });
    expect(c1.result).toMatchObject({ ok: false, error: { code: 'BAD_FILE', key: 'import_cancelled' } });
    expect(count(ctx.db, 'clients')).toBe(before);

    // Preview: read, then checked against the database, all in the worker; the register answers in both phases.
    const preview = dispatch(ctx, 'import.preview', { ...file, jobId: 'job-preview' });
    const during = await listWhile(ctx, 'job-preview', preview);
    const p = await preview;
    expect(p.ok).toBe(true);
    const value = (p as { value: ImportPreview }).value;
    expect(value.summary).toMatchObject({ total: ROWS, import: ROWS, flagged: 0, duplicate: 0 });
    expect(during.states.filter((s) => s !== 'done')).toEqual(['reading', 'checking']);
    expect(during.answered.reading).toBeGreaterThan(0);
    expect(during.answered.checking).toBeGreaterThan(0);
    expect(await call(ctx, 'import.progress', { jobId: 'job-preview' })).toMatchObject({ state: 'done', rows: ROWS });

    // Cancel while checking (the table comes from the preview's read): nothing is written either.
    const c2 = await cancelAt(ctx, file, value.mapping, 'job-cancel-check', 'checking');
    expect(c2.cancelled).toEqual({ cancelled: true });
    expect(c2.result).toMatchObject({ ok: false, error: { code: 'BAD_FILE', key: 'import_cancelled' } });
    expect(count(ctx.db, 'clients')).toBe(before);
    expect(count(ctx.db, 'events')).toBe(eventsBefore);

    // Commit: checked and written in the worker; the register answers throughout and never sees half an import. A save
    // made while the worker writes waits for the write to end (without holding up this thread) and succeeds.
    const clientId = (await call(ctx, 'clients.list', { limit: 1 })).rows[0].id;
    let save: Promise<Awaited<ReturnType<typeof dispatch>>> | null = null;
    const commit = dispatch(ctx, 'import.commit', { ...file, mapping: value.mapping, jobId: 'job-commit' });
    const during2 = await listWhile(ctx, 'job-commit', commit, () => {
      save = dispatch(ctx, 'notes.create', { clientId, date: '2026-11-27', body: '导入期间保存的进度' });
    });
    expect(await commit).toMatchObject({ ok: true, value: { imported: ROWS, extraValues: ROWS * 2 } });
    expect(save).not.toBeNull();
    expect(await save!).toMatchObject({ ok: true, value: { clientId, body: '导入期间保存的进度' } });
    expect(count(ctx.db, 'notes')).toBe(1);
    expect(during2.states.filter((s) => s !== 'done')).toEqual(['checking', 'writing']);
    expect(during2.answered.checking).toBeGreaterThan(0);
    expect(during2.answered.writing).toBeGreaterThan(0);
    expect(during2.totals.every((t) => t === before || t === before + ROWS)).toBe(true);
    expect(count(ctx.db, 'clients')).toBe(before + ROWS);
    // A write can no longer be cancelled once done.
    expect(await call(ctx, 'import.cancel', { jobId: 'job-commit' })).toEqual({ cancelled: false });
    // The worker's write is visible to this thread's connection, search index and due dates included.
    expect((await call(ctx, 'clients.list', { q: '测试科技有限公司19999号', limit: 5 })).total).toBe(1);
    expect(count(ctx.db, 'due_dirty')).toBe(0);
  });
});
