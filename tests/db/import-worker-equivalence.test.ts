/**
 * Issue 13: the import worker writes with its own connection (db/import/worker.ts). After the same imports, a
 * database written by the worker is identical to one written on the calling thread — every table of the file,
 * including the events log, 其他信息, the pinyin sort keys (triggers), the due dates (triggers + recompute) and the
 * search index's FTS5 shadow tables — and a failing or cancelled worker import leaves the file exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { pinyinSortKey } from '../../db/sort-keys';
import type { ImportPreview } from '../../shared/contract';
import { call, count, sampleClient, importContexts, type TestCtx } from '../helpers/data';
import { usccFor, xlsxOf } from '../helpers/workbooks';
import { dumpFile } from '../helpers/db-dump';
import { eventAtSql } from '../../db/service/event-columns';

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/客户台账.xlsx'));
const open = importContexts();

/** A sheet with what the fixture lacks: 邮编/档案号 (其他信息), a multi-line remark, stages with and without a date, duplicates. */
async function oddSheet(): Promise<Buffer> {
  return xlsxOf([
    ['序号', '企业名称', '信用代码', '地市', '办理阶段', '阶段日期', '备注', '邮编', '档案号'],
    ['1', '长治重庆路网络科技有限公司', usccFor(70_001), '长治', '材料准备', '2026-11-02', '第一行\r\n第二行，含逗号', '046000', '000127'],
    ['2', '单县曾氏信息技术有限公司', usccFor(70_002), '太原市', '发证', '', '', '030600', '000128'],
    ['3', '已有客户重复有限公司', sampleClient(1).uscc, '太原市', '', '', '', '', ''],
    ['4', '表内重复有限公司', usccFor(70_001), '长治', '', '', '', '', ''],
    ['5', '后续管理阶段有限公司', usccFor(70_003), '晋中市', '后续管理', '2025-06-30', '', '', '000129'],
  ]);
}

/** The same history on `ctx`: a client typed in, the fixture imported (row 8 forced), the odd sheet imported. */
async function history(ctx: TestCtx): Promise<void> {
  await call(ctx, 'clients.create', { client: sampleClient(1) });
  const p1 = await call(ctx, 'import.preview', { fileName: '客户台账.xlsx', dataBase64: FIXTURE.toString('base64') });
  const r1 = await call(ctx, 'import.commit', { fileName: '客户台账.xlsx', dataBase64: FIXTURE.toString('base64'), mapping: p1.mapping, force: [10] });
  expect(r1.imported).toBe(34);
  const odd = (await oddSheet()).toString('base64');
  const p2 = await call(ctx, 'import.preview', { fileName: 'odd.xlsx', dataBase64: odd });
  expect(p2.summary).toMatchObject({ total: 5, import: 3, duplicate: 2 });
  const r2 = await call(ctx, 'import.commit', { fileName: 'odd.xlsx', dataBase64: odd, mapping: p2.mapping });
  expect(r2).toMatchObject({ imported: 3, extraValues: 5 });
}

describe('the worker writes what the calling thread writes', () => {
  it('every table of the file is identical after the same imports (sort keys, due dates, search index, events included)', { timeout: 300_000 }, async () => {
    const inThread = await open(false);
    const inWorker = await open(true);
    await history(inThread);
    await history(inWorker);
    const a = dumpFile(inThread.db);
    const b = dumpFile(inWorker.db);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const t of Object.keys(a)) expect(b[t], t).toEqual(a[t]);

    // And the values are the expected ones, not merely equal: 38 clients, 2 events each plus the typed-in one's,
    // 17 materials each, sort keys by pinyin, due dates settled, search through 其他信息.
    const db = inWorker.db;
    expect(count(db, 'clients')).toBe(1 + 34 + 3);
    expect(count(db, 'events')).toBe(2 * 38);
    expect(count(db, 'materials')).toBe(17 * 38);
    expect((db.prepare(`SELECT count(*) AS n FROM events WHERE kind = 'client.import' AND ${eventAtSql('events')} = '2026-11-27T02:00:00.000Z' AND typeof(at) = 'integer' AND occurred_on = '2026-11-27'`).get() as { n: number }).n).toBe(37);
    const cz = db.prepare("SELECT id, name_sort, stage, stage_since, remark FROM clients WHERE name = '长治重庆路网络科技有限公司'").get() as { id: number; name_sort: string; stage: string; stage_since: string; remark: string };
    expect(cz).toMatchObject({ stage: 'materials', stage_since: '2026-11-02', remark: '第一行\n第二行，含逗号' });
    expect(cz.name_sort).toBe(pinyinSortKey('长治重庆路网络科技有限公司'));
    expect(cz.name_sort.startsWith('chang2 zhi4 chong2 qing4')).toBe(true);
    expect(db.prepare('SELECT label, value FROM client_extra WHERE client_id = ? ORDER BY position').all(cz.id)).toEqual([{ label: '邮编', value: '046000' }, { label: '档案号', value: '000127' }]);
    const issued = db.prepare("SELECT stage, stage_since, materials_done, materials_total FROM clients WHERE name = '单县曾氏信息技术有限公司'").get();
    expect(issued).toEqual({ stage: 'issuance', stage_since: null, materials_done: 17, materials_total: 17 });
    expect(count(db, 'due_dirty')).toBe(0);
    // Marked by the triggers in the import's transaction and recomputed: an imported client has no process dates and
    // no item due dates yet, so it has no open deadline (shared/domain/deadlines.ts).
    expect(count(db, 'due_dates')).toBe(0);
    expect((await call(inWorker, 'clients.list', { q: '000129', limit: 5 })).rows.map((r) => r.name)).toEqual(['后续管理阶段有限公司']);
    expect((await call(inWorker, 'clients.list', { q: '重庆路', limit: 5 })).total).toBe(1);
  });

  it('a worker import that fails mid-way, or is cancelled, leaves every table as it was', { timeout: 300_000 }, async () => {
    const ctx = await open(true);
    await call(ctx, 'clients.create', { client: sampleClient(1) });
    const dataBase64 = FIXTURE.toString('base64');
    const p = await call(ctx, 'import.preview', { fileName: '客户台账.xlsx', dataBase64 });
    ctx.db.exec(`CREATE TRIGGER boom BEFORE INSERT ON clients WHEN NEW.name LIKE '%晋中%' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const before = dumpFile(ctx.db);
    const failed = await dispatch(ctx, 'import.commit', { fileName: '客户台账.xlsx', dataBase64, mapping: p.mapping });
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(dumpFile(ctx.db)).toEqual(before);

    ctx.db.exec('DROP TRIGGER boom');
    const cancelled = dispatch(ctx, 'import.commit', { fileName: '客户台账.xlsx', dataBase64, mapping: p.mapping, jobId: 'eq-cancel' });
    expect(await call(ctx, 'import.cancel', { jobId: 'eq-cancel' })).toEqual({ cancelled: true });
    expect(await cancelled).toMatchObject({ ok: false, error: { key: 'import_cancelled' } });
    expect(dumpFile(ctx.db)).toEqual(before); // the trigger is not a table: the tables are exactly as before

    // The worker's connection is closed: this thread writes at once, and a later import works.
    const done = await call(ctx, 'import.commit', { fileName: '客户台账.xlsx', dataBase64, mapping: p.mapping });
    expect(done.imported).toBe((p as ImportPreview).summary.import);
    expect(count(ctx.db, 'clients')).toBe(1 + 33);
  });
});
