/**
 * Issue 13: the import's set-based write (db/import/bulk-insert.ts: one statement per table for the clients, their
 * checklists, events, 其他信息, due-date marks and search index) leaves exactly the file that creating the same
 * clients one by one through the service's single-client path (insertClient + insertExtraInfo, the triggers keeping
 * sort keys, due-date marks and — deferred — the search index) leaves: every table, FTS5 shadow tables included,
 * row for row with the same ids. And a USCC saved between the check and the write (CONFLICT) still fails the
 * import naming the sheet row, with nothing written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { analyzeRows } from '../../db/import/analyze';
import { prepareImport, writeImport, type PreparedImport } from '../../db/import/commit';
import { rememberMapping } from '../../db/import/mapping-memory';
import { readTable } from '../../db/import/read-table';
import type { DB } from '../../db/open';
import { BULK_REPLACED_TRIGGERS } from '../../db/import/bulk-insert';
import { withDeferredSearchIndex } from '../../db/search/bulk';
import { insertTriggersOf } from '../../db/triggers';
import { insertClient, insertExtraInfo } from '../../db/service/clients';
import { flushDueDates } from '../../db/service/due-dates';
import { AppError } from '../../shared/errors';
import { call, count, folderContext, sampleClient, tmpDir, type TestCtx } from '../helpers/data';
import { usccFor, xlsxOf } from '../helpers/workbooks';
import { dumpFile } from '../helpers/db-dump';

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/客户台账.xlsx'));
const contexts: TestCtx[] = [];
afterAll(() => contexts.forEach((c) => c.db.open && c.db.close()));

async function open(): Promise<TestCtx> {
  const ctx = await folderContext(tmpDir());
  contexts.push(ctx);
  return ctx;
}

/** Every trigger's and index's SQL (the bulk write suspends triggers and must put them all back as they were). */
function schemaObjects(db: DB): string[] {
  return (db.prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS s FROM sqlite_schema WHERE type IN ('trigger', 'index') ORDER BY name").all() as { s: string }[]).map((r) => r.s);
}

/** A sheet with what the fixture lacks: 其他信息 (empty values too), multi-line text, stages past 发证, ID numbers, consultants. */
async function oddSheet(): Promise<Buffer> {
  return xlsxOf([
    ['序号', '企业名称', '信用代码', '地市', '办理阶段', '阶段日期', '备注', '负责顾问', '法定代表人身份证号', '邮编', '档案号', '微信'],
    ['1', '长治重庆路网络科技有限公司', usccFor(70_001), '长治', '材料准备', '2026-11-02', '第一行\r\n第二行，含逗号', '单丽', '', '046000', '000127', ''],
    ['2', '单县曾氏信息技术有限公司', usccFor(70_002), '太原市', '发证', '', '', '曾顾问', '', '030600', '', 'zeng_wx'],
    ['3', '已有客户重复有限公司', sampleClient(1).uscc, '太原市', '', '', '', '', '', '', '', ''],
    ['4', '后续管理阶段有限公司', usccFor(70_003), '晋中市', '后续管理', '2025-06-30', '', '', '', '', '000129', ''],
    ['5', '重庆银行太原分行信息有限公司', usccFor(70_004), '太原市', '线上预申请', '2026-10-12', '', '白顾问', '140105199001011238', '030000', '000130', 'x'],
  ]);
}

/** The rows `fileName` would import on `ctx` (forcing `force`), read and checked as the commit does. */
async function prepared(ctx: TestCtx, fileName: string, bytes: Buffer, force: number[] = []): Promise<PreparedImport> {
  const table = await readTable(fileName, bytes);
  return prepareImport(table, analyzeRows(ctx, table, null, fileName, null), force);
}

/** The reference: the same clients created one by one through the single-client path, as the import did before. */
function writeOneByOne(ctx: TestCtx, p: PreparedImport): number[] {
  const ids = withDeferredSearchIndex(ctx.db, () => {
    const out: number[] = [];
    for (const { row, client, opts } of p.ready) {
      const { id } = insertClient(ctx, client, opts);
      insertExtraInfo(ctx, id, row.extra);
      out.push(id);
    }
    rememberMapping(ctx, p.remember.key, { mapping: p.remember.mapping, ignore: p.remember.ignore });
    return out;
  });
  flushDueDates(ctx);
  return ids;
}

describe('the set-based import write', () => {
  it('leaves every table exactly as creating the same clients one by one does (ids, events, checklists, sort keys, search index)', { timeout: 300_000 }, async () => {
    const bulk = await open();
    const single = await open();
    for (const ctx of [bulk, single]) await call(ctx, 'clients.create', { client: sampleClient(1) });
    const triggers = schemaObjects(bulk.db);

    const odd = await oddSheet();
    for (const [fileName, bytes, force] of [['客户台账.xlsx', FIXTURE, [10]], ['odd.xlsx', odd, []]] as const) {
      const dataBase64 = bytes.toString('base64');
      const { mapping } = await call(bulk, 'import.preview', { fileName, dataBase64 });
      const r = await call(bulk, 'import.commit', { fileName, dataBase64, mapping, force: [...force] });
      const ids = writeOneByOne(single, await prepared(single, fileName, bytes, [...force]));
      expect(r.clientIds).toEqual(ids);
    }
    expect(schemaObjects(bulk.db)).toEqual(triggers);
    const a = dumpFile(single.db);
    const b = dumpFile(bulk.db);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const t of Object.keys(a)) expect(b[t], t).toEqual(a[t]);

    // The values themselves (not merely equal to the reference): 1 + 34 + 4 clients, 17 items and 2 events each.
    const db = bulk.db;
    expect(count(db, 'clients')).toBe(39);
    expect(count(db, 'materials')).toBe(17 * 39);
    expect(count(db, 'events')).toBe(2 * 39);
    const shan = db.prepare("SELECT name_sort, consultant_sort, stage, stage_since, materials_done, materials_total FROM clients WHERE name = '单县曾氏信息技术有限公司'").get() as Record<string, unknown>;
    expect(shan).toMatchObject({ stage: 'issuance', stage_since: null, materials_done: 17, materials_total: 17 });
    expect(String(shan.consultant_sort).startsWith('zeng1 gu4 wen4\u0001')).toBe(true); // 曾 as a surname
    const cz = db.prepare("SELECT name_sort, consultant_sort FROM clients WHERE name = '长治重庆路网络科技有限公司'").get() as Record<string, string>;
    expect(cz.name_sort.startsWith('chang2 zhi4 chong2 qing4 lu4')).toBe(true); // polyphones read by word
    expect(cz.consultant_sort.startsWith('shan4 li4\u0001')).toBe(true); // 单 as a surname
    expect(db.prepare("SELECT count(*) AS n FROM materials m JOIN clients c ON c.id = m.client_id WHERE c.name = '单县曾氏信息技术有限公司' AND m.status = 'accepted'").get()).toEqual({ n: 17 });
    expect(db.prepare("SELECT kind, new_value FROM events WHERE client_id = (SELECT id FROM clients WHERE name = '后续管理阶段有限公司') ORDER BY id").all())
      .toEqual([{ kind: 'client.import', new_value: '后续管理阶段有限公司' }, { kind: 'stage', new_value: 'aftercare' }]);
    expect(db.prepare("SELECT label, value, position FROM client_extra WHERE client_id = (SELECT id FROM clients WHERE name = '单县曾氏信息技术有限公司') ORDER BY position").all())
      .toEqual([{ label: '邮编', value: '030600', position: 0 }, { label: '微信', value: 'zeng_wx', position: 1 }]);
    expect(db.prepare("SELECT legal_rep_id_number AS v FROM clients WHERE name = '重庆银行太原分行信息有限公司'").get()).toEqual({ v: '140105199001011238' });
    expect(count(db, 'due_dirty')).toBe(0);
    expect((await call(bulk, 'clients.list', { q: 'zeng_wx', limit: 5 })).rows.map((r) => r.name)).toEqual(['单县曾氏信息技术有限公司']);
    expect((await call(bulk, 'clients.list', { q: '重庆', limit: 5 })).total).toBe(2);
  });

  it('a USCC saved between the check and the write fails the import naming the sheet row; nothing is written', { timeout: 120_000 }, async () => {
    const ctx = await open();
    const odd = await oddSheet();
    const p = await prepared(ctx, 'odd.xlsx', odd);
    // Saved meanwhile (another window): the row of sheet row 5 (usccFor(70_003)).
    await call(ctx, 'clients.create', { client: { name: '抢先录入有限公司', uscc: usccFor(70_003), city: '晋中市' } });
    const before = dumpFile(ctx.db);
    const triggers = schemaObjects(ctx.db);
    let err: unknown;
    try {
      writeImport(ctx, p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'CONFLICT', msg: { code: 'import_row_failed' }, details: { sheetRow: 5 } });
    expect((err as AppError).message).toBe('第5行：统一社会信用代码已存在：抢先录入有限公司');
    expect(dumpFile(ctx.db)).toEqual(before);
    expect(schemaObjects(ctx.db)).toEqual(triggers);

    // Two ready rows with one USCC (a forced row): the second one is the conflict, named by its row.
    const [first, second] = p.ready;
    const twice: PreparedImport = { ...p, ready: [first, { ...second, client: { ...second.client, uscc: first.client.uscc }, derived: { ...second.derived, uscc: first.derived.uscc } }] };
    expect(() => writeImport(ctx, twice)).toThrow('第3行：统一社会信用代码已存在：长治重庆路网络科技有限公司');
    expect(dumpFile(ctx.db)).toEqual(before);
  });

  it('an import through dispatch still answers every new id in sheet order', { timeout: 120_000 }, async () => {
    const ctx = await open();
    const dataBase64 = (await oddSheet()).toString('base64');
    const { mapping } = await call(ctx, 'import.preview', { fileName: 'odd.xlsx', dataBase64 });
    const r = await dispatch(ctx, 'import.commit', { fileName: 'odd.xlsx', dataBase64, mapping, force: [] });
    expect(r.ok).toBe(true);
    const v = (r as { value: { clientIds: number[]; imported: number; extraValues: number } }).value;
    expect(v).toMatchObject({ imported: 5, extraValues: 8 });
    const names = v.clientIds.map((id) => (ctx.db.prepare('SELECT name FROM clients WHERE id = ?').get(id) as { name: string }).name);
    expect(names).toEqual(['长治重庆路网络科技有限公司', '单县曾氏信息技术有限公司', '已有客户重复有限公司', '后续管理阶段有限公司', '重庆银行太原分行信息有限公司']);
  });

  it('replaces every insert trigger of the tables it fills (a new trigger must be handled by the bulk write too)', async () => {
    const ctx = await open();
    for (const table of ['clients', 'materials', 'events', 'client_extra', 'due_dirty']) {
      expect(insertTriggersOf(ctx.db, table), table).toEqual([...(BULK_REPLACED_TRIGGERS[table] ?? [])].sort());
    }
  });
});
