/**
 * Issue 13: a commit after its preview reuses the preview's analysis of the sheet (same file, mapping and ignored
 * columns) but checks the register again — in the worker (a database file) and on the calling thread alike. A client
 * saved between the preview and the commit makes its row a duplicate (skipped with reason_exists, the rest imported);
 * a client removed meanwhile lets its row import with the values the sheet holds; another mapping or other ignored
 * columns at the commit are analysed anew.
 */
import { describe, expect, it } from 'vitest';
import { call, count, importContexts } from '../helpers/data';
import { usccFor, xlsxOf } from '../helpers/workbooks';

const open = importContexts();

/** Three clients with 邮编 and 档案号 (其他信息). */
async function sheet(): Promise<string> {
  return (await xlsxOf([
    ['序号', '企业名称', '信用代码', '地市', '联系电话', '邮编', '档案号'],
    ['1', '晋城复用检查网络有限公司', usccFor(81_001), '晋城市', '0356-2022001', '048000', '000301'],
    ['2', '朔州复用检查信息有限公司', usccFor(81_002), '朔州市', '0349-2022002', '036000', '000302'],
    ['3', '忻州复用检查科技有限公司', usccFor(81_003), '忻州市', '0350-2022003', '034000', '000303'],
  ])).toString('base64');
}

describe.each([['in the worker', true], ['on the calling thread', false]])('a commit after its preview (%s)', (_label, worker) => {
  it('catches a client saved after the preview as a duplicate and imports the rest', { timeout: 120_000 }, async () => {
    const ctx = await open(worker);
    const dataBase64 = await sheet();
    const p = await call(ctx, 'import.preview', { fileName: 'reuse.xlsx', dataBase64 });
    expect(p.summary).toMatchObject({ total: 3, import: 3, duplicate: 0, extraValues: 6 });
    await call(ctx, 'clients.create', { client: { name: '抢先录入复用有限公司', uscc: usccFor(81_002), city: '朔州市' } });

    const r = await call(ctx, 'import.commit', { fileName: 'reuse.xlsx', dataBase64, mapping: p.mapping, force: [] });
    expect(r).toMatchObject({ imported: 2, extraValues: 4 });
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]).toMatchObject({ sheetRow: 3, seq: '2', reasons: [{ code: 'reason_exists', text: `客户台账中已有该企业：抢先录入复用有限公司（统一社会信用代码 ${usccFor(81_002)}）` }] });
    expect(count(ctx.db, 'clients')).toBe(3);
    expect(ctx.db.prepare('SELECT name FROM clients ORDER BY id').all()).toEqual([
      { name: '抢先录入复用有限公司' }, { name: '晋城复用检查网络有限公司' }, { name: '忻州复用检查科技有限公司' },
    ]);
  });

  it('imports a row whose client was removed after the preview, with the sheet\'s values and 其他信息', { timeout: 120_000 }, async () => {
    const ctx = await open(worker);
    const { client } = await call(ctx, 'clients.create', { client: { name: '旧档案复用有限公司', uscc: usccFor(81_003), city: '忻州市' } });
    const dataBase64 = await sheet();
    const p = await call(ctx, 'import.preview', { fileName: 'reuse.xlsx', dataBase64 });
    expect(p.summary).toMatchObject({ total: 3, import: 2, duplicate: 1 });
    await call(ctx, 'clients.remove', { id: client.id });

    const r = await call(ctx, 'import.commit', { fileName: 'reuse.xlsx', dataBase64, mapping: p.mapping, force: [] });
    expect(r).toMatchObject({ imported: 3, extraValues: 6, skipped: [] });
    const row = ctx.db.prepare('SELECT id, name, city, contact_phone FROM clients WHERE uscc = ?').get(usccFor(81_003)) as { id: number };
    expect(row).toMatchObject({ name: '忻州复用检查科技有限公司', city: '忻州市', contact_phone: '0350-2022003' });
    expect(ctx.db.prepare('SELECT label, value FROM client_extra WHERE client_id = ? ORDER BY position').all(row.id))
      .toEqual([{ label: '邮编', value: '034000' }, { label: '档案号', value: '000303' }]);
  });

  it('analyses anew when the commit ignores a column the preview kept, or maps another one', { timeout: 120_000 }, async () => {
    const ctx = await open(worker);
    const dataBase64 = await sheet();
    const p = await call(ctx, 'import.preview', { fileName: 'reuse.xlsx', dataBase64 });
    // 邮编 (column F, index 5) ignored at the commit: only 档案号 goes to 其他信息.
    const r = await call(ctx, 'import.commit', { fileName: 'reuse.xlsx', dataBase64, mapping: p.mapping, ignore: [5], force: [] });
    expect(r).toMatchObject({ imported: 3, extraValues: 3 });
    expect(ctx.db.prepare('SELECT DISTINCT label FROM client_extra').all()).toEqual([{ label: '档案号' }]);

    // A second file whose 联系电话 column is left unmapped at the commit: the phone goes to 其他信息 instead.
    const other = await xlsxOf([
      ['序号', '企业名称', '信用代码', '地市', '联系电话'],
      ['1', '运城复用检查传媒有限公司', usccFor(81_004), '运城市', '0359-2022004'],
    ]);
    const b64 = other.toString('base64');
    const q = await call(ctx, 'import.preview', { fileName: 'other.xlsx', dataBase64: b64 });
    expect(q.mapping.contactPhone).toBe(4);
    const { contactPhone: _phone, ...without } = q.mapping;
    const s = await call(ctx, 'import.commit', { fileName: 'other.xlsx', dataBase64: b64, mapping: without, force: [] });
    expect(s).toMatchObject({ imported: 1, extraValues: 1 });
    const id = s.clientIds[0];
    expect(ctx.db.prepare('SELECT contact_phone FROM clients WHERE id = ?').get(id)).toEqual({ contact_phone: null });
    expect(ctx.db.prepare('SELECT label, value FROM client_extra WHERE client_id = ?').all(id)).toEqual([{ label: '联系电话', value: '0359-2022004' }]);
  });
});
