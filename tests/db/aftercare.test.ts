import { describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context';
import { err, makeUscc, ok } from '../helpers/call';

async function licensed(ctx: ReturnType<typeof testContext>, issuedOn = '2023-03-01', number = ' 晉B2－20230042 ', name = '晋中后续管理网络科技有限公司') {
  const { client } = await ok(ctx, 'clients.create', { client: { name, uscc: makeUscc(), city: '晋中市' }, stage: 'aftercare' });
  const licence = await ok(ctx, 'licence.set', { clientId: client.id, number, issuedOn, expiresOn: null, scope: '信息服务业务（仅限互联网信息服务）' });
  return { id: client.id, licence };
}

describe('licence (spec §7)', () => {
  it('normalises the number, defaults the expiry to 5 years, and shows the renewal dates', async () => {
    const ctx = testContext('2027-11-10T02:00:00.000Z');
    const { id, licence } = await licensed(ctx, '2023-02-28');
    expect(licence).toMatchObject({ number: '晋B2-20230042', issuedOn: '2023-02-28', expiresOn: '2028-02-28' });
    await ok(ctx, 'licence.set', { clientId: id, number: '晋B2-20230042', issuedOn: '2023-02-28', expiresOn: '2028-02-29' });
    const { renewal } = await ok(ctx, 'licence.get', { clientId: id });
    expect(renewal).toMatchObject({ remindOn: '2027-08-29', warnFrom: '2027-11-01', legalLast: '2027-12-01', state: 'warn', daysToExpiry: 111 });
    const applied = await ok(ctx, 'licence.set', { clientId: id, number: '晋B2-20230042', issuedOn: '2023-02-28', expiresOn: '2028-02-29', renewalAppliedOn: '2027-11-10' });
    expect(applied.renewalAppliedOn).toBe('2027-11-10');
    expect((await ok(ctx, 'licence.get', { clientId: id })).renewal!.state).toBe('applied');
    const events = (await ok(ctx, 'clients.timeline', { id })).filter((e) => e.kind === 'licence.set');
    expect(events).toHaveLength(3);
  });

  it('refuses a malformed number and an expiry before issue, naming the field; nothing written', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', { client: { name: '某网络科技有限公司', uscc: makeUscc(), city: '太原市' } });
    const e1 = await err(ctx, 'licence.set', { clientId: client.id, number: '晋B2-2023004', issuedOn: '2023-03-01' });
    expect(e1).toMatchObject({ code: 'VALIDATION', details: { fields: [{ path: 'number' }] } });
    expect(e1.message).toMatch(/晋B2-YYYYNNNN/);
    const e2 = await err(ctx, 'licence.set', { clientId: client.id, number: '晋B2-20230042', issuedOn: '2023-03-01', expiresOn: '2023-02-01' });
    expect(e2.details?.fields?.[0].path).toBe('expiresOn');
    expect((ctx.db.prepare('SELECT count(*) n FROM licences').get() as { n: number }).n).toBe(0);
  });
});

describe('a licence number belongs to one client (issue 12)', () => {
  it('refuses the same 晋B2 number for a second client, naming the holder; the holder may save it again', async () => {
    const ctx = testContext('2026-12-01T02:00:00.000Z');
    const { id } = await licensed(ctx, '2026-11-30', '晋B2-20260123', '太原甲网络科技有限公司');
    const { client } = await ok(ctx, 'clients.create', { client: { name: '大同乙网络科技有限公司', uscc: makeUscc(), city: '大同市' } });
    const e = await err(ctx, 'licence.set', { clientId: client.id, number: '晋b2－20260123', issuedOn: '2026-11-30' });
    expect(e).toMatchObject({ code: 'CONFLICT', details: { fields: [{ path: 'number' }] } });
    expect(e.message).toContain('太原甲网络科技有限公司');
    expect(ctx.db.prepare('SELECT client_id FROM licences').all()).toEqual([{ client_id: id }]);
    await ok(ctx, 'licence.set', { clientId: id, number: '晋B2-20260123', issuedOn: '2026-11-30', expiresOn: null });
  });

  it('shows the first annual-report window in the week the licence is issued', async () => {
    const ctx = testContext('2026-12-01T02:00:00.000Z');
    const { id } = await licensed(ctx, '2026-11-30', '晋B2-20260124');
    const list = await ok(ctx, 'annualReports.list', { clientId: id });
    // valid 2026-11-30 … 2031-11-30: reports for 2027 … 2032 (2032 reports the last part-year, 2031)
    expect(list.map((r) => r.year)).toEqual([2032, 2031, 2030, 2029, 2028, 2027]);
    expect(list.at(-1)).toMatchObject({ year: 2027, opens: '2027-01-01', due: '2027-03-31', state: 'upcoming' });
  });
});

describe('annual reports: one job per licensed client per year, no cron', () => {
  it('every filing year\'s job exists once the licence is saved (the dashboard only reads them); marks it filed with the date', async () => {
    const ctx = testContext('2026-02-10T02:00:00.000Z');
    const { id } = await licensed(ctx, '2023-03-01');
    const other = await licensed(ctx, '2026-01-20', '晋B2-20260007', '阳泉新证网络科技有限公司'); // issued this year: no report owed for 2025
    await ok(ctx, 'dashboard.get', {});
    await ok(ctx, 'dashboard.get', {});
    expect((ctx.db.prepare('SELECT client_id, year FROM annual_reports WHERE year = 2026').all())).toEqual([{ client_id: id, year: 2026 }]);
    // Every filing year each licence covers exists from the day it is saved (2023-03-01 … 2028-03-01 → 2024 … 2029).
    const years = (clientId: number) => (ctx.db.prepare('SELECT year FROM annual_reports WHERE client_id = ? ORDER BY year').all(clientId) as Array<{ year: number }>).map((r) => r.year);
    expect(years(id)).toEqual([2024, 2025, 2026, 2027, 2028, 2029]);
    expect(years(other.id)).toEqual([2027, 2028, 2029, 2030, 2031, 2032]);
    let dash = await ok(ctx, 'dashboard.get', {});
    expect(dash.annual).toMatchObject({ year: 2026, counts: { open: 1, done: 0 }, items: [{ clientId: id, state: 'open', due: '2026-03-31', remaining: 49 }] });
    const job = (await ok(ctx, 'annualReports.list', { clientId: id })).find((r) => r.year === 2026)!;
    const filed = await ok(ctx, 'annualReports.setFiled', { id: job.id, filedOn: '2026-02-10', note: '已在管理平台报送' });
    expect(filed).toMatchObject({ state: 'done', filedOn: '2026-02-10', note: '已在管理平台报送' });
    dash = await ok(ctx, 'dashboard.get', {});
    expect(dash.annual.counts).toMatchObject({ open: 0, done: 1 });
    expect(dash.annual.items).toEqual([]);
    expect((await ok(ctx, 'clients.timeline', { id })).find((e) => e.kind === 'annual.filed')).toMatchObject({ subject: '2026', newValue: '2026-02-10' });
  });

  it('last year\'s report still not filed stays on the dashboard, first, until it is filed; history entered later does not', async () => {
    const ctx = testContext('2026-02-10T02:00:00.000Z');
    // Licence issued 2023-03-01, entered today: jobs 2024 … 2029 exist; 2024 and 2025 are history (not known whether filed).
    const { id } = await licensed(ctx, '2023-03-01');
    let dash = await ok(ctx, 'dashboard.get', {});
    expect(dash.annual.items.map((a) => [a.year, a.state])).toEqual([[2026, 'open']]);
    expect(dash.annual.counts.earlier).toBe(0);

    // 2027-01-15: the 2026 report (window 2026-01-01 … 2026-03-31, late until 2026-04-30) was never filed.
    ctx.setNow('2027-01-15T02:00:00.000Z');
    dash = await ok(ctx, 'dashboard.get', {});
    expect(dash.annual).toMatchObject({ year: 2027, counts: { open: 1, earlier: 1 } });
    expect(dash.annual.items.map((a) => [a.clientId, a.year, a.state])).toEqual([[id, 2026, 'missed'], [id, 2027, 'open']]);

    // Filed late (recorded 2027-01-16): it leaves the list.
    ctx.setNow('2027-01-16T02:00:00.000Z');
    const job2026 = (await ok(ctx, 'annualReports.list', { clientId: id })).find((r) => r.year === 2026)!;
    await ok(ctx, 'annualReports.setFiled', { id: job2026.id, filedOn: '2027-01-16', note: null });
    dash = await ok(ctx, 'dashboard.get', {});
    expect(dash.annual.counts.earlier).toBe(0);
    expect(dash.annual.items.map((a) => a.year)).toEqual([2027]);
  });

  it('April is the late window, May onwards missed', async () => {
    const ctx = testContext('2026-04-15T02:00:00.000Z');
    const { id } = await licensed(ctx);
    const y2026 = async () => (await ok(ctx, 'annualReports.list', { clientId: id })).find((r) => r.year === 2026);
    expect(await y2026()).toMatchObject({ year: 2026, state: 'late', remaining: 15 });
    ctx.setNow('2026-05-01T02:00:00.000Z');
    expect(await y2026()).toMatchObject({ state: 'missed' });
  });
});

describe('dates of what has happened are never after today', () => {
  it('a note, a process step, a licence issue, a renewal application and an annual report filed in the future are refused; nothing is written', async () => {
    const ctx = testContext('2026-12-04T02:00:00.000Z'); // Friday 2026-12-04 in China
    const { id, licence: lic } = await licensed(ctx);
    const refused = { code: 'VALIDATION', message: '日期 2062-12-04 晚于今天（2026-12-04），这里只能填写已经发生的日期' };
    expect(await err(ctx, 'notes.create', { clientId: id, date: '2062-12-04', body: '已提交正式申请' })).toMatchObject(refused);
    expect(await ok(ctx, 'notes.list', { clientId: id })).toEqual([]);
    const note = await ok(ctx, 'notes.create', { clientId: id, date: '2026-12-04', body: '已提交正式申请' });
    expect(await err(ctx, 'notes.update', { id: note.id, date: '2062-12-04', body: '已提交正式申请' })).toMatchObject(refused);
    const dates = { preApplicationOn: null, preReviewDoneOn: null, correctionRequestedOn: null, correctionDoneOn: null, formalSubmissionOn: null, formalReviewDoneOn: null, inspectionPassedOn: null };
    expect(await err(ctx, 'process.set', { clientId: id, dates: { ...dates, formalSubmissionOn: '2062-12-04' } })).toMatchObject({ ...refused, details: { fields: [{ path: 'dates.formalSubmissionOn' }] } });
    expect((await ok(ctx, 'process.get', { clientId: id })).recorded.formalSubmissionOn).toBeNull();
    expect(await err(ctx, 'licence.set', { clientId: id, number: lic.number, issuedOn: '2062-12-04', expiresOn: null, scope: lic.scope, renewalAppliedOn: null })).toMatchObject(refused);
    expect(await err(ctx, 'licence.set', { clientId: id, number: lic.number, issuedOn: lic.issuedOn, expiresOn: lic.expiresOn, scope: lic.scope, renewalAppliedOn: '2062-12-04' })).toMatchObject(refused);
    expect((await ok(ctx, 'licence.get', { clientId: id })).licence?.issuedOn).toBe(lic.issuedOn);
    const job = (await ok(ctx, 'annualReports.list', { clientId: id })).find((j) => j.filedOn === null)!;
    expect(await err(ctx, 'annualReports.setFiled', { id: job.id, filedOn: '2062-12-04', note: null })).toMatchObject(refused);
    expect(await ok(ctx, 'annualReports.setFiled', { id: job.id, filedOn: '2026-12-04', note: null })).toMatchObject({ filedOn: '2026-12-04' });
  });
});

describe('change filings', () => {
  it('records a change with its 10-day and 30-day deadlines; filing closes it', async () => {
    const ctx = testContext('2028-02-25T02:00:00.000Z');
    const { id } = await licensed(ctx);
    const c = await ok(ctx, 'changes.create', { clientId: id, kind: 'legal_rep', changedOn: '2028-02-20', oldValue: '张三', newValue: '李四' });
    expect(c).toMatchObject({ agencyDue: '2028-03-01', legalDue: '2028-03-21', state: 'ok', remaining: 5 });
    expect((await ok(ctx, 'dashboard.get', {})).thisWeek.items).toEqual([]);
    expect((await ok(ctx, 'dashboard.get', {})).upcoming.items).toMatchObject([{ kind: 'change', rule: 'change_agency', due: '2028-03-01', refId: c.id }]);
    // A filing date after today (a typo for 2028-02-24) is refused and would otherwise have closed the deadline.
    expect(await err(ctx, 'changes.setFiled', { id: c.id, filedOn: '2082-02-24' })).toMatchObject({ code: 'VALIDATION', message: '日期 2082-02-24 晚于今天（2028-02-25），这里只能填写已经发生的日期' });
    expect((await ok(ctx, 'dashboard.get', {})).upcoming.items).toHaveLength(1);
    const filed = await ok(ctx, 'changes.setFiled', { id: c.id, filedOn: '2028-02-24' });
    expect(filed.state).toBe('filed');
    expect((await ok(ctx, 'dashboard.get', {})).upcoming.items).toEqual([]);
    await ok(ctx, 'changes.remove', { id: c.id });
    expect(await ok(ctx, 'changes.list', { clientId: id })).toEqual([]);
    expect((await ok(ctx, 'clients.timeline', { id })).map((e) => e.kind)).toEqual(expect.arrayContaining(['change.create', 'change.filed', 'change.remove']));
  });

  it('refuses an unknown kind', async () => {
    const ctx = testContext();
    const { id } = await licensed(ctx);
    expect((await err(ctx, 'changes.create', { clientId: id, kind: 'capital', changedOn: '2026-01-01' })).code).toBe('VALIDATION');
  });
});
