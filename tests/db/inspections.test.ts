import { describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context';
import { dispatch } from '../../db/dispatch';
import type { In, Method, Out } from '../../shared/contract';
import type { ServiceContext } from '../../db/service/context';
import { DEFAULT_INSPECTION_TEMPLATE, INSPECTION_SECTION_KEYS } from '../../shared/domain/inspection';

const SECTIONS: readonly string[] = INSPECTION_SECTION_KEYS;

async function ok<M extends Method>(ctx: ServiceContext, m: M, input: In<M>): Promise<Out<M>> {
  const r = await dispatch(ctx, m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as Out<M>;
}
async function err<M extends Method>(ctx: ServiceContext, m: M, input: In<M>) {
  const r = await dispatch(ctx, m, input);
  if (r.ok) throw new Error(`${m} should have failed`);
  return r.error;
}
const count = (ctx: ServiceContext, sql: string, ...p: unknown[]) => (ctx.db.prepare(sql).get(...p) as { n: number }).n;

const CLIENT = {
  name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', address: '太原市迎泽区迎泽大街100号5层',
  contactName: '吴磊', contactPhone: '15226771482', consultant: '白顾问',
} as const;
const ATTENDEES = [
  { role: 'tech_lead', name: '张伟', phone: '13800000001' },
  { role: 'customer_service', name: '李娜', phone: '13800000002' },
  { role: 'security_officer', name: '王强', phone: '13800000003' },
] as const;

async function setup(now?: string) {
  const ctx = testContext(now);
  const { client } = await ok(ctx, 'clients.create', { client: CLIENT, stage: 'site_inspection' });
  return { ctx, client };
}
async function schedule(ctx: ServiceContext, clientId: number, date = '2026-11-30', extra: Partial<In<'inspections.create'>['inspection']> = {}) {
  return ok(ctx, 'inspections.create', {
    clientId,
    inspection: { date, time: '09:30', attendees: [...ATTENDEES], consultantName: '白顾问', consultantPhone: '13900000000', ...extra },
  });
}

describe('inspections service: scheduling and the checklist', () => {
  it('schedules an inspection: address defaults to the office address, attendees kept, checklist copied from the 14-item template', async () => {
    const { ctx, client } = await setup();
    const i = await schedule(ctx, client.id, '2026-11-30', { authorityPeople: '省通信管理局 两位同志', equipmentList: '电脑 5台\n服务器 1台\n防火墙 1台' });
    expect(i).toMatchObject({ clientId: client.id, date: '2026-11-30', time: '09:30', address: CLIENT.address, outcome: null, authorityPeople: '省通信管理局 两位同志' });
    expect(i.attendees).toEqual(ATTENDEES);
    expect(i.items.map((x) => x.text)).toEqual(DEFAULT_INSPECTION_TEMPLATE.map((t) => t.text));
    expect(i.items.map((x) => x.section)).toEqual(['premises', 'premises', 'premises', 'equipment', 'equipment', 'equipment', 'staff', 'staff', 'staff', 'practice', 'practice', 'practice', 'materials', 'materials']);
    expect(i.items.every((x) => !x.checked)).toBe(true);
    expect(i.readiness).toMatchObject({ done: 0, total: 14, percent: 0 });
    expect(i.readiness.open).toHaveLength(14);
    const ev = ctx.db.prepare("SELECT kind, subject, new_value, occurred_on FROM events WHERE kind LIKE 'inspection.%'").all();
    expect(ev).toEqual([{ kind: 'inspection.schedule', subject: `inspection:${i.id}`, new_value: '2026-11-30 09:30', occurred_on: '2026-11-27' }]);

    // An explicit address wins; a re-inspection is a second inspection of the same client.
    const again = await schedule(ctx, client.id, '2026-12-10', { address: '太原市小店区新址8号' });
    expect(again.address).toBe('太原市小店区新址8号');
    expect((await ok(ctx, 'inspections.list', { clientId: client.id })).map((x) => x.date)).toEqual(['2026-12-10', '2026-11-30']);
  });

  it('scheduling (and editing) an inspection never moves the client\'s stage by itself: 咨询评估 stays 咨询评估', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', { client: CLIENT, stage: 'consultation' });
    const since = (await ok(ctx, 'clients.get', { id: client.id })).stageSince;
    const i = await schedule(ctx, client.id);
    await ok(ctx, 'inspections.update', { id: i.id, inspection: { date: '2026-12-02', attendees: [...ATTENDEES] } });
    expect(await ok(ctx, 'clients.get', { id: client.id })).toMatchObject({ stage: 'consultation', stageSince: since });
    expect(count(ctx, "SELECT count(*) AS n FROM events WHERE kind = 'stage'")).toBe(1); // the one from clients.create
  });

  it('refuses bad input (unknown client, bad time, attendee without a name) with Chinese messages and writes nothing', async () => {
    const { ctx, client } = await setup();
    expect((await err(ctx, 'inspections.create', { clientId: 999, inspection: { date: '2026-11-30' } })).code).toBe('NOT_FOUND');
    const e = await err(ctx, 'inspections.create', { clientId: client.id, inspection: { date: '2026-02-30', time: '25:00', attendees: [{ role: 'tech_lead', name: ' ' }] } });
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.fields?.map((f) => f.path).sort()).toEqual(['inspection.attendees.0.name', 'inspection.date', 'inspection.time']);
    expect(e.message).toMatch(/时间格式|日期/);
    expect(count(ctx, 'SELECT count(*) n FROM inspections')).toBe(0);
    expect(count(ctx, 'SELECT count(*) n FROM inspection_items')).toBe(0);
  });

  it('template edits (add, edit, reorder, retire) shape new checklists and never touch past ones', async () => {
    const { ctx, client } = await setup();
    const past = await schedule(ctx, client.id, '2026-11-30');
    const pastItems = ctx.db.prepare('SELECT * FROM inspection_items WHERE inspection_id = ? ORDER BY sort').all(past.id);

    let tpl = await ok(ctx, 'inspectionTemplate.list', {});
    const byKey = (k: string) => tpl.find((t) => t.key === k)!;
    tpl = await ok(ctx, 'inspectionTemplate.create', { section: 'equipment', text: '备用电源（UPS）到位' });
    const added = tpl.find((t) => t.text === '备用电源（UPS）到位')!;
    expect(added).toMatchObject({ key: `U${String(added.id).padStart(3, '0')}`, retired: false, evidence: 'none' });
    tpl = await ok(ctx, 'inspectionTemplate.update', { id: byKey('P02').id, section: 'premises', text: '办公地址与租赁合同、营业执照一致', evidence: 'none' });
    tpl = await ok(ctx, 'inspectionTemplate.setRetired', { id: byKey('M02').id, retired: true });
    const order = tpl.map((t) => t.id);
    const s03 = byKey('S03').id;
    tpl = await ok(ctx, 'inspectionTemplate.setOrder', { ids: [s03, ...order.filter((x) => x !== s03)] });
    expect(tpl.filter((t) => t.section === 'staff').map((t) => t.key)).toEqual(['S03', 'S01', 'S02']);

    const next = await schedule(ctx, client.id, '2026-12-10');
    const texts = next.items.map((x) => x.text);
    expect(texts).toHaveLength(14); // +1 added, -1 retired
    expect(next.items.filter((x) => x.section === 'staff').map((x) => x.text)).toEqual(['信息安全专员当天到场', '技术负责人当天到场', '客服专员当天到场']);
    // An added item comes last in its own section, not after the materials.
    expect(next.items.filter((x) => x.section === 'equipment').map((x) => x.text).at(-1)).toBe('备用电源（UPS）到位');
    expect(next.items.map((x) => x.section)).toEqual([...next.items.map((x) => x.section)].sort((a, b) => SECTIONS.indexOf(a) - SECTIONS.indexOf(b)));
    expect(texts).toContain('办公地址与租赁合同、营业执照一致');
    expect(texts).not.toContain('设备清单现场展示');

    // The past checklist is byte-for-byte what it was.
    expect(ctx.db.prepare('SELECT * FROM inspection_items WHERE inspection_id = ? ORDER BY sort').all(past.id)).toEqual(pastItems);
    const reread = (await ok(ctx, 'inspections.list', { clientId: client.id })).find((x) => x.id === past.id)!;
    expect(reread.items.map((x) => x.text)).toEqual(DEFAULT_INSPECTION_TEMPLATE.map((t) => t.text));

    // Restoring brings the item back for later inspections.
    await ok(ctx, 'inspectionTemplate.setRetired', { id: byKey('M02').id, retired: false });
    expect((await schedule(ctx, client.id, '2026-12-20')).items.map((x) => x.text)).toContain('设备清单现场展示');
  });

  it('setOrder must list every template item exactly once', async () => {
    const { ctx } = await setup();
    const ids = (await ok(ctx, 'inspectionTemplate.list', {})).map((t) => t.id);
    const before = ctx.db.prepare('SELECT id, sort FROM inspection_template ORDER BY id').all();
    for (const bad of [ids.slice(1), [...ids, ids[0]], [...ids.slice(1), 9999]]) {
      const e = await err(ctx, 'inspectionTemplate.setOrder', { ids: bad });
      expect(e.code).toBe('VALIDATION');
      expect(e.message).toContain('每一项');
    }
    expect(ctx.db.prepare('SELECT id, sort FROM inspection_template ORDER BY id').all()).toEqual(before);
  });
});

describe('inspections service: readiness and evidence', () => {
  it('ticking half the items gives 50%; an area below 50 m² is flagged and not ready; every change is an event', async () => {
    const { ctx, client } = await setup();
    let i = await schedule(ctx, client.id);
    const area = i.items.find((x) => x.evidence === 'area_m2')!;
    for (const it of i.items.slice(0, 7)) {
      i = await ok(ctx, 'inspections.setItem', { id: it.id, checked: true, note: null, measuredAreaM2: null });
    }
    expect(i.readiness).toMatchObject({ done: 7, total: 14, percent: 50 });
    expect(i.readiness.open.map((o) => o.text)).toEqual(DEFAULT_INSPECTION_TEMPLATE.slice(7).map((t) => t.text));

    i = await ok(ctx, 'inspections.setItem', { id: area.id, checked: true, note: '租赁合同面积 52 ㎡', measuredAreaM2: 45 });
    const a = i.items.find((x) => x.id === area.id)!;
    expect(a).toMatchObject({ checked: true, measuredAreaM2: 45, flagged: true, note: '租赁合同面积 52 ㎡' });
    expect(i.readiness).toMatchObject({ done: 6, percent: 42 });
    expect(i.readiness.open[0]).toEqual({ id: area.id, text: area.text, reason: 'area_low' });

    i = await ok(ctx, 'inspections.setItem', { id: area.id, checked: true, note: '租赁合同面积 52 ㎡', measuredAreaM2: 60 });
    expect(i.items.find((x) => x.id === area.id)!.flagged).toBe(false);
    expect(i.readiness.percent).toBe(50);

    // Exactly 50 m² meets the minimum; an area on an item without area evidence is not stored.
    i = await ok(ctx, 'inspections.setItem', { id: area.id, checked: true, note: '租赁合同面积 52 ㎡', measuredAreaM2: 50 });
    expect(i.items.find((x) => x.id === area.id)!.flagged).toBe(false);
    const plain = i.items[1];
    i = await ok(ctx, 'inspections.setItem', { id: plain.id, checked: true, note: null, measuredAreaM2: 12 });
    expect(i.items[1].measuredAreaM2).toBeNull();

    for (const it of i.items) i = await ok(ctx, 'inspections.setItem', { id: it.id, checked: true, note: it.note, measuredAreaM2: it.measuredAreaM2 });
    expect(i.readiness).toMatchObject({ done: 14, percent: 100, open: [] });

    const kinds = ctx.db.prepare("SELECT kind, count(*) n FROM events WHERE kind LIKE 'inspection.%' GROUP BY kind ORDER BY kind").all();
    expect(kinds).toEqual([
      { kind: 'inspection.area', n: 3 }, { kind: 'inspection.check', n: 14 }, { kind: 'inspection.note', n: 1 }, { kind: 'inspection.schedule', n: 1 },
    ]);
    const areaEv = ctx.db.prepare("SELECT subject_title, old_value, new_value FROM events WHERE kind = 'inspection.area' ORDER BY id").all();
    expect(areaEv).toEqual([
      { subject_title: area.text, old_value: null, new_value: '45' },
      { subject_title: area.text, old_value: '45', new_value: '60' },
      { subject_title: area.text, old_value: '60', new_value: '50' },
    ]);
  });

  it('edits record one event per changed field; removal records inspection.remove and deletes the checklist', async () => {
    const { ctx, client } = await setup();
    const i = await schedule(ctx, client.id);
    const u = await ok(ctx, 'inspections.update', {
      id: i.id,
      inspection: { date: '2026-12-01', time: '09:30', attendees: [ATTENDEES[0]], consultantName: '白顾问', consultantPhone: '13900000000' },
    });
    expect(u.date).toBe('2026-12-01');
    expect(u.items).toHaveLength(14);
    const ev = ctx.db.prepare("SELECT subject_title, old_value, new_value FROM events WHERE kind = 'inspection.update' ORDER BY id").all() as Array<{ subject_title: string }>;
    expect(ev.map((e) => e.subject_title.split('|')[1])).toEqual(['date', 'attendees']);
    await ok(ctx, 'inspections.remove', { id: i.id });
    expect(count(ctx, 'SELECT count(*) n FROM inspection_items')).toBe(0);
    expect(count(ctx, "SELECT count(*) n FROM events WHERE kind = 'inspection.remove'")).toBe(1);
    expect((await err(ctx, 'inspections.remove', { id: i.id })).code).toBe('NOT_FOUND');
  });
});

describe('inspections service: outcome', () => {
  it('passed → stage 发证 dated the inspection date; expected issue date 5 working days later across the National Day break', async () => {
    const { ctx, client } = await setup();
    const i = await schedule(ctx, client.id, '2026-09-30');
    const r = await ok(ctx, 'inspections.setOutcome', { id: i.id, outcome: 'passed', notes: '现场核查顺利' });
    // 10-01…10-07 off; 10-08 Thu (1), 10-09 Fri (2), 10-10 Sat 调休 (3), 10-12 Mon (4), 10-13 Tue (5).
    expect(r.inspection).toMatchObject({ outcome: 'passed', outcomeNotes: '现场核查顺利', expectedIssueDate: '2026-10-13', expectedIssueMissingYears: [] });
    expect(r).toMatchObject({ stage: 'issuance', stageSince: '2026-09-30', noteId: null });
    const c = await ok(ctx, 'clients.get', { id: client.id });
    expect(c).toMatchObject({ stage: 'issuance', stageSince: '2026-09-30' });
    const ev = ctx.db.prepare("SELECT kind, old_value, new_value, occurred_on FROM events WHERE kind IN ('stage', 'inspection.outcome') AND old_value IS NOT NULL OR kind = 'inspection.outcome' ORDER BY id").all();
    expect(ev).toEqual([
      { kind: 'inspection.outcome', old_value: null, new_value: 'passed', occurred_on: '2026-09-30' },
      { kind: 'stage', old_value: 'site_inspection', new_value: 'issuance', occurred_on: '2026-09-30' },
    ]);
    // The inspection leaves the reminders once it has an outcome.
    expect(await ok(ctx, 'inspections.upcoming', { from: '2026-09-30', to: '2026-09-30' })).toEqual([]);
  });

  it('a pass in a year without holiday data says so (estimate); a client already past 发证 is not moved back', async () => {
    const { ctx, client } = await setup('2027-03-10T02:00:00Z');
    await ok(ctx, 'clients.setStage', { id: client.id, stage: 'aftercare', date: '2027-01-05' });
    const i = await schedule(ctx, client.id, '2027-03-01');
    const r = await ok(ctx, 'inspections.setOutcome', { id: i.id, outcome: 'passed', notes: null });
    expect(r.inspection).toMatchObject({ expectedIssueDate: '2027-03-08', expectedIssueMissingYears: [2027] });
    expect(r.stage).toBe('aftercare');
  });

  it('issues found → stage stays; the issues become a progress note dated the inspection date', async () => {
    const { ctx, client } = await setup();
    const i = await schedule(ctx, client.id, '2026-11-26');
    const issues = '实测面积45㎡，低于50㎡；防火墙未开启入侵检测';
    const r = await ok(ctx, 'inspections.setOutcome', { id: i.id, outcome: 'issues', notes: issues });
    expect(r.stage).toBe('site_inspection');
    expect(r.inspection.expectedIssueDate).toBeNull();
    const notes = await ok(ctx, 'notes.list', { clientId: client.id });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ id: r.noteId, date: '2026-11-26', body: `现场核查（2026-11-26）发现问题：${issues}` });
    expect((await ok(ctx, 'clients.get', { id: client.id })).lastNoteDate).toBe('2026-11-26');
    // Saving the same outcome again writes no second note.
    await ok(ctx, 'inspections.setOutcome', { id: i.id, outcome: 'issues', notes: issues });
    expect(await ok(ctx, 'notes.list', { clientId: client.id })).toHaveLength(1);
    expect(count(ctx, "SELECT count(*) n FROM events WHERE kind = 'inspection.outcome'")).toBe(1);
  });

  it('refuses issues without notes and results for a future inspection (postponing ahead is fine); nothing written', async () => {
    const { ctx, client } = await setup();
    const past = await schedule(ctx, client.id, '2026-11-26');
    const e = await err(ctx, 'inspections.setOutcome', { id: past.id, outcome: 'issues', notes: '  ' });
    expect(e).toMatchObject({ code: 'VALIDATION', message: '请填写现场核查发现的问题' });
    const future = await schedule(ctx, client.id, '2026-11-30');
    const f = await err(ctx, 'inspections.setOutcome', { id: future.id, outcome: 'passed', notes: null });
    expect(f.message).toContain('还没到');
    expect(count(ctx, "SELECT count(*) n FROM events WHERE kind = 'inspection.outcome'")).toBe(0);
    expect((await ok(ctx, 'clients.get', { id: client.id })).stage).toBe('site_inspection');
    const p = await ok(ctx, 'inspections.setOutcome', { id: future.id, outcome: 'postponed', notes: '核查组改期' });
    expect(p.inspection.outcome).toBe('postponed');
    expect(p.stage).toBe('site_inspection');
  });
});

describe('inspections service: reminders and prep sheets', () => {
  it('upcoming lists today and tomorrow without an outcome, by date and time, with readiness', async () => {
    const { ctx, client } = await setup();
    const other = (await ok(ctx, 'clients.create', { client: { ...CLIENT, name: '大同沃土坊农产品供应链有限公司', uscc: '91140213MA4NRBGM4J', city: '大同市' } })).client;
    const a = await schedule(ctx, client.id, '2026-11-28', { time: '14:00' });
    const b = await schedule(ctx, other.id, '2026-11-28', { time: '09:00' });
    const c = await schedule(ctx, other.id, '2026-11-27', { time: null });
    await schedule(ctx, client.id, '2026-11-29');
    await ok(ctx, 'inspections.setItem', { id: a.items[0].id, checked: true, note: null, measuredAreaM2: 80 });
    const up = await ok(ctx, 'inspections.upcoming', { from: '2026-11-27', to: '2026-11-28' });
    expect(up.map((u) => [u.id, u.date, u.time])).toEqual([[c.id, '2026-11-27', null], [b.id, '2026-11-28', '09:00'], [a.id, '2026-11-28', '14:00']]);
    expect(up[2]).toMatchObject({ clientName: CLIENT.name, readiness: { done: 1, total: 14, percent: 7 } });
    const plan = ctx.db.prepare("EXPLAIN QUERY PLAN SELECT * FROM inspections WHERE inspection_date BETWEEN '2026-11-27' AND '2026-11-28'").all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX inspections_date/);
  });

  it('sheets: client data, originals = originals of submitted/accepted materials in list order (none for screenshots or forms), by ids or by date', async () => {
    const { ctx, client } = await setup();
    const mats = await ok(ctx, 'materials.list', { clientId: client.id });
    const move = async (key: string, path: Array<'received' | 'checked' | 'submitted' | 'accepted'>) => {
      const m = mats.find((x) => x.itemKey === key)!;
      for (const s of path) await ok(ctx, 'materials.setStatus', { id: m.id, status: s });
    };
    await move('B01', ['received', 'checked', 'submitted']);
    await move('A02', ['received', 'checked', 'submitted', 'accepted']);
    await move('A01', ['received', 'checked']);
    await move('D06', ['received', 'checked', 'submitted']);
    await move('D05', ['received', 'checked', 'submitted']);
    const i = await schedule(ctx, client.id, '2026-12-01');
    const byIds = await ok(ctx, 'inspections.sheets', { ids: [i.id] });
    expect(byIds.printedOn).toBe('2026-11-27');
    expect(byIds.sheets[0].client).toEqual({
      id: client.id, name: CLIENT.name, uscc: CLIENT.uscc, city: '太原市', district: null, address: CLIENT.address,
      legalRep: null, platformName: null, domain: null, icpFilingNo: null, serverLocation: null,
    });
    expect(byIds.sheets[0].hosting).toEqual({ title: '服务器托管/云服务协议', status: 'missing' });
    expect(byIds.sheets[0].originals.map((o) => [o.itemKey, o.title, o.status])).toEqual([
      ['A02', '营业执照副本', 'accepted'], ['B01', '办公场地租赁合同', 'submitted'],
    ]);
    expect((await ok(ctx, 'inspections.sheets', { date: '2026-12-01' })).sheets.map((s) => s.inspection.id)).toEqual([i.id]);
    expect((await ok(ctx, 'inspections.sheets', { date: '2026-12-02' })).sheets).toEqual([]);
    // A postponed inspection is left out of the day's print (it still prints by id).
    const moved = await schedule(ctx, client.id, '2026-12-01', { time: '15:00' });
    await ok(ctx, 'inspections.setOutcome', { id: moved.id, outcome: 'postponed', notes: '改期' });
    expect((await ok(ctx, 'inspections.sheets', { date: '2026-12-01' })).sheets.map((s) => s.inspection.id)).toEqual([i.id]);
    expect((await ok(ctx, 'inspections.sheets', { ids: [moved.id, i.id] })).sheets.map((s) => s.inspection.id)).toEqual([moved.id, i.id]);
    expect((await err(ctx, 'inspections.sheets', { ids: [i.id, 777] })).code).toBe('NOT_FOUND');
    expect((await err(ctx, 'inspections.sheets', {})).code).toBe('VALIDATION');
  });
});
