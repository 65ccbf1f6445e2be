import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { contract, type ImportPreview, type ImportRow } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { readTable } from '../../db/import/read-table';
import { commitImport, previewImport } from '../../db/service/import';
import { getClient } from '../../db/service/clients';
import { testContext } from '../helpers/context';
import { makeUscc } from '../helpers/call';

const FIX = fileURLToPath(new URL('../fixtures/', import.meta.url));
const XLSX = fs.readFileSync(path.join(FIX, '客户台账.xlsx'));
const CSV = fs.readFileSync(path.join(FIX, '客户台账-gbk.csv'));
interface Expected {
  row: number; name: string; uscc?: string; city?: string; district?: string; capitalYuan?: number; founded?: string;
  phone?: string; outcome: 'imported' | 'flagged' | 'duplicate'; flags: string[];
}
const EXPECTED = (JSON.parse(fs.readFileSync(path.join(FIX, 'expected.json'), 'utf8')) as { rows: Expected[] }).rows;

/** expected.json's English flag texts → our flag codes. */
function flagCode(text: string): string {
  const map: Record<string, string> = {
    'normalised full-width USCC': 'uscc_fullwidth',
    'office area below 50 m2': 'area_low',
    'registered capital below 1,000,000 yuan': 'capital_low',
    'fewer than 3 insured staff': 'staff_low',
    'USCC check character wrong': 'uscc_check',
    'city outside Shanxi': 'outside_shanxi',
  };
  if (/^same USCC as row \d+$/.test(text)) return 'duplicate_in_file';
  if (!map[text]) throw new Error(`unmapped flag ${text}`);
  return map[text];
}
/** Informational flags expected.json does not list. */
const UNLISTED = ['uscc_lowercase', 'city_mismatch'];

const file = (fileName: string, bytes: Buffer | string) => ({
  fileName,
  dataBase64: (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64'),
});
const preview = (ctx: ReturnType<typeof testContext>, name: string, bytes: Buffer | string) =>
  previewImport(ctx, { ...file(name, bytes), mapping: null });
const commit = async (ctx: ReturnType<typeof testContext>, name: string, bytes: Buffer | string, force: number[] = []) => {
  const p = await preview(ctx, name, bytes);
  return commitImport(ctx, { ...file(name, bytes), mapping: p.mapping, force });
};
const clientCount = (ctx: ReturnType<typeof testContext>) => (ctx.db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
const bySeq = (p: ImportPreview) => new Map(p.rows.map((r) => [r.seq, r]));

describe.each([
  ['客户台账.xlsx', XLSX, '客户台账', null],
  ['客户台账-gbk.csv', CSV, null, 'gb18030'],
])('preview of %s', (name, bytes, sheetName, encoding) => {
  it('matches expected.json row by row', async () => {
    const p = await preview(testContext(), name, bytes);
    expect(p).toMatchObject({ fileName: name, sheetName, encoding });
    expect(contract['import.preview'].output.parse(p)).toEqual(p);
    expect(p.summary).toEqual({ total: 38, import: 33, flagged: 4, duplicate: 1, extraValues: 0 });
    expect(p.rows.map((r) => r.seq)).toEqual(EXPECTED.map((e) => String(e.row)));
    const rows = bySeq(p);
    for (const e of EXPECTED) {
      const r = rows.get(String(e.row))!;
      const ctx = `row ${e.row}`;
      expect(r.outcome, ctx).toBe({ imported: 'import', flagged: 'flagged', duplicate: 'duplicate' }[e.outcome]);
      expect(r.values.name, ctx).toBe(e.name);
      if (e.uscc) expect(r.values, ctx).toMatchObject({ uscc: e.uscc, city: e.city, district: e.district, capitalYuan: e.capitalYuan, founded: e.founded, contactPhone: e.phone });
      const ours = r.flags.filter((f) => !UNLISTED.includes(f)).sort();
      expect(ours, ctx).toEqual(e.flags.map(flagCode).sort());
      expect(r.reasons.length > 0, ctx).toBe(r.outcome !== 'import');
    }
  });

  it('explains flagged and duplicate rows in Chinese', async () => {
    const p = await preview(testContext(), name, bytes);
    const rows = bySeq(p);
    for (const seq of ['8', '20', '32']) {
      expect(rows.get(seq)).toMatchObject({ outcome: 'flagged', flags: ['uscc_check'], canForce: true });
      expect(rows.get(seq)!.reasons[0].text).toMatch(/校验位错误/);
    }
    expect(rows.get('37')).toMatchObject({ outcome: 'flagged', canForce: false });
    expect(rows.get('37')!.reasons[0].text).toMatch(/不在山西省/);
    const dup = rows.get('38')!;
    const first = rows.get('3')!;
    expect(dup).toMatchObject({ outcome: 'duplicate', duplicateOf: first.sheetRow, canForce: false });
    expect(dup.reasons.map((r) => r.text)).toEqual([`与第${first.sheetRow}行（序号3）统一社会信用代码相同`]);
    expect(rows.get('9')!.flags).toContain('uscc_lowercase');
    expect(rows.get('1')!.values).toMatchObject({ stage: 'aftercare', industry: '文旅服务', officeAreaM2: 120, insuredStaff: 3, consultant: '白顾问', domain: 'www.jwf1.cn' });
    expect(rows.get('11')!.values.remark).toBe('客户要求每周五发进度');
  });
});

it('xlsx and csv give identical rows apart from the sheet row numbers', async () => {
  const strip = (r: ImportRow) => ({ ...r, sheetRow: 0, duplicateOf: null, reasons: r.reasons.map((s) => s.text.replace(/第\d+行/, '第N行')) });
  const a = await preview(testContext(), 'a.xlsx', XLSX);
  const b = await preview(testContext(), 'b.csv', CSV);
  expect(a.headerRow).toBe(2);
  expect(b.headerRow).toBe(1);
  expect(a.mapping).toEqual(b.mapping);
  expect(a.rows.map(strip)).toEqual(b.rows.map(strip));
});

it('preview writes nothing', async () => {
  const ctx = testContext();
  await preview(ctx, 'a.xlsx', XLSX);
  expect(clientCount(ctx)).toBe(0);
});

describe('commit', () => {
  it('imports the 33 clean rows with their fields and 17 materials each', async () => {
    const ctx = testContext();
    const res = await commit(ctx, '客户台账.xlsx', XLSX);
    expect(res.imported).toBe(33);
    expect(contract['import.commit'].output.parse(res)).toEqual(res);
    expect(res.clientIds).toHaveLength(33);
    expect(clientCount(ctx)).toBe(33);
    expect(res.skipped.map((s) => s.seq)).toEqual(['8', '20', '32', '37', '38']);
    expect(res.skipped.every((s) => s.reasons.length > 0)).toBe(true);
    const mats = ctx.db.prepare('SELECT client_id, count(*) AS n FROM materials GROUP BY client_id').all() as { n: number }[];
    expect(mats).toHaveLength(33);
    expect(mats.every((m) => m.n === 17)).toBe(true);

    const c = getClient(ctx, res.clientIds[0]);
    expect(c).toMatchObject({
      name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', usccValid: true, city: '太原市', district: '迎泽区',
      industry: '文旅服务', platformName: '太原古城网', domain: 'www.jwf1.cn', legalRep: '黄春梅', contactName: '吴磊',
      contactPhone: '15226771482', capitalYuan: 5_000_000, founded: '2021-02-15', officeAreaM2: 120, insuredStaff: 3,
      stage: 'aftercare', consultant: '白顾问', remark: null,
    });
    const third = getClient(ctx, res.clientIds[2]);
    expect(third).toMatchObject({ uscc: '91140302MAEA01821L', city: '阳泉市', stage: 'site_inspection' });
    const withRemark = ctx.db.prepare("SELECT remark FROM clients WHERE name = '吕梁老陈醋兴网络科技有限公司'").get() as { remark: string };
    expect(withRemark.remark).toBe('客户要求每周五发进度');
    const kinds = ctx.db.prepare('SELECT DISTINCT kind FROM events ORDER BY kind').all() as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toContain('client.import');
  });

  it('forcing row 8 imports it with usccValid false; forcing a non-forceable row does nothing', async () => {
    const ctx = testContext();
    const p = await preview(ctx, 'a.csv', CSV);
    const row8 = bySeq(p).get('8')!;
    const row37 = bySeq(p).get('37')!;
    const res = await commitImport(ctx, { ...file('a.csv', CSV), mapping: p.mapping, force: [row8.sheetRow, row37.sheetRow] });
    expect(res.imported).toBe(34);
    expect(clientCount(ctx)).toBe(34);
    const id = (ctx.db.prepare("SELECT id FROM clients WHERE uscc = '91140802MA6NLDQK80'").get() as { id: number }).id;
    expect(getClient(ctx, id)).toMatchObject({ usccValid: false, name: '运城重工达装备科技有限公司', stage: 'consultation' });
    expect(res.skipped.map((s) => s.seq)).toEqual(['20', '32', '37', '38']);
  });

  it('committing the same file twice creates nothing the second time', async () => {
    const ctx = testContext();
    const first = await commit(ctx, 'a.xlsx', XLSX, [10]); // sheet row 10 = 序号 8
    expect(first.imported).toBe(34);
    const p = await preview(ctx, 'a.xlsx', XLSX);
    const importedSeqs = EXPECTED.filter((e) => e.outcome === 'imported' || e.row === 8).map((e) => String(e.row));
    for (const seq of importedSeqs) expect(bySeq(p).get(seq), seq).toMatchObject({ outcome: 'duplicate', flags: ['exists'] });
    expect(bySeq(p).get('1')!.reasons[0].text).toMatch(/已有该企业：太原晋祠兴旅游服务有限公司/);
    const second = await commitImport(ctx, { ...file('a.xlsx', XLSX), mapping: p.mapping, force: [10] });
    expect(second.imported).toBe(0);
    expect(second.skipped).toHaveLength(38);
    expect(clientCount(ctx)).toBe(34);
  });

  it('is all-or-nothing: a failure mid-way leaves no client', async () => {
    const ctx = testContext();
    ctx.db.exec(`CREATE TRIGGER boom BEFORE INSERT ON clients WHEN NEW.name LIKE '%晋中%' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    await expect(commit(ctx, 'a.xlsx', XLSX)).rejects.toThrow('boom');
    expect(clientCount(ctx)).toBe(0);
    expect((ctx.db.prepare('SELECT count(*) AS n FROM materials').get() as { n: number }).n).toBe(0);
    expect((ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(0);
  });
});

describe('other files', () => {
  it('reads UTF-8 with a BOM, flags bad values and forcing keeps the raw text in the remark', async () => {
    const ctx = testContext();
    const csv = '\uFEFF序号,企业名称,信用代码,地市,注册资本（万元）,成立日期,电话,办理阶段,备注\r\n'
      + '1,太原甲网络科技有限公司,91140106MA1QN6K440,,500,2023年5月8日,0351 5322469,已提交,老客户\r\n'
      + '2,太原乙网络科技有限公司,91140213MA4NRBGM4J,晋中,五百万,2023-13-45,,不知道,\r\n';
    const p = await preview(ctx, 'x.csv', csv);
    expect(p.encoding).toBe('utf-8');
    const [a, b] = p.rows;
    expect(a).toMatchObject({ outcome: 'import', flags: [] });
    expect(a.values).toMatchObject({ city: '太原市', capitalYuan: 5_000_000, founded: '2023-05-08', contactPhone: '0351-5322469', stage: 'formal_submission', remark: '老客户' });
    expect(b).toMatchObject({ outcome: 'flagged', canForce: true, flags: ['city_mismatch', 'bad_value'] });
    expect(b.values).toMatchObject({ city: '晋中市', capitalYuan: null, founded: null, stage: null });
    expect(b.reasons.map((r) => r.text).join()).toMatch(/“注册资本（万元）”列：无法识别的注册资本“五百万”/);
    expect(b.reasons).toHaveLength(3);
    const res = await commitImport(ctx, { ...file('x.csv', csv), mapping: p.mapping, force: [3] });
    expect(res.imported).toBe(2);
    const c = getClient(ctx, res.clientIds[1]);
    expect(c).toMatchObject({ capitalYuan: null, founded: null, stage: 'consultation', city: '晋中市' });
    expect(c.remark).toMatch(/【导入时未能识别】.*五百万.*2023-13-45.*不知道/);
  });

  it('clients past 发证 get the sheet\'s stage date or none ("阶段日期未知"), and a checklist of 已通过, not 0/17; ICP备案号 and server location are read', async () => {
    const ctx = testContext(); // 2026-11-27
    const csv = '\uFEFF公司名称,信用代码,地市,办理阶段,阶段日期,ICP备案号,服务器所在地\r\n'
      + '太原甲网络科技有限公司,91140106MA1QN6K440,太原,后续管理,2024年5月8日,晋ICP备2023001234号-1,阿里云华北2（北京）\r\n'
      + '太原乙网络科技有限公司,91140213MA4NRBGM4J,大同,发证,,,\r\n'
      + `太原丙网络科技有限公司,${makeUscc()},太原,材料准备,,,\r\n`;
    const res = await commit(ctx, 'y.csv', csv);
    expect(res.imported).toBe(3);
    const [a, b, c] = res.clientIds.map((id) => getClient(ctx, id));
    expect(a).toMatchObject({ stage: 'aftercare', stageSince: '2024-05-08', icpFilingNo: '晋ICP备2023001234号-1', serverLocation: '阿里云华北2（北京）', materialsDone: 17, materialsTotal: 17 });
    expect(b).toMatchObject({ stage: 'issuance', stageSince: null, materialsDone: 17, materialsTotal: 17 });
    expect(c).toMatchObject({ stage: 'materials', stageSince: '2026-11-27', materialsDone: 0, materialsTotal: 17 });
    const statuses = (id: number) => (ctx.db.prepare('SELECT DISTINCT status FROM materials WHERE client_id = ?').all(id) as Array<{ status: string }>).map((r) => r.status);
    expect(statuses(b.id)).toEqual(['accepted']);
    expect(statuses(c.id)).toEqual(['missing']);
  });

  it('derives the city from the USCC, flags malformed codes, missing names and unknown cities', async () => {
    const csv = '公司名称,统一社会信用代码,所在城市\n'
      + '甲公司有限公司,91140106MA1QN6K440,\n'
      + '乙公司有限公司,9114010,太原\n'
      + ',91140213MA4NRBGM4J,大同\n'
      + '丙公司有限公司,,火星\n'
      + '1,,,\n'
      + '丁公司有限公司,91610113MA60MKFJ35,太原\n';
    const p = await preview(testContext(), 'x.csv', csv);
    const byRow = new Map(p.rows.map((r) => [r.sheetRow, r]));
    expect(byRow.get(2)).toMatchObject({ outcome: 'import', values: { city: '太原市' } });
    expect(byRow.get(3)).toMatchObject({ outcome: 'flagged', flags: ['uscc_invalid'], canForce: false });
    expect(byRow.get(4)).toMatchObject({ outcome: 'flagged', flags: ['missing_name'], canForce: false });
    expect(byRow.get(5)).toMatchObject({ outcome: 'flagged', flags: ['uscc_invalid', 'city_unknown'], canForce: false });
    expect(byRow.get(6)).toMatchObject({ outcome: 'flagged', flags: ['missing_name', 'uscc_invalid', 'city_unknown'] });
    expect(byRow.get(7)).toMatchObject({ outcome: 'flagged', flags: ['outside_shanxi'], canForce: false });
    expect(byRow.get(7)!.reasons[0].text).toMatch(/6101/);
  });

  it('accepts a user mapping over headings it does not recognise', async () => {
    const csv = '甲方,代码,地方\n太原甲网络科技有限公司,91140106MA1QN6K440,太原\n';
    await expect(preview(testContext(), 'x.csv', csv)).rejects.toMatchObject({ code: 'BAD_FILE' });
    const p = await previewImport(testContext(), { ...file('x.csv', csv), mapping: { name: 0, uscc: 1, city: 2 } });
    expect(p.headerRow).toBe(1);
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]).toMatchObject({ outcome: 'import', seq: null, values: { name: '太原甲网络科技有限公司', city: '太原市' } });
  });
});

describe('bad files', () => {
  const ole2 = Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(504, 1)]);
  const random = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
  it.each([
    ['random bytes named .xlsx', 'x.xlsx', random, /Excel/],
    ['an empty file', 'x.csv', Buffer.alloc(0), /文件为空/],
    ['a legacy .xls', '台账.xls', ole2, /另存为.*\.xlsx/],
    ['an .xls that is really HTML', '台账.xls', Buffer.from('<html><table></table></html>'), /另存为/],
    ['a zip that is not a workbook', 'x.xlsx', Buffer.from('504b0304' + '00'.repeat(60), 'hex'), /Excel/],
    ['a PDF', 'x.pdf', Buffer.from('%PDF-1.7\n'), /不是Excel（\.xlsx）或CSV文件/],
    ['binary bytes named .csv', 'x.csv', random, /编码|不是/],
    ['a csv without a company-name column', 'x.csv', Buffer.from('序号,统一社会信用代码,城市\n1,91140106MA1QN6K440,太原\n'), /找不到“公司名称”列/],
    ['a csv with only the header', 'x.csv', Buffer.from('序号,公司名称,统一社会信用代码\r\n\r\n'), /没有客户数据/],
    ['a csv with only blank lines', 'x.csv', Buffer.from('\r\n,,,\r\n'), /没有数据/],
  ])('%s → BAD_FILE', async (_label, name, bytes, message) => {
    const ctx = testContext();
    const runs = [() => preview(ctx, name, bytes), () => commitImport(ctx, { ...file(name, bytes), mapping: {}, force: [] })];
    for (const [i, run] of runs.entries()) {
      const err = await run().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BAD_FILE');
      if (i === 0) expect((err as AppError).message).toMatch(message);
      expect((err as AppError).message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(clientCount(ctx)).toBe(0);
  });

  it('readTable decodes GBK and keeps row numbers with CRLF', async () => {
    const t = await readTable('a.csv', iconv.encode('公司名称,城市\r\n\r\n阳泉甲公司,陽泉\r\n', 'gbk'));
    expect(t.encoding).toBe('gb18030');
    expect(t.rows).toEqual([['公司名称', '城市'], [''], ['阳泉甲公司', '陽泉']]);
  });
});
