import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../db/open';
import { MIGRATIONS } from '../../db/migrations/index';
import { BUILTIN_HOLIDAY_YEARS } from '../../shared/domain/calendar';
import type { StageKey } from '../../shared/domain/stages';
import { testContext } from '../helpers/context';
import { err, makeUscc, ok } from '../helpers/call';
import { stageMoveSql } from '../../db/service/process';
import { ACTIVE_PROCESS_WHERE } from '../../db/service/deadlines';

type Ctx = ReturnType<typeof testContext>;
/** Friday 2026-09-18, 10:00 in China. */
const FRIDAY = '2026-09-18T02:00:00.000Z';

async function client(ctx: Ctx, name: string, stage: StageKey = 'consultation', city = '太原市') {
  const { client: c } = await ok(ctx, 'clients.create', { client: { name, uscc: makeUscc(), city, consultant: '白顾问' }, stage });
  return c.id;
}
async function moveMaterial(ctx: Ctx, clientId: number, key: string, path: string[]) {
  const m = (await ok(ctx, 'materials.list', { clientId })).find((x) => x.itemKey === key)!;
  for (const status of path) await ok(ctx, 'materials.setStatus', { id: m.id, status: status as never });
  return m;
}
const noDates = { preApplicationOn: null, preReviewDoneOn: null, correctionRequestedOn: null, correctionDoneOn: null, formalSubmissionOn: null, formalReviewDoneOn: null, inspectionPassedOn: null };

describe('migration 0040 (deadlines)', () => {
  it('applies on a database built at the previous version, keeping its clients', () => {
    const db = new Database(':memory:');
    const before = MIGRATIONS.filter((m) => m.version < 40);
    migrate(db, before);
    db.prepare("INSERT INTO clients (name, uscc, city, created_at, updated_at) VALUES ('甲公司', '91140106MA0000001W', '太原市', 'x', 'x')").run();
    expect(migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version >= 40).map((m) => m.version));
    const tables = (db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main'").all() as Array<{ name: string; strict: number }>);
    for (const t of ['holiday_years', 'rule_settings', 'process_dates', 'licences', 'annual_reports', 'change_filings', 'client_facts']) {
      expect(tables.find((x) => x.name === t)?.strict, t).toBe(1);
    }
    expect(db.prepare('SELECT name FROM clients').all()).toEqual([{ name: '甲公司' }]);
  });
});

describe('query plans of the dashboard\'s hot queries', () => {
  const plan = (ctx: Ctx, sql: string, ...params: unknown[]) => (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
  it('stage-move dates use an index on events, not a scan of every event', () => {
    const ctx = testContext();
    // One client: a search of the partial stage-move index (0040). Every active client: that index (stage moves only,
    // a few per client) searched or read in full; never the events table or an index over every event.
    expect(plan(ctx, stageMoveSql('c.id = ?'), 1)).toMatch(/SEARCH e USING (COVERING )?INDEX events_stage_moves \(client_id=\?/);
    for (const p of [plan(ctx, stageMoveSql(ACTIVE_PROCESS_WHERE)), plan(ctx, stageMoveSql('c.id = ?'), 1)]) {
      expect(p).toMatch(/(SEARCH|SCAN) e USING (COVERING )?INDEX (events_stage_moves|events_stage_on)\b/);
      expect(p).not.toMatch(/SCAN e( USING (COVERING )?INDEX events_client)?( \||$)/);
    }
  });
  it('open corrections use the partial index on materials', () => {
    const ctx = testContext();
    expect(plan(ctx, `SELECT m.client_id FROM clients c JOIN materials m ON m.client_id = c.id WHERE ${ACTIVE_PROCESS_WHERE} AND m.status = 'correction'`)).toMatch(/materials_correction/);
  });
});

describe('holiday calendar years (settings)', () => {
  it('lists the built-in years, adds 2027, corrects 2026, and removes the user data again', async () => {
    const ctx = testContext();
    expect((await ok(ctx, 'calendar.years', {})).map((y) => [y.year, y.origin])).toEqual([[2025, 'builtin'], [2026, 'builtin']]);
    await ok(ctx, 'calendar.setYear', { year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知', holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] });
    const y2026 = BUILTIN_HOLIDAY_YEARS[1];
    await ok(ctx, 'calendar.setYear', { year: 2026, source: '更正', holidays: y2026.holidays, workdays: y2026.workdays.slice(1) });
    const years = await ok(ctx, 'calendar.years', {});
    expect(years.map((y) => [y.year, y.origin])).toEqual([[2025, 'builtin'], [2026, 'override'], [2027, 'user']]);
    expect(years[1].workdays).toHaveLength(5);
    await ok(ctx, 'calendar.removeYear', { year: 2026 });
    expect((await ok(ctx, 'calendar.years', {}))[1]).toMatchObject({ year: 2026, origin: 'builtin', source: y2026.source });
    expect((await err(ctx, 'calendar.removeYear', { year: 2025 })).code).toBe('NOT_FOUND');
  });

  it('refuses a weekday as 调休, a date both off and on, and a date far from the year — nothing stored', async () => {
    const ctx = testContext();
    const e = await err(ctx, 'calendar.setYear', {
      year: 2027, source: 'x',
      holidays: [{ date: '2027-01-01', name: '元旦' }, { date: '2029-05-01', name: '劳动节' }],
      workdays: [{ date: '2027-01-04', name: '元旦' }, { date: '2027-01-01', name: '元旦' }],
    });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/2029-05-01/);
    expect(e.message).toMatch(/不是周六或周日/);
    expect(e.message).toMatch(/重复/);
    expect((ctx.db.prepare('SELECT count(*) n FROM holiday_years').get() as { n: number }).n).toBe(0);
  });
});

describe('process dates and a client\'s deadlines', () => {
  it('takes the pre-application date from the stage move, a recorded date overrides it, and every change is an event', async () => {
    const ctx = testContext(FRIDAY);
    const id = await client(ctx, '甲网络科技有限公司', 'materials');
    await ok(ctx, 'clients.setStage', { id, stage: 'pre_application', date: '2026-09-10' });
    let p = await ok(ctx, 'process.get', { clientId: id });
    expect(p.fromStages.preApplicationOn).toBe('2026-09-10');
    expect(p.effective.preApplicationOn).toBe('2026-09-10');
    expect((await ok(ctx, 'deadlines.client', { clientId: id })).deadlines.map((d) => [d.rule, d.due, d.level])).toEqual([['pre_review', '2026-09-17', 'overdue']]);

    p = await ok(ctx, 'process.set', { clientId: id, dates: { ...noDates, preApplicationOn: '2026-09-14' } });
    expect(p.effective.preApplicationOn).toBe('2026-09-14');
    const d = (await ok(ctx, 'deadlines.client', { clientId: id })).deadlines[0];
    expect(d).toMatchObject({ rule: 'pre_review', start: '2026-09-14', due: '2026-09-20', remaining: 1, level: 'soon' }); // 09-15…18, then Sunday 09-20 (调休)
    const ev = (await ok(ctx, 'clients.timeline', { id })).find((e) => e.kind === 'process.date');
    expect(ev).toMatchObject({ subject: 'preApplicationOn', oldValue: null, newValue: '2026-09-14' });
  });

  it('a material moved to 需补正 opens the 3-day correction window; moving it back closes it', async () => {
    const ctx = testContext(FRIDAY);
    const id = await client(ctx, '乙电子商务有限公司', 'pre_application');
    const m = await moveMaterial(ctx, id, 'B02', ['received', 'checked', 'submitted', 'correction']);
    expect((await ok(ctx, 'deadlines.client', { clientId: id })).deadlines).toMatchObject([
      { rule: 'correction', start: '2026-09-18', due: '2026-09-21', remaining: 3, subject: '场地消防备案证明' },
    ]);
    await ok(ctx, 'materials.setStatus', { id: m.id, status: 'received' });
    expect((await ok(ctx, 'deadlines.client', { clientId: id })).deadlines).toEqual([]);
  });

  it('refuses an impossible date (VALIDATION) and an unknown client (NOT_FOUND)', async () => {
    const ctx = testContext(FRIDAY);
    const id = await client(ctx, '丙科技有限公司');
    expect((await err(ctx, 'process.set', { clientId: id, dates: { ...noDates, formalSubmissionOn: '2026-02-30' } })).code).toBe('VALIDATION');
    expect((await err(ctx, 'deadlines.client', { clientId: 999 })).code).toBe('NOT_FOUND');
  });
});

describe('dashboard', () => {
  it('sorts the deadlines into overdue / this week / next 14 days, with renewals, annual reports, notes and counts', async () => {
    const ctx = testContext(FRIDAY);
    const a = await client(ctx, '甲预申请有限公司', 'materials');
    await ok(ctx, 'clients.setStage', { id: a, stage: 'pre_application', date: '2026-09-10' }); // initial review due 09-17: overdue
    await ok(ctx, 'notes.create', { clientId: a, date: '2026-09-15', body: '已提交预申请' });
    const b = await client(ctx, '乙补正有限公司', 'pre_application', '大同市');
    await moveMaterial(ctx, b, 'A02', ['received', 'checked', 'submitted', 'correction']); // due Mon 09-21: next week
    const c = await client(ctx, '丙正式提交有限公司', 'formal_submission');
    await ok(ctx, 'process.set', { clientId: c, dates: { ...noDates, formalSubmissionOn: '2026-09-14' } }); // 10 wd → 09-28
    const d = await client(ctx, '丁材料有限公司', 'materials');
    const m = (await ok(ctx, 'materials.list', { clientId: d }))[0];
    await ok(ctx, 'materials.update', { id: m.id, note: null, dueDate: '2026-09-19' }); // Saturday: this week
    const e = await client(ctx, '戊变更有限公司', 'aftercare');
    await ok(ctx, 'licence.set', { clientId: e, number: '晋B2-20220031', issuedOn: '2022-01-31', expiresOn: null });
    await ok(ctx, 'changes.create', { clientId: e, kind: 'name', changedOn: '2026-09-01', newValue: '戊新名称有限公司' }); // due 09-11: overdue
    const f = await client(ctx, '己过期有限公司', 'aftercare');
    await ok(ctx, 'licence.set', { clientId: f, number: '晋B2-20200007-1', issuedOn: '2020-05-01', expiresOn: null }); // expired 2025: not shown

    const insp = await ok(ctx, 'inspections.create', { clientId: c, inspection: { date: '2026-09-19', time: '09:30', address: '太原市小店区长风街1号' } });
    await ok(ctx, 'inspections.setItem', { id: insp.items[0].id, checked: true, note: null, measuredAreaM2: null });

    const dash = await ok(ctx, 'dashboard.get', { today: null });
    expect(dash).toMatchObject({ today: '2026-09-18', weekEnd: '2026-09-20', missingYears: [] });
    const line = (x: { clientName: string; rule: string; due: string }) => `${x.clientName} ${x.rule} ${x.due}`;
    expect(dash.overdue.items.map(line)).toEqual(['戊变更有限公司 change_agency 2026-09-11', '甲预申请有限公司 pre_review 2026-09-17']);
    expect(dash.overdue.items[0]).toMatchObject({ kind: 'change', subjectKey: 'name', subject: '戊新名称有限公司' });
    expect(dash.thisWeek.items.map(line)).toEqual(['丁材料有限公司 material_target 2026-09-19']);
    expect(dash.upcoming.items.map(line)).toEqual(['乙补正有限公司 correction 2026-09-21', '丙正式提交有限公司 formal_review 2026-09-28']);
    // 戊's licence expires 2027-01-31: reminder since 2026-07-31, legal last day 2026-11-02.
    expect(dash.renewals.items).toMatchObject([{ clientName: '戊变更有限公司', state: 'remind', expiresOn: '2027-01-31', legalLast: '2026-11-02', remindOn: '2026-07-31' }]);
    expect(dash.annual).toMatchObject({ year: 2026, due: '2026-03-31', lateUntil: '2026-04-30', counts: { done: 0, missed: 2 } });
    expect(dash.noNote.items.map((x) => x.clientName).sort()).toEqual(['丁材料有限公司', '丙正式提交有限公司', '乙补正有限公司']);
    expect(dash.stageCounts).toEqual(expect.arrayContaining([{ stage: 'aftercare', n: 2 }, { stage: 'materials', n: 1 }, { stage: 'pre_application', n: 2 }]));
    expect(dash.cityCounts).toEqual([{ city: '太原市', n: 5 }, { city: '大同市', n: 1 }]);
    // Inspections today and tomorrow, with readiness (1 of the template's items ticked).
    expect(dash.inspections.available).toBe(true);
    expect(dash.inspections.today).toEqual([]);
    expect(dash.inspections.tomorrow).toMatchObject([{ clientName: '丙正式提交有限公司', date: '2026-09-19', time: '09:30', address: '太原市小店区长风街1号', city: '太原市', openItems: insp.items.length - 1 }]);
    expect(dash.inspections.tomorrow[0].readinessPercent).toBe(Math.floor((100 * 1) / insp.items.length));
  });

  it('warns that 2027 is not loaded on a deadline that runs into it, until the user adds 2027', async () => {
    const ctx = testContext('2026-12-31T02:00:00.000Z');
    const id = await client(ctx, '年末预申请有限公司', 'pre_application');
    await ok(ctx, 'process.set', { clientId: id, dates: { ...noDates, preApplicationOn: '2026-12-31' } });
    let dash = await ok(ctx, 'dashboard.get', {});
    expect(dash.missingYears).toEqual([2027]);
    expect(dash.upcoming.items[0]).toMatchObject({ rule: 'pre_review', due: '2027-01-07', missingYears: [2027] });
    await ok(ctx, 'calendar.setYear', { year: 2027, source: '2027通知', holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] });
    dash = await ok(ctx, 'dashboard.get', {});
    expect(dash.missingYears).toEqual([]);
    expect(dash.upcoming.items[0]).toMatchObject({ due: '2027-01-08', missingYears: [] });
  });

  it('cuts long lists to the limit but reports the total', async () => {
    const ctx = testContext(FRIDAY);
    for (let i = 0; i < 5; i++) await client(ctx, `无进度客户${i}有限公司`);
    const dash = await ok(ctx, 'dashboard.get', { limit: 2 });
    expect(dash.noNote.total).toBe(5);
    expect(dash.noNote.items).toHaveLength(2);
  });
});
