/**
 * Issue 13: in the hosts (ctx.importWorker) the spreadsheet is parsed in a worker thread, so the register keeps
 * answering while a 20,000-row import runs; cancel stops it and writes nothing; progress is reported.
 */
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { testContext } from '../helpers/context';
import { clientRows, xlsxOf } from '../helpers/workbooks';
import { makeUscc, ok } from '../helpers/call';

const ROWS = 20_000;
const count = (ctx: ReturnType<typeof testContext>) => (ctx.db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;

/** Calls clients.list in a loop until `done` settles; returns how many calls answered before that. */
async function listWhile(ctx: ReturnType<typeof testContext>, done: Promise<unknown>): Promise<number> {
  let finished = false;
  void done.finally(() => (finished = true));
  let answered = 0;
  while (!finished) {
    const r = await dispatch(ctx, 'clients.list', { limit: 20 });
    if (r.ok && !finished) answered++;
    await tick();
  }
  return answered;
}

describe('import in a worker thread', () => {
  it(`clients.list answers while ${ROWS} rows are previewed and committed; cancel writes nothing`, { timeout: 300_000 }, async () => {
    const ctx = Object.assign(testContext(), { importWorker: true });
    await ok(ctx, 'clients.create', { client: { name: '太原已有客户有限公司', uscc: makeUscc(), city: '太原市' } });
    const before = count(ctx);
    expect(before).toBe(1);
    const bytes = await xlsxOf(clientRows(ROWS));
    const file = { fileName: 'big.xlsx', dataBase64: bytes.toString('base64') };

    // Cancel right away: the worker is stopped, the call fails with import_cancelled, nothing is written.
    const cancelled = dispatch(ctx, 'import.commit', { ...file, mapping: { name: 1, uscc: 2, city: 3 }, jobId: 'job-cancel' });
    expect(await ok(ctx, 'import.cancel', { jobId: 'job-cancel' })).toEqual({ cancelled: true });
    expect(await cancelled).toMatchObject({ ok: false, error: { code: 'BAD_FILE', key: 'import_cancelled' } });
    expect(count(ctx)).toBe(before);

    // Preview: the register answers meanwhile, progress is reported.
    const progress: number[] = [];
    const preview = dispatch(ctx, 'import.preview', { ...file, jobId: 'job-preview' });
    const poll = (async () => {
      for (let i = 0; i < 10_000; i++) {
        const p = await ok(ctx, 'import.progress', { jobId: 'job-preview' });
        if (p.state !== 'reading') break;
        progress.push(p.bytesRead);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const answered = await listWhile(ctx, preview);
    await poll;
    const p = await preview;
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const value = p.value as { summary: { total: number; import: number }; mapping: Record<string, number> };
    expect(value.summary).toMatchObject({ total: ROWS, import: ROWS });
    expect(answered).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);

    // Commit of the same file in a new context (no cached table): the register answers while the worker reads.
    const ctx2 = Object.assign(testContext(), { importWorker: true });
    const commit = dispatch(ctx2, 'import.commit', { ...file, mapping: value.mapping, jobId: 'job-commit' });
    const answered2 = await listWhile(ctx2, commit);
    expect(await commit).toMatchObject({ ok: true, value: { imported: ROWS, extraValues: ROWS * 2 } });
    expect(answered2).toBeGreaterThan(0);
    expect(count(ctx2)).toBe(ROWS);
  });
});
