import { describe, expect, it } from 'vitest';
import { spareWaiting } from '../../db/import/run-in-worker';
import { call, count, importContexts } from '../helpers/data';
import { clientRows, xlsxOf } from '../helpers/workbooks';

/**
 * run-in-worker.ts starts the next job's worker when a job ends; that spare gets its task (and the file's bytes,
 * transferred) as its first message. Jobs run in a spare answer exactly as in a worker started for them.
 */
const open = importContexts();

describe('the spare import worker', () => {
  it('is waiting after a preview, runs the commit (30 rows imported) and is started again after it', async () => {
    const ctx = await open(true);
    const file = { fileName: '台账.xlsx', dataBase64: (await xlsxOf(clientRows(30))).toString('base64') };
    const p = await call(ctx, 'import.preview', { ...file, mapping: null });
    expect(p.summary.total).toBe(30);
    expect(spareWaiting()).toBe(true);
    const r = await call(ctx, 'import.commit', { ...file, mapping: p.mapping, force: [] });
    expect(r.imported).toBe(30);
    expect(count(ctx.db, 'clients')).toBe(30);
    expect(spareWaiting()).toBe(true);
  });

  it('reads a new file sent to it (bytes transferred): a preview of 12 rows, the 12th client by name', async () => {
    const ctx = await open(true);
    await call(ctx, 'import.preview', { fileName: 'a.xlsx', dataBase64: (await xlsxOf(clientRows(3))).toString('base64'), mapping: null });
    expect(spareWaiting()).toBe(true);
    const p = await call(ctx, 'import.preview', { fileName: 'b.xlsx', dataBase64: (await xlsxOf(clientRows(12))).toString('base64'), mapping: null });
    expect(p.summary).toMatchObject({ total: 12, import: 12 });
    expect(p.rows[11].values.name).toBe('山西测试科技有限公司12号');
  });
});
