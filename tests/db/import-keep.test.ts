/**
 * Issue 13: an import never loses a value (line breaks, unmapped columns as 其他信息, header variants, remembered
 * mappings, coded reasons) and refuses odd files with a coded error, writing nothing.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { dispatch } from '../../db/dispatch';
import { commitImport, previewImport } from '../../db/service/import';
import { getClient, setExtraInfo } from '../../db/service/clients';
import { listClients } from '../../db/service/client-list';
import { exportJson, importJson } from '../../db/export/json';
import { openDatabase } from '../../db/open';
import { MAX_DATA_ROWS } from '../../db/import/read-table';
import { testContext } from '../helpers/context';
import { clientRows, ole2With, styledWorkbook, usccFor, xlsxOf, zipOf } from '../helpers/workbooks';

type Ctx = ReturnType<typeof testContext>;
const file = (fileName: string, bytes: Buffer | string) => ({
  fileName,
  dataBase64: (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64'),
});
const preview = (ctx: Ctx, name: string, bytes: Buffer | string, ignore: number[] | null = null) => previewImport(ctx, { ...file(name, bytes), mapping: null, ignore });
async function commitAll(ctx: Ctx, name: string, bytes: Buffer | string) {
  const p = await preview(ctx, name, bytes);
  return commitImport(ctx, { ...file(name, bytes), mapping: p.mapping, ignore: p.ignore, force: [] });
}
const clientCount = (ctx: Ctx) => (ctx.db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
const U1 = usccFor(1);
const U2 = usccFor(2);

describe('line breaks are kept in multi-line fields', () => {
  const multi = {
    remark: '第一行\n第二行，含逗号',
    address: '太原市小店区\r\n长风街1号',
    scope: '第一类增值电信业务\r第二类增值电信业务',
  };
  const header = ['公司名称', '统一社会信用代码', '所在城市', '备注', '注册地址', '经营范围'];
  const row = ['山西晋通科技有限公司', U1, '太原市', multi.remark, multi.address, multi.scope];

  it.each([
    ['utf-8 csv', 'a.csv', () => Buffer.from(`${header.join(',')}\r\n${row.map(csvCell).join(',')}\r\n`, 'utf8')],
    ['gbk csv', 'a.csv', () => iconv.encode(`${header.join(',')}\n${row.map(csvCell).join(',')}\n`, 'gbk')],
    ['utf-16le csv (Excel Unicode text)', 'a.txt', () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`${header.join('\t')}\r\n${row.map(csvCell).join('\t')}\r\n`, 'utf-16le')])],
    ['xlsx (Alt+Enter)', 'a.xlsx', () => xlsxOf([header, row])],
  ])('%s keeps LF in remark, address and business scope', async (_, name, make) => {
    const ctx = testContext();
    const bytes = await make();
    const res = await commitAll(ctx, name, bytes);
    expect(res.imported).toBe(1);
    const c = getClient(ctx, res.clientIds[0]);
    expect(c.remark).toBe('第一行\n第二行，含逗号');
    expect(c.address).toBe('太原市小店区\n长风街1号');
    expect(c.businessScope).toBe('第一类增值电信业务\n第二类增值电信业务');
  });
});

describe('columns without a client field go to 其他信息', () => {
  const csv = [
    '公司名称,统一社会信用代码,所在城市,邮编,档案号,空列',
    `山西晋通科技有限公司,${U1},太原市,030600,000127,`,
    `晋中云科技有限公司,${U2},晋中市,030600,000128,`,
  ].join('\n');

  it('the preview lists every column with its destination and counts the 其他信息 values', async () => {
    const p = await preview(testContext(), 'a.csv', csv);
    expect(p.columns.map((c) => [c.header, c.destination, c.field])).toEqual([
      ['公司名称', 'field', 'name'], ['统一社会信用代码', 'field', 'uscc'], ['所在城市', 'field', 'city'],
      ['邮编', 'extra', null], ['档案号', 'extra', null], ['空列', 'empty', null],
    ]);
    expect(p.rows[0].extra).toEqual([{ label: '邮编', value: '030600' }, { label: '档案号', value: '000127' }]);
    expect(p.summary.extraValues).toBe(4);
  });

  it('commit stores them with leading zeros, says how many, and search finds the client by one', async () => {
    const ctx = testContext();
    const res = await commitAll(ctx, 'a.csv', csv);
    expect(res).toMatchObject({ imported: 2, extraValues: 4 });
    expect(getClient(ctx, res.clientIds[0]).extraInfo).toEqual([{ label: '邮编', value: '030600' }, { label: '档案号', value: '000127' }]);
    const hit = listClients(ctx, { q: '000128', city: null, stage: null, consultant: null, sort: 'createdAt', dir: 'asc', offset: 0, limit: 100 });
    expect(hit.rows.map((r) => r.name)).toEqual(['晋中云科技有限公司']);
  });

  it('an ignored column is not stored, and the preview says it was ignored', async () => {
    const ctx = testContext();
    const p = await preview(ctx, 'a.csv', csv, [3]);
    expect(p.columns[3].destination).toBe('ignored');
    const res = await commitImport(ctx, { ...file('a.csv', csv), mapping: p.mapping, ignore: [3], force: [] });
    expect(res.extraValues).toBe(2);
    expect(getClient(ctx, res.clientIds[0]).extraInfo).toEqual([{ label: '档案号', value: '000127' }]);
  });

  it('其他信息 is editable and removable, and search follows the edit', async () => {
    const ctx = testContext();
    const { clientIds } = await commitAll(ctx, 'a.csv', csv);
    const c = setExtraInfo(ctx, { id: clientIds[0], items: [{ label: '档案号', value: 'A-778899' }] });
    expect(c.extraInfo).toEqual([{ label: '档案号', value: 'A-778899' }]);
    const q = (s: string) => listClients(ctx, { q: s, city: null, stage: null, consultant: null, sort: 'createdAt', dir: 'asc', offset: 0, limit: 100 }).total;
    expect(q('778899')).toBe(1);
    expect(q('000127')).toBe(0);
    expect(setExtraInfo(ctx, { id: clientIds[0], items: [] }).extraInfo).toEqual([]);
  });

  it('the JSON round trip keeps 其他信息 and its search index', async () => {
    const src = testContext();
    const { clientIds } = await commitAll(src, 'a.csv', csv);
    const text = exportJson(src.db, { appVersion: 'test', now: new Date('2026-11-27T02:00:00Z') });
    const dst = testContext();
    dst.db.close();
    dst.db = openDatabase(':memory:');
    importJson(dst.db, text);
    expect(getClient(dst, clientIds[1]).extraInfo).toEqual([{ label: '邮编', value: '030600' }, { label: '档案号', value: '000128' }]);
    expect(listClients(dst, { q: '000128', city: null, stage: null, consultant: null, sort: 'createdAt', dir: 'asc', offset: 0, limit: 10 }).total).toBe(1);
  });
});

describe('header variants and remembered mappings', () => {
  it('maps the headings agencies write, with the 万元 unit', async () => {
    const csv = [
      '单位名称,税号,地区,法人代表,手机号码,注册资本(万元),注册日期,经营范围',
      `山西晋通科技有限公司,${U1},太原市,王五,13912345678,500,2020-05-08,信息服务`,
    ].join('\n');
    const p = await preview(testContext(), 'a.csv', csv);
    expect(p.mapping).toEqual({ name: 0, uscc: 1, city: 2, legalRep: 3, contactPhone: 4, capital: 5, founded: 6, businessScope: 7 });
    expect(p.rows[0].values).toMatchObject({ name: '山西晋通科技有限公司', uscc: U1, legalRep: '王五', contactPhone: '13912345678', capitalYuan: 5_000_000, founded: '2020-05-08' });
    for (const h of ['企业名称', '公司全称']) expect((await preview(testContext(), 'a.csv', csv.replace('单位名称', h))).mapping.name).toBe(0);
    for (const h of ['信用代码', '社会信用代码']) expect((await preview(testContext(), 'a.csv', csv.replace('税号', h))).mapping.uscc).toBe(1);
    for (const h of ['所在地区', '地市']) expect((await preview(testContext(), 'a.csv', csv.replace('地区', h))).mapping.city).toBe(2);
    expect((await preview(testContext(), 'a.csv', csv.replace('法人代表', '法人'))).mapping.legalRep).toBe(3);
    for (const h of ['联系人电话', '手机']) expect((await preview(testContext(), 'a.csv', csv.replace('手机号码', h))).mapping.contactPhone).toBe(4);
    expect((await preview(testContext(), 'a.csv', csv.replace('注册资本(万元)', '注册资金'))).rows[0].values.capitalYuan).toBe(500);
    expect((await preview(testContext(), 'a.csv', csv.replace('注册日期', '成立时间'))).mapping.founded).toBe(6);
  });

  it('a 15-digit 税号 is flagged as not a USCC', async () => {
    const p = await preview(testContext(), 'a.csv', '公司名称,税号,所在城市\n山西晋通科技有限公司,140105123456789,太原市\n');
    expect(p.rows[0]).toMatchObject({ outcome: 'flagged', canForce: false });
    expect(p.rows[0].flags).toContain('tax_id_15');
    expect(p.rows[0].reasons).toEqual([expect.objectContaining({ code: 'reason_tax_id_15', params: { column: '税号', value: '140105123456789' } })]);
    expect(p.rows[0].reasons[0].text).toMatch(/15位的旧税号/);
  });

  it('the second import of the same header set uses the mapping the user committed', async () => {
    const ctx = testContext();
    const csv = `客户,代码,市,编码\n山西晋通科技有限公司,${U1},太原市,X1\n`;
    const mapping = { name: 0, uscc: 1, city: 2 };
    await commitImport(ctx, { ...file('a.csv', csv), mapping, ignore: [3], force: [] });
    const again = `客户,代码,市,编码\n晋中云科技有限公司,${U2},晋中市,X2\n`;
    const p = await preview(ctx, 'b.csv', again);
    expect(p).toMatchObject({ mappingSource: 'remembered', mapping, ignore: [3] });
    expect(p.rows[0].outcome).toBe('import');
  });
});

describe('text no field can hold is kept as 其他信息 when a flagged row is imported anyway', () => {
  const forceAll = async (ctx: Ctx, csv: string) => {
    const p = await preview(ctx, 'a.csv', csv);
    await commitImport(ctx, { ...file('a.csv', csv), mapping: p.mapping, ignore: p.ignore, force: p.rows.map((r) => r.sheetRow) });
    return { p, c: getClient(ctx, 1) };
  };

  it('a 2,500-character 备注 and a 2,100-character 经营范围: the fields stay empty, both texts are kept whole', async () => {
    const remark = '客户跟进记录：'.repeat(358).slice(0, 2500);
    const scope = '第二类增值电信业务中的信息服务业务（仅限互联网信息服务）'.repeat(80).slice(0, 2100);
    const { p, c } = await forceAll(testContext(), `公司名称,统一社会信用代码,所在城市,备注,经营范围\n山西晋通科技有限公司,${U1},太原市,${remark},${scope}\n`);
    expect(p.rows[0].reasons.map((r) => r.text)).toEqual([
      '“经营范围”列的内容有2100个字符，超过2000个字符的上限，该项将留空，全文保存在其他信息中',
      '“备注”列的内容有2500个字符，超过2000个字符的上限，该项将留空，全文保存在其他信息中',
    ]);
    expect(c.remark).toBeNull();
    expect(c.businessScope).toBeNull();
    expect(c.extraInfo).toEqual([{ label: '经营范围', value: scope }, { label: '备注', value: remark }]);
  });

  it('a 1,990-character 备注 and 注册资本 “约五百万”: the 备注 is kept whole and 约五百万 is not cut off', async () => {
    const remark = '材料待补充，'.repeat(332).slice(0, 1990);
    const { c } = await forceAll(testContext(), `公司名称,统一社会信用代码,所在城市,注册资本,备注,邮编\n山西晋通科技有限公司,${U1},太原市,约五百万,${remark},030600\n`);
    expect(c.remark).toBe(remark);
    expect(c.capitalYuan).toBeNull();
    expect(c.extraInfo).toEqual([{ label: '导入时未能识别', value: '注册资本：约五百万' }, { label: '邮编', value: '030600' }]);
  });
});

describe('其他信息 imported within the limits the client page saves with', () => {
  it('a 6,000-character 跟进记录 column continues in 跟进记录（续2）; the imported 其他信息 can be saved again as it is', async () => {
    const ctx = testContext();
    const log = `${'2026-11-20 电话沟通材料清单；'.repeat(300)}`.slice(0, 5999) + '𠀀'; // 6,001 UTF-16 units, ends in a surrogate pair
    await commitAll(ctx, 'a.csv', `公司名称,统一社会信用代码,所在城市,跟进记录\n山西晋通科技有限公司,${U1},太原市,${log}\n`);
    const c = getClient(ctx, 1);
    expect(c.extraInfo).toEqual([{ label: '跟进记录', value: log.slice(0, 5000) }, { label: '跟进记录（续2）', value: log.slice(5000) }]);
    expect(c.extraInfo.map((x) => x.value).join('')).toBe(log);
    // Saved again through the dispatcher, as the client page's 其他信息 dialog does (the contract's limits apply).
    const again = await dispatch(ctx, 'clients.setExtraInfo', { id: 1, items: c.extraInfo });
    expect(again).toMatchObject({ ok: true, value: { extraInfo: c.extraInfo } });
  });
  it('250 columns no field takes: 199 items as they are, the other 51 gathered as lines under 更多列; saved again as it is', async () => {
    const ctx = testContext();
    const heads = Array.from({ length: 250 }, (_, k) => `附加${k + 1}`);
    const vals = Array.from({ length: 250 }, (_, k) => `值${k + 1}`);
    await commitAll(ctx, 'a.csv', `公司名称,统一社会信用代码,所在城市,${heads.join(',')}\n山西晋通科技有限公司,${U1},太原市,${vals.join(',')}\n`);
    const c = getClient(ctx, 1);
    expect(c.extraInfo).toHaveLength(200);
    expect(c.extraInfo[0]).toEqual({ label: '附加1', value: '值1' });
    expect(c.extraInfo[198]).toEqual({ label: '附加199', value: '值199' });
    expect(c.extraInfo[199].label).toBe('更多列');
    expect(c.extraInfo[199].value.split('\n')).toEqual(Array.from({ length: 51 }, (_, k) => `附加${k + 200}：值${k + 200}`));
    const again = await dispatch(ctx, 'clients.setExtraInfo', { id: 1, items: c.extraInfo });
    expect(again).toMatchObject({ ok: true, value: { extraInfo: c.extraInfo } });
  });
});

describe('reasons are coded, one per problem', () => {
  it('“约五百万” gets one reason; a 200-character name is 名称过长', async () => {
    const long = '山'.repeat(196) + '有限公司';
    const csv = `公司名称,统一社会信用代码,所在城市,注册资本\n山西晋通科技有限公司,${U1},太原市,约五百万\n${long},${U2},太原市,100万\n`;
    const p = await preview(testContext(), 'a.csv', csv);
    const [a, b] = p.rows;
    expect(a.reasons).toHaveLength(1);
    expect(a.reasons[0]).toMatchObject({ code: 'reason_bad_value', params: { column: '注册资本', detail: { code: 'capital_unreadable', params: { value: '约五百万' } } } });
    expect(a.reasons[0].text.match(/无法识别/g)).toHaveLength(1);
    expect(b).toMatchObject({ outcome: 'flagged', canForce: false, flags: ['name_too_long'] });
    expect(b.reasons[0]).toMatchObject({ code: 'reason_name_too_long', params: { length: 200 } });
    expect(b.reasons[0].text).toMatch(/^名称过长/);
  });
});

describe('big and odd files', () => {
  it('a workbook styled down to row 1,000,051 previews its 50 real rows', { timeout: 300_000 }, async () => {
    const bytes = await styledWorkbook(51, 1_000_051);
    const p = await preview(testContext(), 'styled.xlsx', bytes);
    expect(p.summary.total).toBe(50);
    expect(p.rows[49]).toMatchObject({ sheetRow: 51, outcome: 'import' });
  });

  it(`more than ${MAX_DATA_ROWS} data rows is refused with the cap named`, { timeout: 120_000 }, async () => {
    const rows = clientRows(MAX_DATA_ROWS + 11).map((r) => r.slice(0, 3).join(','));
    const err = await preview(testContext(), 'big.csv', rows.join('\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).msg).toEqual({ code: 'file_too_many_rows', params: { max: 50_000 } });
  });

  const odd: Array<[string, string, () => Promise<Buffer> | Buffer, string]> = [
    ['a password-protected workbook', 'p.xlsx', () => ole2With('EncryptedPackage'), 'file_encrypted'],
    ['an .xls renamed .xlsx', 'old.xlsx', () => ole2With(), 'file_xls'],
    ['an .xlsb', 'b.xlsb', () => zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/workbook.bin', data: Buffer.alloc(64) }]), 'file_xlsb'],
    ['a zip bomb', 'bomb.xlsx', () => zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) }]), 'file_too_big_expanded'],
    ['an empty sheet', 'empty.xlsx', () => xlsxOf([]), 'file_empty_sheet'],
    ['a sheet with only headers', 'h.xlsx', () => xlsxOf([['公司名称', '统一社会信用代码', '所在城市']]), 'file_headers_only'],
  ];
  it.each(odd)('%s gives its code and writes nothing', async (_, name, make, code) => {
    const ctx = testContext();
    const bytes = await make();
    const err = await commitImport(ctx, { ...file(name, bytes), mapping: { name: 0, uscc: 1, city: 2 }, force: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).toPayload()).toMatchObject({ code: 'BAD_FILE', key: code });
    expect(clientCount(ctx)).toBe(0);
  });

  it('a UTF-16 LE CSV with BOM imports like the UTF-8 one', async () => {
    const text = `公司名称\t统一社会信用代码\t所在城市\t邮编\r\n山西晋通科技有限公司\t${U1}\t太原市\t030600\r\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const a = await preview(testContext(), 'u.txt', utf16);
    const b = await preview(testContext(), 'u.txt', Buffer.from(text, 'utf8'));
    expect(a.encoding).toBe('utf-16le');
    expect({ ...a, encoding: null }).toEqual({ ...b, encoding: null });
    expect(a.rows[0].extra).toEqual([{ label: '邮编', value: '030600' }]);
  });
});
