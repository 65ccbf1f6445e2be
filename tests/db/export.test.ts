import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { dispatch } from '../../db/dispatch';
import { dataTables, virtualTables } from '../../db/export/tables';
import { SCHEMA_VERSION } from '../../db/migrations/index';
import { isSearchIndexTable } from '../../db/search/bulk';
import type { ServiceContext } from '../../db/service/context';
import { testContext } from '../helpers/context';
import { call, count, dumpTables, sampleClient } from '../helpers/data';

const XLSX = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/客户台账.xlsx')).toString('base64');

/** The sample register imported through db/service/import.ts (33 clients), then worked on a little. */
async function sampleRegister(): Promise<ServiceContext> {
  const ctx = testContext();
  const p = await call(ctx, 'import.preview', { fileName: '客户台账.xlsx', dataBase64: XLSX });
  const r = await call(ctx, 'import.commit', { fileName: '客户台账.xlsx', dataBase64: XLSX, mapping: p.mapping });
  expect(r.imported).toBe(33);
  // Clients before 发证 (those imported at 发证 / 后续管理 start with every item 已通过).
  const stageOf = (id: number) => (ctx.db.prepare('SELECT stage FROM clients WHERE id = ?').get(id) as { stage: string }).stage;
  const [a, b] = r.clientIds.filter((id) => !['issuance', 'aftercare'].includes(stageOf(id)));
  const mats = await call(ctx, 'materials.list', { clientId: a });
  await call(ctx, 'materials.setStatus', { id: mats[0].id, status: 'received' });
  await call(ctx, 'materials.setChecks', { id: mats[0].id, checkComplete: true, checkAccurate: true, checkLegible: false });
  await call(ctx, 'materials.update', { id: mats[1].id, note: '营业执照需加盖公章', dueDate: '2026-12-04' });
  await call(ctx, 'notes.create', { clientId: a, date: '2026-11-26', body: '材料已初审通过，需补充场地消防证明' });
  await call(ctx, 'notes.create', { clientId: b, date: '2026-11-20', body: '客户确认平台名称' });
  await call(ctx, 'clients.setStage', { id: b, stage: 'pre_application', date: '2026-11-25' });
  return ctx;
}

/** Every query the UI makes, over every client: must give identical results on both databases. */
async function queryResults(ctx: ServiceContext) {
  const out: unknown[] = [];
  for (const sort of ['name', 'city', 'stage', 'progress', 'lastNoteDate', 'createdAt'] as const) out.push(await call(ctx, 'clients.list', { sort, limit: 500 }));
  for (const q of ['太原', '晋', '科技有限', '9114']) out.push(await call(ctx, 'clients.list', { q, limit: 500 }));
  out.push(await call(ctx, 'clients.list', { city: '太原市', limit: 500 }));
  out.push(await call(ctx, 'clients.facets', {}));
  const ids = (await call(ctx, 'clients.list', { limit: 500 })).rows.map((r) => r.id);
  for (const id of ids) {
    out.push(await call(ctx, 'clients.get', { id }));
    out.push(await call(ctx, 'materials.list', { clientId: id }));
    out.push(await call(ctx, 'notes.list', { clientId: id }));
    out.push(await call(ctx, 'clients.timeline', { id }));
  }
  return out;
}

const asFile = (base64: string, fileName = 'export.json') => ({ fileName, dataBase64: base64 });

describe('full export', () => {
  it('JSON export of the imported sample register, imported into an empty database, gives identical query results', async () => {
    const src = await sampleRegister();
    const exp = await call(src, 'data.exportJson', {});
    expect(exp.fileName).toBe('许可通完整导出-20261127-1000.json');
    const json = JSON.parse(Buffer.from(exp.base64, 'base64').toString('utf8'));
    expect(json).toMatchObject({ format: 'icp-desk-full-export', formatVersion: 1, schemaVersion: SCHEMA_VERSION });
    expect(json.tables.map((t: { name: string }) => t.name)).toEqual(dataTables(src.db).map((t) => t.name));

    const dst = testContext();
    const r = await call(dst, 'data.importJson', asFile(exp.base64));
    expect(r.tables.find((t) => t.name === 'clients')?.rows).toBe(33);
    expect(dumpTables(dst.db)).toEqual(dumpTables(src.db));
    expect(await queryResults(dst)).toEqual(await queryResults(src));
    expect(dst.db.pragma('foreign_key_check')).toEqual([]);
    expect(dst.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The restored database keeps working (triggers back in place: search finds a new client).
    await call(dst, 'clients.create', { client: { ...sampleClient(1), name: '太原新导入后创建有限公司' } });
    expect((await call(dst, 'clients.list', { q: '新导入后' })).total).toBe(1);
    expect(count(dst.db, 'events')).toBe(count(src.db, 'events') + 2);
  });

  it('refuses to import into a database that has data, and files that are not an export; nothing is written', async () => {
    const src = await sampleRegister();
    const exp = await call(src, 'data.exportJson', {});
    const before = dumpTables(src.db);
    const r = await dispatch(src, 'data.importJson', asFile(exp.base64));
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!r.ok) expect(r.error.message).toMatch(/只能导入到空数据库.*33 个客户/);
    expect(dumpTables(src.db)).toEqual(before);

    const dst = testContext();
    const empty = dumpTables(dst.db);
    const triggers = () => dst.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    const triggersBefore = triggers();
    expect(triggersBefore.length).toBeGreaterThan(0);
    for (const bad of ['not json', '{"format":"other"}', JSON.stringify({ format: 'icp-desk-full-export', formatVersion: 1, schemaVersion: 10, tables: [{ name: 'no_such_table', columns: ['x'], rows: [] }] })]) {
      const e = await dispatch(dst, 'data.importJson', asFile(Buffer.from(bad).toString('base64')));
      expect(e).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    }
    // Broken references roll the whole import back.
    const orphan = JSON.stringify({ format: 'icp-desk-full-export', formatVersion: 1, schemaVersion: 10, tables: [{ name: 'notes', columns: ['id', 'client_id', 'note_date', 'body', 'created_at', 'updated_at'], rows: [[1, 99, '2026-01-01', 'x', 'a', 'a']] }] });
    expect(await dispatch(dst, 'data.importJson', asFile(Buffer.from(orphan).toString('base64')))).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    const newer = JSON.stringify({ format: 'icp-desk-full-export', formatVersion: 1, schemaVersion: 999, tables: [] });
    expect(await dispatch(dst, 'data.importJson', asFile(Buffer.from(newer).toString('base64')))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(dumpTables(dst.db)).toEqual(empty);
    expect(triggers()).toEqual(triggersBefore);
  });

  it('is generic over the schema: a table added by another feature (blobs, big integers, reals, a trigger) goes through both formats', async () => {
    const feature = `CREATE TABLE feature_things (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id), number TEXT NOT NULL,
      scan BLOB, big INTEGER, ratio REAL, anything ANY) STRICT;
      CREATE TABLE feature_log (id INTEGER PRIMARY KEY, thing_id INTEGER NOT NULL REFERENCES feature_things(id), what TEXT) STRICT;
      CREATE TRIGGER feature_things_ai AFTER INSERT ON feature_things BEGIN INSERT INTO feature_log (thing_id, what) VALUES (new.id, 'created'); END;`;
    const src = testContext();
    src.db.exec(feature);
    const { client } = await call(src, 'clients.create', { client: sampleClient(1) });
    const ins = src.db.prepare('INSERT INTO feature_things (client_id, number, scan, big, ratio, anything) VALUES (?, ?, ?, ?, ?, ?)');
    ins.run(client.id, '晋B2-20260001', Buffer.from([0, 1, 2, 255]), 9007199254740993n, 2.0, 5);
    ins.run(client.id, '晋B2-20260002', null, -1, 0.1, 'text');
    const exp = await call(src, 'data.exportJson', {});
    const dst = testContext();
    dst.db.exec(feature);
    await call(dst, 'data.importJson', asFile(exp.base64));
    const typed = (db: ServiceContext['db']) => db.prepare('SELECT *, typeof(big) tb, typeof(ratio) tr, typeof(anything) ta FROM feature_things').safeIntegers(true).all();
    expect(typed(dst.db)).toEqual(typed(src.db));
    expect(count(dst.db, 'feature_log')).toBe(2); // exported rows, not doubled by the trigger

    const x = await call(src, 'data.exportXlsx', {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ExcelJS.Buffer);
    const names = wb.worksheets.map((w) => w.name);
    // Tables without a Chinese name keep their table name.
    expect(names).toEqual(expect.arrayContaining(['feature_things', 'feature_log']));
    expect(wb.getWorksheet('feature_things')!.getRow(2).getCell(3).value).toBe('晋B2-20260001');
  });

  it('xlsx: one sheet per table with Chinese names and headings, every row, plus a 说明 sheet', async () => {
    const src = await sampleRegister();
    const x = await call(src, 'data.exportXlsx', {});
    expect(x.fileName).toBe('许可通完整导出-20261127-1000.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheets = wb.worksheets.map((w) => w.name);
    expect(sheets.slice(0, 6)).toEqual(['说明', '客户', '材料模板', '材料清单', '每周进度', '变更记录']);
    // Every data table, the features' too, has its own sheet with a Chinese name.
    expect(sheets).toHaveLength(dataTables(src.db).length + 1);
    for (const name of sheets) expect(name).toMatch(/^[\u4e00-\u9fff（）]+$/);
    const sheetOf: Record<string, string> = { clients: '客户', material_template: '材料模板', materials: '材料清单', notes: '每周进度', events: '变更记录' };
    for (const [table, sheet] of Object.entries(sheetOf)) expect(wb.getWorksheet(sheet)!.actualRowCount, table).toBe(count(src.db, table) + 1);
    const clients = wb.getWorksheet('客户')!;
    expect(clients.getRow(1).getCell(2).value).toBe('公司名称');
    const names = (src.db.prepare('SELECT name FROM clients ORDER BY id').all() as { name: string }[]).map((r) => r.name);
    expect(clients.getColumn(2).values.slice(2)).toEqual(names);
  });

  it('every virtual table is an external-content FTS5 index or a search n-gram table (both rebuilt on import, so neither is exported)', () => {
    const db = testContext().db;
    for (const v of virtualTables(db)) {
      if (isSearchIndexTable(v.name)) expect(v.sql, v.name).toMatch(/USING\s+fts5\(.*content\s*=\s*''/is);
      else expect(v.sql, v.name).toMatch(/USING\s+fts5\(.*content\s*=\s*'\w+'/is);
    }
  });
});

describe('personal data in exports', () => {
  it('the xlsx cover and the JSON header say the export holds unmasked ID and phone numbers', async () => {
    const src = testContext();
    await call(src, 'clients.create', { client: { ...sampleClient(1), legalRepIdNumber: '140105199001011238', contactPhone: '15226771482' } });
    const json = JSON.parse(Buffer.from((await call(src, 'data.exportJson', {})).base64, 'base64').toString('utf8'));
    expect(json.personalData).toMatchObject({ idNumbers: 1, phones: 1 });
    expect(json.personalData.notice).toMatch(/未打码的个人信息：1 个身份证号、1 个电话号码/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await call(src, 'data.exportXlsx', {})).base64, 'base64') as unknown as ExcelJS.Buffer);
    const cover = JSON.stringify(wb.getWorksheet('说明')!.getSheetValues());
    expect(cover).toContain('个人信息（未打码）');
    // The JSON still round-trips (the header is informational).
    const dst = testContext();
    await call(dst, 'data.importJson', asFile((await call(src, 'data.exportJson', {})).base64));
    expect((dst.db.prepare('SELECT legal_rep_id_number v FROM clients').get() as { v: string }).v).toBe('140105199001011238');
  });
});
