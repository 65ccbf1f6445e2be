/**
 * Issue 13: a restore (or 重新开始) refused because something else runs says what runs — a client import, a backup or
 * a full export — with its own code, in Chinese and in English (it used to say "备份或导出正在进行" for an import too);
 * and the other way round, an import asked for while a restore runs is refused as 正在恢复数据, not as anything else.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { trackRunning, type RunningKind } from '../../db/service/context';
import type { ErrorPayload } from '../../shared/errors';
import { enText } from '../../shared/messages-en';
import { call, count, folderContext, sampleClient, tmpDir, type TestCtx } from '../helpers/data';
import { clientRows, xlsxOf } from '../helpers/workbooks';

const contexts: TestCtx[] = [];
afterAll(() => contexts.forEach((c) => c.db.open && c.db.close()));

async function open(worker = false): Promise<TestCtx> {
  const ctx = Object.assign(await folderContext(tmpDir()), worker ? { importWorker: true } : {});
  contexts.push(ctx);
  await call(ctx, 'clients.create', { client: sampleClient(1) });
  return ctx;
}

/** The refusal `r` carries, with its English text as the UI renders it. */
function refusal(r: { ok: boolean; error?: ErrorPayload }) {
  expect(r.ok).toBe(false);
  const e = r.error!;
  return { code: e.code, key: e.key, zh: e.message, en: enText({ code: e.key!, params: e.params ?? {} }), running: e.details?.running };
}

describe('a restore refused because other work runs names that work', () => {
  it('while an import runs in the worker: 客户导入正在进行 (not 备份或导出); the import finishes, then the restore runs', { timeout: 180_000 }, async () => {
    const ctx = await open(true);
    const backup = await call(ctx, 'backup.create', {});
    const dataBase64 = (await xlsxOf(clientRows(3000))).toString('base64');
    const importing = dispatch(ctx, 'import.preview', { fileName: '台账.xlsx', dataBase64, jobId: 'refusal' });
    await expect.poll(async () => (await call(ctx, 'import.progress', { jobId: 'refusal' })).state, { timeout: 60_000, interval: 5 }).toMatch(/reading|checking/);
    const r = await dispatch(ctx, 'backup.restore', { name: backup.name });
    expect(refusal(r)).toEqual({
      code: 'BUSY', key: 'restore_import_running', running: 'import',
      zh: '客户导入正在进行，请等导入完成或取消后再恢复', en: 'A client import is running; restore when it has finished or been cancelled',
    });
    expect((await importing).ok).toBe(true);
    expect((await dispatch(ctx, 'backup.restore', { name: backup.name })).ok).toBe(true);
    expect(count(ctx.db, 'clients')).toBe(1);
  });

  const cases: Array<[RunningKind, string, string]> = [
    ['import', '客户导入正在进行，请等导入完成或取消后再恢复', 'A client import is running; restore when it has finished or been cancelled'],
    ['backup', '备份正在进行，请完成后再恢复', 'A backup is running; restore when it has finished'],
    ['export', '完整导出正在进行，请完成后再恢复', 'A full export is running; restore when it has finished'],
  ];
  for (const [kind, zh, en] of cases) {
    it(`while ${kind === 'import' ? 'an import' : kind === 'backup' ? 'a backup' : 'a full export'} runs, backup.restore and backup.restoreFile both say so`, async () => {
      const ctx = await open();
      const backup = await call(ctx, 'backup.create', {});
      let finish!: () => void;
      const job = trackRunning(ctx, kind, () => new Promise<void>((r) => (finish = r)));
      const fromList = await dispatch(ctx, 'backup.restore', { name: backup.name });
      const fromFile = await dispatch(ctx, 'backup.restoreFile', { fileName: 'x.sqlite', dataBase64: Buffer.from('not read').toString('base64') });
      for (const r of [fromList, fromFile]) expect(refusal(r)).toEqual({ code: 'BUSY', key: `restore_${kind}_running`, running: kind, zh, en });
      finish();
      await job;
      expect((await dispatch(ctx, 'backup.restore', { name: backup.name })).ok).toBe(true);
    });
  }

  it('an import asked for while a restore runs is refused as 正在恢复数据 (zh and en); a backup or import meanwhile is not refused', async () => {
    const ctx = await open();
    const backup = await call(ctx, 'backup.create', {});
    const dataBase64 = (await xlsxOf(clientRows(3))).toString('base64');
    // A backup running does not block an import (it reads; the import's write waits for no one).
    let finish!: () => void;
    const backingUp = trackRunning(ctx, 'backup', () => new Promise<void>((r) => (finish = r)));
    expect((await dispatch(ctx, 'import.preview', { fileName: '台账.xlsx', dataBase64 })).ok).toBe(true);
    finish();
    await backingUp;

    const restoring = dispatch(ctx, 'backup.restore', { name: backup.name }); // marks the context busy at once
    for (const m of ['import.preview', 'import.commit'] as const) {
      const r = await dispatch(ctx, m, { fileName: '台账.xlsx', dataBase64, mapping: { name: 1, uscc: 2 } });
      expect(refusal(r)).toEqual({ code: 'UNAVAILABLE', key: 'state_restoring', running: undefined, zh: '正在恢复数据，请稍候再试', en: 'Data is being restored; please try again shortly' });
    }
    expect((await restoring).ok).toBe(true);
    expect((await dispatch(ctx, 'import.preview', { fileName: '台账.xlsx', dataBase64 })).ok).toBe(true);
  });
});
