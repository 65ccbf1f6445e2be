/**
 * Reports carry what the app already knows (developers' guide): the prep sheet's stage, eligibility failures with
 * values and open 需补正 items; the weekly summary's inspection with attendees, unnamed roles and what to bring; the
 * 办理期限 tab's scheduled inspection. Values from spec §3 (office ≥ 50 ㎡), §6 (人员, 材料) and §9.
 */
import { describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context';
import { dispatch } from '../../db/dispatch';
import type { In, Method, Out } from '../../shared/contract';
import type { ServiceContext } from '../../db/service/context';
import { weeklyClientText } from '../../shared/reports/weekly-text';

async function ok<M extends Method>(ctx: ServiceContext, m: M, input: In<M>): Promise<Out<M>> {
  const r = await dispatch(ctx, m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as Out<M>;
}

const CLIENT = {
  name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', address: '太原市迎泽区迎泽大街100号5层',
  contactName: '吴磊', contactPhone: '15226771482', consultant: '白顾问', officeAreaM2: 45,
} as const;
const NOTE = '复印件不清晰，需重新复印并加盖公章';

/** Today is Fri 2026-11-27 (China); the inspection is tomorrow at 09:00 with two of the three required roles named. */
async function setup() {
  const ctx = testContext('2026-11-27T02:00:00.000Z');
  const { client } = await ok(ctx, 'clients.create', { client: CLIENT, stage: 'site_inspection' });
  const a02 = (await ok(ctx, 'materials.list', { clientId: client.id })).find((m) => m.itemKey === 'A02')!;
  for (const status of ['received', 'checked', 'submitted', 'correction'] as const) await ok(ctx, 'materials.setStatus', { id: a02.id, status, on: null });
  await ok(ctx, 'materials.update', { id: a02.id, note: NOTE, dueDate: null });
  const inspection = await ok(ctx, 'inspections.create', {
    clientId: client.id,
    inspection: {
      date: '2026-11-28', time: '09:00', consultantName: '白顾问', consultantPhone: '13900000000',
      attendees: [{ role: 'tech_lead', name: '张伟', phone: '13800000001' }, { role: 'customer_service', name: '李娜', phone: '13800000002' }],
    },
  });
  return { ctx, client, inspection };
}

describe('reports include what the app knows', () => {
  it('prep sheet: stage, 办公面积 45 ㎡ below 50 ㎡ as an eligibility failure, and the open 需补正 item with its note', async () => {
    const { ctx, inspection } = await setup();
    const [sheet] = (await ok(ctx, 'inspections.sheets', { ids: [inspection.id] })).sheets;
    expect(sheet.stage).toBe('site_inspection');
    expect(sheet.eligibilityFailures).toContainEqual(expect.objectContaining({ key: 'premises', no: 5, text: '办公面积 45 ㎡ < 50 ㎡（最低要求）' }));
    expect(sheet.corrections).toEqual([{ itemKey: 'A02', title: '营业执照副本复印件', note: NOTE }]);
  });

  it('prep sheet: a client that meets the area has no premises failure and no corrections', async () => {
    const ctx = testContext('2026-11-27T02:00:00.000Z');
    const { client } = await ok(ctx, 'clients.create', { client: { ...CLIENT, officeAreaM2: 60 }, stage: 'site_inspection' });
    const i = await ok(ctx, 'inspections.create', { clientId: client.id, inspection: { date: '2026-11-28', time: '09:00', attendees: [] } });
    const [sheet] = (await ok(ctx, 'inspections.sheets', { ids: [i.id] })).sheets;
    expect(sheet.eligibilityFailures.map((f) => f.key)).not.toContain('premises');
    expect(sheet.corrections).toEqual([]);
  });

  it('weekly summary: the inspection line names the attendees, the unnamed 信息安全专员 and what to bring, in every form', async () => {
    const { ctx, client } = await setup();
    const s = await ok(ctx, 'weekly.client', { clientId: client.id, week: '2026-W48' });
    const line = s.upcoming.items.find((u) => u.source === 'inspection')!;
    expect(line).toMatchObject({ date: '2026-11-28', time: '09:00', title: '现场核查' });
    expect(line.detail).toBe(`地址：${CLIENT.address}；参加：张伟（技术负责人）、李娜（客服专员）；未指定：信息安全专员（请提供姓名、电话）；请携带：公章、营业执照正本、已提交材料的原件`);
    const text = weeklyClientText(s);
    expect(text).toContain('09:00 现场核查（地址：太原市迎泽区迎泽大街100号5层；参加：张伟（技术负责人）、李娜（客服专员）');
    expect(text).toContain('资质条件“固定办公场所≥50㎡、消防备案、基础设备（电脑、服务器、防火墙）”未满足：场地面积45㎡，低于最低要求50㎡');
    expect(text).toMatch(/待客户提供：.*信息安全专员的姓名/);
    expect(s.missing.map((m) => [m.itemKey, m.status])).toContainEqual(['A02', 'correction']);
  });

  it('办理期限: tomorrow\'s inspection is listed with time, address and attendees (no "no open deadline")', async () => {
    const { ctx, client, inspection } = await setup();
    const d = await ok(ctx, 'deadlines.client', { clientId: client.id, today: '2026-11-27' });
    expect(d.appointments).toEqual([{ inspectionId: inspection.id, date: '2026-11-28', time: '09:00', address: CLIENT.address, attendees: [{ name: '张伟', role: 'tech_lead' }, { name: '李娜', role: 'customer_service' }] }]);
    expect((await ok(ctx, 'deadlines.client', { clientId: client.id, today: '2026-11-29' })).appointments).toEqual([]);
  });
});

describe('the pitfalls of spec §8 the 资质评估 tab warns about reach the prep sheet and the weekly summary', () => {
  const LEASE = '太原市小店区长治路111号';
  const WARN = `租赁合同地址“${LEASE}”与登记地址“${CLIENT.address}”不一致：材料必须真实，伪造材料将被驳回且3年内不得再申请`;
  const FINANCE = '平台业务涉及“金融信息服务（支付、借贷、理财等）”（“理财”），经营性ICP（B25信息服务）不涵盖，需另行审批或调整业务描述';

  it('a lease address other than the registered one, and a platform selling 理财 products: both on the sheet and under 风险提示', async () => {
    const { ctx, client, inspection } = await setup();
    const assessment = await ok(ctx, 'eligibility.setFacts', { clientId: client.id, facts: { leaseAddress: LEASE, platformBusiness: '旅游线路预订及理财产品推荐' }, today: null });
    expect(assessment.pitfalls.map((p) => p.code).sort()).toEqual(['beyond_b25', 'lease_address_differs']);
    const [sheet] = (await ok(ctx, 'inspections.sheets', { ids: [inspection.id] })).sheets;
    expect(sheet.pitfalls).toEqual([
      { key: 'beyond_scope', code: 'beyond_b25', text: FINANCE },
      { key: 'forged_materials', code: 'lease_address_differs', text: WARN },
    ]);
    const week = await ok(ctx, 'weekly.client', { clientId: client.id, week: '2026-W48' });
    expect(week.risks).toContain(WARN);
    expect(week.risks).toContain(FINANCE);
  });

  it('信息安全管理制度 received but encryption not confirmed: a 风险提示 of the weekly summary; the sheet leaves it to its 制度落地 checklist', async () => {
    const { ctx, client, inspection } = await setup();
    const c03 = (await ok(ctx, 'materials.list', { clientId: client.id })).find((m) => m.itemKey === 'C03')!;
    await ok(ctx, 'materials.setStatus', { id: c03.id, status: 'received', on: null });
    const text = '已收到《信息安全管理制度》，但未确认用户数据已实际加密存储：核查时须现场演示，制度流于纸面将被处罚';
    expect((await ok(ctx, 'weekly.client', { clientId: client.id, week: '2026-W48' })).risks).toContain(text);
    const [sheet] = (await ok(ctx, 'inspections.sheets', { ids: [inspection.id] })).sheets;
    expect(sheet.pitfalls).toEqual([]);
    expect(sheet.inspection.items.map((x) => x.text).join('')).toContain('加密');
  });

  it('a lease at the registered address (written with 山西省 and spaces) is no pitfall anywhere', async () => {
    const { ctx, client, inspection } = await setup();
    await ok(ctx, 'eligibility.setFacts', { clientId: client.id, facts: { leaseAddress: `山西省 ${CLIENT.address}` }, today: null });
    const [sheet] = (await ok(ctx, 'inspections.sheets', { ids: [inspection.id] })).sheets;
    expect(sheet.pitfalls).toEqual([]);
    expect((await ok(ctx, 'weekly.client', { clientId: client.id, week: '2026-W48' })).risks.join('')).not.toContain('租赁合同地址');
  });
});
