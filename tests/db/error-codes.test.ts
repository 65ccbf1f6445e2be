/**
 * Service errors reach the UI coded (issue 13 §3): through the real dispatcher, each failure of the backup, restore,
 * licence, inspection, calendar, materials and export services carries `key` + `params`; its zh-CN `message` is the
 * text it always had, and the English resources render it in English (what the renderer shows).
 */
import { describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context';
import { err, makeUscc, ok } from '../helpers/call';
import { tmpDir } from '../helpers/data';
import { isMessage } from '../../shared/messages';
import { EN_MESSAGES, enText } from '../../shared/messages-en';
import type { ErrorPayload } from '../../shared/errors';

/** English text of a coded message, as the renderer renders it (nested messages and lists too); fails on an unknown code. */
function en(m: { code: string; params: Record<string, unknown> }): string {
  expect(Object.keys(EN_MESSAGES)).toContain(m.code);
  return enText(m);
}
const english = (p: ErrorPayload) => {
  expect(p.key, p.message).toBeTruthy();
  return en({ code: p.key!, params: p.params ?? {} });
};
const fieldEnglish = (p: ErrorPayload, i = 0) => {
  const f = p.details!.fields![i];
  expect(f.key).toBeTruthy();
  return en({ code: f.key!, params: f.params ?? {} });
};

async function client(ctx: ReturnType<typeof testContext>, name = '太原后续管理网络科技有限公司') {
  return (await ok(ctx, 'clients.create', { client: { name, uscc: makeUscc(), city: '太原市' } })).client;
}

describe('backup and restore errors are coded', () => {
  it('a backup that is not there, and a file that is not a database', async () => {
    const ctx = { ...testContext(), dataDir: tmpDir() };
    const missing = await err(ctx, 'backup.preview', { name: 'icp-desk-20261120-080000-daily.sqlite' });
    if (missing.key === 'backup_name_invalid') throw new Error('the sample name should be a valid backup name');
    expect(missing).toMatchObject({ code: 'NOT_FOUND', key: 'backup_not_found', message: '备份不存在或已被删除：icp-desk-20261120-080000-daily.sqlite' });
    expect(english(missing)).toBe('The backup does not exist or was deleted: icp-desk-20261120-080000-daily.sqlite');

    const text = Buffer.from('客户台账\n'.repeat(200)).toString('base64');
    const notDb = await err(ctx, 'backup.previewFile', { fileName: '台账.db', dataBase64: text });
    expect(notDb).toMatchObject({ code: 'BAD_FILE', key: 'restore_not_sqlite', message: '这不是许可通的数据库文件（不是 SQLite 数据库）' });
    expect(english(notDb)).toBe('This is not an ICP Desk database file (not an SQLite database)');
  });

  it('a backup name that is not one is refused by the contract, coded by its text', async () => {
    const ctx = testContext();
    const e = await err(ctx, 'backup.preview', { name: '../clients.db' });
    expect(e).toMatchObject({ code: 'VALIDATION', key: 'validation_failed', message: '输入有误：不是有效的备份文件名' });
    expect(e.details!.fields![0]).toMatchObject({ path: 'name', key: 'backup_name_invalid' });
    expect(english(e)).toBe('The input is not valid: Not a valid backup file name');
  });
});

describe('licence errors are coded, naming the field', () => {
  it('a malformed number, a number held by another client, an expiry before issue', async () => {
    const ctx = testContext('2026-12-01T02:00:00.000Z');
    const a = await client(ctx, '晋中甲网络科技有限公司');
    const b = await client(ctx, '晋中乙网络科技有限公司');
    const bad = await err(ctx, 'licence.set', { clientId: a.id, number: '晋B2-2023004', issuedOn: '2023-03-01' });
    expect(bad).toMatchObject({ code: 'VALIDATION', key: 'licence_number_format', message: '许可证编号格式应为 晋B2-YYYYNNNN 或 晋B2-YYYYNNNN-N（如 晋B2-20150015、晋B2-20050219-1）' });
    expect(fieldEnglish(bad)).toBe('A licence number reads 晋B2-YYYYNNNN or 晋B2-YYYYNNNN-N (e.g. 晋B2-20150015、晋B2-20050219-1)');

    await ok(ctx, 'licence.set', { clientId: a.id, number: '晋B2-20230042', issuedOn: '2023-03-01' });
    const taken = await err(ctx, 'licence.set', { clientId: b.id, number: '晋B2-20230042', issuedOn: '2023-03-01' });
    expect(taken).toMatchObject({ code: 'CONFLICT', key: 'licence_number_taken', params: { number: '晋B2-20230042', name: '晋中甲网络科技有限公司' } });
    expect(taken.message).toBe('许可证编号 晋B2-20230042 已登记在客户“晋中甲网络科技有限公司”名下，一个许可证编号只属于一个客户');
    expect(english(taken)).toBe('Licence number 晋B2-20230042 is already recorded for the client “晋中甲网络科技有限公司”; a licence number belongs to one client only');
    expect(taken.details!.fields![0]).toMatchObject({ path: 'number', key: 'licence_number_taken' });

    const early = await err(ctx, 'licence.set', { clientId: b.id, number: '晋B2-20230043', issuedOn: '2023-03-01', expiresOn: '2023-02-01' });
    expect(early).toMatchObject({ key: 'licence_expiry_before_issue', message: '有效期至应晚于发证日期', details: { fields: [{ path: 'expiresOn' }] } });
    expect(english(early)).toBe('The expiry date must be after the issue date');
  });
});

describe('inspection, calendar and materials errors are coded', () => {
  it('an outcome recorded before the inspection date, an incomplete template order, a year with no stored arrangement', async () => {
    const ctx = testContext('2026-11-27T02:00:00.000Z');
    const c = await client(ctx);
    const insp = await ok(ctx, 'inspections.create', { clientId: c.id, inspection: { date: '2026-12-03', time: '09:30' } } as never);
    const e = await err(ctx, 'inspections.setOutcome', { id: (insp as { id: number }).id, outcome: 'passed', notes: null });
    expect(e).toMatchObject({ code: 'VALIDATION', key: 'inspection_outcome_future', message: '核查日期（2026-12-03）还没到，不能记录核查结果' });
    expect(english(e)).toBe('The inspection date (2026-12-03) has not come yet; its outcome cannot be recorded');

    const order = await err(ctx, 'inspectionTemplate.setOrder', { ids: [1] });
    expect(order).toMatchObject({ key: 'template_order_incomplete', message: '排序列表必须恰好包含模板中的每一项' });
    expect(english(order)).toBe('The order must list every template item exactly once');

    const year = await err(ctx, 'calendar.removeYear', { year: 2031 });
    expect(year).toMatchObject({ code: 'NOT_FOUND', key: 'holiday_year_not_stored', message: '没有用户录入的 2031 年节假日安排' });
    expect(english(year)).toBe('No holiday arrangement for 2031 was entered by the user');
  });

  it('a holiday arrangement with several problems lists each, in either language', async () => {
    const ctx = testContext();
    const e = await err(ctx, 'calendar.setYear', {
      year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: [{ date: '2027-10-01', name: '国庆节' }, { date: '2029-01-01', name: '元旦' }],
      workdays: [{ date: '2027-09-29', name: '国庆节' }],
    });
    expect(e.message).toBe('节假日安排有误：2029-01-01 不在 2027 年前后；调休上班日 2027-09-29 不是周六或周日');
    expect(english(e)).toBe('The holiday arrangement has errors: 2029-01-01 is not within a year of 2027; The make-up working day 2027-09-29 is not a Saturday or Sunday');
    expect(e.details!.fields!.map((f) => [f.path, f.key])).toEqual([['holidays.1', 'holiday_year_range'], ['workdays.0', 'holiday_workday_weekday']]);
  });

  it('a material status move the lifecycle does not allow names both statuses in the UI\'s language', async () => {
    const ctx = testContext();
    const c = await client(ctx);
    const [first] = await ok(ctx, 'materials.list', { clientId: c.id });
    const e = await err(ctx, 'materials.setStatus', { id: first.id, status: 'accepted' });
    expect(e).toMatchObject({ key: 'material_transition', message: '材料状态不能从“待收集”直接改为“已通过”' });
    expect(english(e)).toBe('A checklist item cannot go straight from “To collect” to “Accepted”');
    expect(isMessage(e.params!.from)).toBe(true);
  });
});

describe('full-export import errors are coded', () => {
  it('a file that is not JSON, and one that is not ours', async () => {
    const ctx = testContext();
    const { importJson } = await import('../../db/export/json');
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        const p = (e as { toPayload(): ErrorPayload }).toPayload();
        return { key: p.key, message: p.message, en: english(p) };
      }
      throw new Error('did not throw');
    };
    expect(codeOf(() => importJson(ctx.db, '{'))).toEqual({ key: 'export_not_json', message: '不是有效的 JSON 文件', en: 'Not a valid JSON file' });
    expect(codeOf(() => importJson(ctx.db, '{"hello":1}'))).toEqual({ key: 'export_not_ours', message: '这不是许可通的完整导出文件（JSON）', en: 'This is not an ICP Desk full export (JSON)' });
  });
});

describe('a request the contract refuses with zod\'s own message', () => {
  it('is coded with zod\'s zh-CN and English texts', async () => {
    const ctx = testContext();
    const e = await err(ctx, 'clients.get', { id: 'seven' });
    expect(e.key).toBe('validation_failed');
    expect(e.message.startsWith('输入有误：')).toBe(true);
    expect(english(e)).toMatch(/^The input is not valid: Invalid input: expected (number|int)/);
  });
});
