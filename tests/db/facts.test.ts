/**
 * Issue 12, "one set of facts per client": eligibility reads what the inspection and the materials checklist
 * establish (with the source), the measured office area overrides the declared one, back-dated status changes count
 * in the week they took effect, future dates are refused, and the inspection's address is the one printed.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../db/service/context';
import { testContext } from '../helpers/context';
import { err, makeUscc, ok } from '../helpers/call';
import { eventAtSql } from '../../db/service/event-columns';

const ATTENDEES = [
  { role: 'tech_lead', name: '张伟', phone: '13800000001' },
  { role: 'customer_service', name: '李娜', phone: '13800000002' },
] as const;

async function client(ctx: ServiceContext, extra: Record<string, unknown> = {}) {
  const { client: c } = await ok(ctx, 'clients.create', {
    client: { name: '太原实测网络科技有限公司', uscc: makeUscc(), city: '太原市', address: '太原市小店区长风街1号', officeAreaM2: 80, insuredStaff: 5, ...extra },
    stage: 'site_inspection',
  });
  return c;
}
const condition = (a: { results: Array<{ key: string; status: string; reasons: Array<{ code: string; status: string; params?: unknown; source?: unknown }> }> }, key: string) =>
  a.results.find((r) => r.key === key)!;
const material = async (ctx: ServiceContext, clientId: number, key: string) => (await ok(ctx, 'materials.list', { clientId })).find((m) => m.itemKey === key)!;

describe('eligibility from measured facts', () => {
  it('a measured 45 m² overrides the declared 80 m²: the area condition fails, from the inspection, with the warning', async () => {
    const ctx = testContext('2026-09-30T02:00:00.000Z');
    const c = await client(ctx);
    let a = await ok(ctx, 'eligibility.get', { clientId: c.id });
    expect(condition(a, 'premises').reasons[0]).toMatchObject({ code: 'area_ok', status: 'pass', params: { area: 80 }, source: { kind: 'register' } });
    expect(a.areaMismatch).toBeNull();

    const i = await ok(ctx, 'inspections.create', { clientId: c.id, inspection: { date: '2026-09-30', attendees: [] } });
    const areaItem = i.items.find((x) => x.evidence === 'area_m2')!;
    await ok(ctx, 'inspections.setItem', { id: areaItem.id, checked: true, note: null, measuredAreaM2: 45 });
    a = await ok(ctx, 'eligibility.get', { clientId: c.id });
    const premises = condition(a, 'premises');
    expect(premises.status).toBe('fail');
    expect(premises.reasons[0]).toEqual({ code: 'area_low', status: 'fail', params: { area: 45, min: 50 }, source: { kind: 'inspection', date: '2026-09-30' } });
    expect(a.areaMismatch).toEqual({ declaredM2: 80, measuredM2: 45, measuredOn: '2026-09-30' });
    expect(a.overall).toBe('fail');
  });

  it('warns only when declared and measured differ by more than 10 % of the declared area', async () => {
    const ctx = testContext('2026-09-30T02:00:00.000Z');
    const measure = async (declared: number, measured: number) => {
      const c = await client(ctx, { officeAreaM2: declared });
      const i = await ok(ctx, 'inspections.create', { clientId: c.id, inspection: { date: '2026-09-29', attendees: [] } });
      await ok(ctx, 'inspections.setItem', { id: i.items.find((x) => x.evidence === 'area_m2')!.id, checked: true, note: null, measuredAreaM2: measured });
      return (await ok(ctx, 'eligibility.get', { clientId: c.id })).areaMismatch;
    };
    expect(await measure(80, 72)).toBeNull(); // 8 apart = 10 %: not more than 10 %
    expect(await measure(80, 71.9)).toEqual({ declaredM2: 80, measuredM2: 71.9, measuredOn: '2026-09-29' });
    expect(await measure(60, 66)).toBeNull();
    expect(await measure(60, 66.5)).toMatchObject({ declaredM2: 60, measuredM2: 66.5 });
  });

  it('fire filing received on the checklist and the technical lead as an attendee: both confirmed, each with its source', async () => {
    const ctx = testContext('2026-09-30T02:00:00.000Z');
    const c = await client(ctx);
    let a = await ok(ctx, 'eligibility.get', { clientId: c.id });
    expect(condition(a, 'premises').reasons.find((r) => r.code.startsWith('fire'))).toMatchObject({ code: 'fire_unknown', status: 'unknown' });
    expect(condition(a, 'staff').reasons.find((r) => r.code.startsWith('tech_lead'))).toMatchObject({ code: 'tech_lead_unknown' });

    const b02 = await material(ctx, c.id, 'B02');
    await ok(ctx, 'materials.setStatus', { id: b02.id, status: 'received', on: '2026-09-28' });
    await ok(ctx, 'inspections.create', { clientId: c.id, inspection: { date: '2026-09-30', attendees: [...ATTENDEES] } });
    a = await ok(ctx, 'eligibility.get', { clientId: c.id });
    expect(condition(a, 'premises').reasons.find((r) => r.code.startsWith('fire'))).toEqual({
      code: 'fire_ok', status: 'pass', source: { kind: 'material', date: '2026-09-28', itemKey: 'B02', title: '场地消防备案证明' },
    });
    const staff = condition(a, 'staff').reasons;
    expect(staff.find((r) => r.code.startsWith('tech_lead'))).toEqual({ code: 'tech_lead_ok', status: 'pass', source: { kind: 'inspection', date: '2026-09-30' } });
    expect(staff.find((r) => r.code.startsWith('customer_service'))).toMatchObject({ code: 'customer_service_ok', source: { kind: 'inspection' } });
    expect(staff.find((r) => r.code.startsWith('security_officer'))).toMatchObject({ code: 'security_officer_unknown', status: 'unknown' });

    // The social-insurance proof on the checklist is shown as established too.
    await ok(ctx, 'materials.setStatus', { id: (await material(ctx, c.id, 'C02')).id, status: 'received' });
    a = await ok(ctx, 'eligibility.get', { clientId: c.id });
    expect(condition(a, 'staff').reasons.find((r) => r.code === 'social_insurance_ok')).toMatchObject({ status: 'pass', source: { kind: 'material', date: '2026-09-30', itemKey: 'C02' } });
  });

  it('the ticked inspection item P03 (消防备案证明在手) also establishes the fire filing; the consultant\'s own answer wins', async () => {
    const ctx = testContext('2026-09-30T02:00:00.000Z');
    const c = await client(ctx);
    const i = await ok(ctx, 'inspections.create', { clientId: c.id, inspection: { date: '2026-09-30', attendees: [] } });
    await ok(ctx, 'inspections.setItem', { id: i.items.find((x) => x.templateKey === 'P03')!.id, checked: true, note: null });
    let a = await ok(ctx, 'eligibility.get', { clientId: c.id });
    expect(condition(a, 'premises').reasons.find((r) => r.code.startsWith('fire'))).toMatchObject({ code: 'fire_ok', source: { kind: 'inspection', date: '2026-09-30' } });
    a = await ok(ctx, 'eligibility.setFacts', { clientId: c.id, facts: { fireFiling: false } });
    expect(condition(a, 'premises').reasons.find((r) => r.code.startsWith('fire'))).toEqual({ code: 'fire_bad', status: 'fail' });
  });
});

describe('back-dated changes', () => {
  it('a status change recorded on Tuesday of week 49 for Thursday of week 48 counts in week 48; the event keeps both dates', async () => {
    const ctx = testContext('2026-12-01T03:00:00.000Z'); // Tuesday 2026-12-01, ISO week 49
    const c = await client(ctx);
    const a01 = await material(ctx, c.id, 'A01');
    const m = await ok(ctx, 'materials.setStatus', { id: a01.id, status: 'received', on: '2026-11-26' });
    expect(m.status).toBe('received');
    expect(ctx.db.prepare(`SELECT ${eventAtSql('events')} AS at, occurred_on FROM events WHERE kind = 'material.status'`).all()).toEqual([{ at: '2026-12-01T03:00:00.000Z', occurred_on: '2026-11-26' }]);
    const w48 = await ok(ctx, 'weekly.client', { clientId: c.id, week: '2026-W48' });
    expect(w48.materialChanges).toEqual([{ on: '2026-11-26', itemKey: 'A01', title: a01.title, from: 'missing', to: 'received' }]);
    const w49 = await ok(ctx, 'weekly.client', { clientId: c.id, week: '2026-W49' });
    expect(w49.materialChanges).toEqual([]);
  });

  it('refuses a future date for a status change and a stage move, and a date before the item\'s previous change; nothing written', async () => {
    const ctx = testContext('2026-12-01T03:00:00.000Z'); // 2026-12-01 in China
    const c = await client(ctx);
    const a01 = await material(ctx, c.id, 'A01');
    const before = (ctx.db.prepare('SELECT count(*) n FROM events').get() as { n: number }).n;
    const e1 = await err(ctx, 'materials.setStatus', { id: a01.id, status: 'received', on: '2026-12-02' });
    expect(e1).toMatchObject({ code: 'VALIDATION', details: { fields: [{ path: 'on' }] } });
    expect(e1.message).toContain('2026-12-02');
    const e2 = await err(ctx, 'clients.setStage', { id: c.id, stage: 'issuance', date: '2026-12-02' });
    expect(e2).toMatchObject({ code: 'VALIDATION', details: { fields: [{ path: 'date' }] } });
    expect((await material(ctx, c.id, 'A01')).status).toBe('missing');
    expect((await ok(ctx, 'clients.get', { id: c.id })).stage).toBe('site_inspection');
    expect((ctx.db.prepare('SELECT count(*) n FROM events').get() as { n: number }).n).toBe(before);

    await ok(ctx, 'materials.setStatus', { id: a01.id, status: 'received', on: '2026-11-30' });
    const e3 = await err(ctx, 'materials.setStatus', { id: a01.id, status: 'checked', on: '2026-11-29' });
    expect(e3.message).toContain('2026-11-30');
    await ok(ctx, 'materials.setStatus', { id: a01.id, status: 'checked', on: '2026-11-30' });
    // Today and back-dated stage moves are fine.
    expect((await ok(ctx, 'clients.setStage', { id: c.id, stage: 'issuance', date: '2026-12-01' })).stageSince).toBe('2026-12-01');
  });
});

describe('the inspection address', () => {
  it('an inspection without its own address shows the client\'s current office address (app panel = printed sheet)', async () => {
    const ctx = testContext();
    const c = await client(ctx, { address: null });
    const i = await ok(ctx, 'inspections.create', { clientId: c.id, inspection: { date: '2026-11-30', attendees: [] } });
    expect(i.address).toBeNull();
    await ok(ctx, 'clients.update', { id: c.id, client: { name: c.name, uscc: c.uscc, city: c.city, address: '太原市小店区长风街1号', officeAreaM2: 80, insuredStaff: 5 } });
    const [listed] = await ok(ctx, 'inspections.list', { clientId: c.id });
    expect(listed.address).toBe('太原市小店区长风街1号');
    const { sheets } = await ok(ctx, 'inspections.sheets', { ids: [i.id] });
    expect(sheets[0].inspection.address).toBe('太原市小店区长风街1号');
  });
});
