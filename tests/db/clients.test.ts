import { describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context';
import { dispatch } from '../../db/dispatch';
import type { In, Method, Out } from '../../shared/contract';
import type { ServiceContext } from '../../db/service/context';

async function ok<M extends Method>(ctx: ServiceContext, m: M, input: In<M>): Promise<Out<M>> {
  const r = await dispatch(ctx, m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as Out<M>;
}

const base = { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', contactName: '吴磊', contactPhone: '15226771482', consultant: '白顾问' } as const;

describe('clients service', () => {
  it('creates a client with a 17-item checklist, normalising a full-width USCC', async () => {
    const ctx = testContext();
    const { client, warnings } = await ok(ctx, 'clients.create', { client: { ...base, uscc: '９１１４０１０６ＭＡ１ＱＮ６Ｋ４４０' } });
    expect(client.uscc).toBe('91140106MA1QN6K440');
    expect(client.stage).toBe('consultation');
    expect(client.materialsTotal).toBe(17);
    expect(client.materialsDone).toBe(0);
    expect(warnings).toEqual([]);
    const mats = await ok(ctx, 'materials.list', { clientId: client.id });
    expect(mats.map((m) => m.group)).toEqual([...'AAABBBBCCCCDDDDDD']);
  });

  it('tidies a phone typed in the form as the import does; text that is not a number is kept as typed', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', { client: { ...base, contactPhone: '＋８６ １５２ ２６７７ １４８２' } });
    expect(client.contactPhone).toBe('15226771482');
    const phoneAfter = async (typed: string) => (await ok(ctx, 'clients.update', { id: client.id, client: { ...base, contactPhone: typed } })).client.contactPhone;
    expect(await phoneAfter('(0351) 5322469 转 8001')).toBe('0351-5322469-8001');
    expect(await phoneAfter('０３５１－５３２２４６９')).toBe('0351-5322469');
    expect(await phoneAfter('  吴经理：见备注 ')).toBe('吴经理：见备注');
    expect(await phoneAfter('   ')).toBeNull();
  });

  it('rejects a wrong check character with a Chinese field error and writes nothing', async () => {
    const ctx = testContext();
    const r = await dispatch(ctx, 'clients.create', { client: { ...base, uscc: '91140802MA6NLDQK80' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.details?.fields?.[0].path).toBe('client.uscc');
    expect(r.error.message).toMatch(/校验/);
    expect((ctx.db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n).toBe(0);
  });

  it('warns (does not block) when the city differs from the USCC division code', async () => {
    const ctx = testContext();
    const { warnings } = await ok(ctx, 'clients.create', { client: { ...base, city: '大同市' } });
    expect(warnings.map((w) => w.code)).toEqual(['city_mismatch']);
  });

  it('refuses a second client with the same USCC (CONFLICT)', async () => {
    const ctx = testContext();
    await ok(ctx, 'clients.create', { client: base });
    const r = await dispatch(ctx, 'clients.create', { client: { ...base, name: '另一家公司' } });
    expect(r.ok ? null : r.error.code).toBe('CONFLICT');
  });

  it('invalid input names the fields (zod) and writes nothing', async () => {
    const ctx = testContext();
    const r = await dispatch(ctx, 'clients.create', { client: { ...base, city: '西安市', capitalYuan: -5 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.details?.fields?.map((f) => f.path).sort()).toEqual(['client.capitalYuan', 'client.city']);
  });

  it('material lifecycle: allowed moves recorded as events, progress counts checked+ items, illegal moves refused', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', { client: base });
    const [a1, a2] = await ok(ctx, 'materials.list', { clientId: client.id });
    await ok(ctx, 'materials.setStatus', { id: a1.id, status: 'received' });
    await ok(ctx, 'materials.setStatus', { id: a1.id, status: 'checked' });
    const bad = await dispatch(ctx, 'materials.setStatus', { id: a2.id, status: 'accepted' });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    await ok(ctx, 'materials.setChecks', { id: a1.id, checkComplete: true, checkAccurate: true, checkLegible: true });
    await ok(ctx, 'materials.update', { id: a1.id, note: '执照副本已盖章', dueDate: '2026-12-04' });
    const c = await ok(ctx, 'clients.get', { id: client.id });
    expect(`${c.materialsDone}/${c.materialsTotal}`).toBe('1/17');
    const tl = await ok(ctx, 'clients.timeline', { id: client.id });
    const kinds = tl.map((e) => `${e.kind}:${e.oldValue ?? ''}>${e.newValue ?? ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['material.status:missing>received', 'material.status:received>checked', 'material.checks:—>全准清', 'material.due:>2026-12-04']));
    expect(tl.every((e) => e.on === '2026-11-27')).toBe(true);
  });

  it('correction loop: submitted → correction → received', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', { client: base });
    const [m] = await ok(ctx, 'materials.list', { clientId: client.id });
    for (const s of ['received', 'checked', 'submitted', 'correction', 'received'] as const) await ok(ctx, 'materials.setStatus', { id: m.id, status: s });
    expect((await ok(ctx, 'materials.list', { clientId: client.id }))[0].status).toBe('received');
  });

  it('stage moves are dated with the date given', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', { client: base });
    const c = await ok(ctx, 'clients.setStage', { id: client.id, stage: 'pre_application', date: '2026-11-20' });
    expect(c.stage).toBe('pre_application');
    expect(c.stageSince).toBe('2026-11-20');
    const ev = (await ok(ctx, 'clients.timeline', { id: client.id })).find((e) => e.kind === 'stage' && e.oldValue);
    expect(ev).toMatchObject({ on: '2026-11-20', oldValue: 'consultation', newValue: 'pre_application' });
  });

  it('notes: create, edit, delete keep last_note_date right', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', { client: base });
    const n1 = await ok(ctx, 'notes.create', { clientId: client.id, date: '2026-11-23', body: '材料已初审通过' });
    const n2 = await ok(ctx, 'notes.create', { clientId: client.id, date: '2026-11-26', body: '需补充场地消防证明' });
    expect((await ok(ctx, 'clients.get', { id: client.id })).lastNoteDate).toBe('2026-11-26');
    await ok(ctx, 'notes.update', { id: n1.id, date: '2026-11-24', body: '材料已初审通过（补）' });
    await ok(ctx, 'notes.remove', { id: n2.id });
    expect((await ok(ctx, 'clients.get', { id: client.id })).lastNoteDate).toBe('2026-11-24');
    expect((await ok(ctx, 'notes.list', { clientId: client.id })).map((n) => n.body)).toEqual(['材料已初审通过（补）']);
    const empty = await dispatch(ctx, 'notes.create', { clientId: client.id, date: '2026-11-24', body: '   ' });
    expect(empty.ok).toBe(false);
  });

  it('update records one event per changed field; remove cascades', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', { client: base });
    await ok(ctx, 'clients.update', { id: client.id, client: { ...base, contactPhone: '0351-5322469', capitalYuan: 5000000 } });
    const tl = await ok(ctx, 'clients.timeline', { id: client.id });
    expect(tl.filter((e) => e.kind === 'client.update').map((e) => e.subject).sort()).toEqual(['capitalYuan', 'contactPhone']);
    await ok(ctx, 'notes.create', { clientId: client.id, date: '2026-11-23', body: 'x' });
    await ok(ctx, 'clients.remove', { id: client.id });
    for (const t of ['materials', 'notes', 'events']) expect((ctx.db.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n).toBe(0);
  });
});

describe('clients.list', () => {
  async function seed(ctx: ServiceContext) {
    const rows = [
      { name: '太原红枣联网络科技有限公司', uscc: '91140109MANN5L151B', city: '太原市', consultant: '路顾问', contactName: '贾志强' },
      { name: '太原苹果兴农产品供应链有限公司', uscc: '91140106MACAD08H9D', city: '太原市', consultant: '路顾问', contactName: '阎宏伟' },
      { name: '晋中重工源装备科技有限公司', uscc: '91140702MA6A20M59M', city: '晋中市', consultant: '白顾问', contactName: '黄婷' },
      { name: '大同晋味联网络科技有限公司(ABC)', uscc: '91140213MABEQ3BP4D', city: '大同市', consultant: '白顾问', contactName: '阎雅琴' },
    ];
    for (const r of rows) await ok(ctx, 'clients.create', { client: r });
  }

  it('2-character queries (太原, 晋中) use the short path and find exactly the substring matches', async () => {
    const ctx = testContext();
    await seed(ctx);
    expect((await ok(ctx, 'clients.list', { q: '太原' })).total).toBe(2);
    expect((await ok(ctx, 'clients.list', { q: '晋中' })).rows.map((r) => r.city)).toEqual(['晋中市']);
    expect((await ok(ctx, 'clients.list', { q: '晋' })).total).toBe(2);
  });

  it('3+ character, USCC, contact, full-width and multi-term queries', async () => {
    const ctx = testContext();
    await seed(ctx);
    expect((await ok(ctx, 'clients.list', { q: '网络科技' })).total).toBe(2);
    expect((await ok(ctx, 'clients.list', { q: 'mabeq3' })).total).toBe(1);
    expect((await ok(ctx, 'clients.list', { q: '黄婷' })).total).toBe(1);
    expect((await ok(ctx, 'clients.list', { q: 'ａｂｃ' })).total).toBe(1);
    expect((await ok(ctx, 'clients.list', { q: '太原 红枣' })).total).toBe(1);
    expect((await ok(ctx, 'clients.list', { q: '%' })).total).toBe(0);
  });

  it('filters by city, stage and consultant; sorts; pages', async () => {
    const ctx = testContext();
    await seed(ctx);
    expect((await ok(ctx, 'clients.list', { city: '太原市' })).total).toBe(2);
    expect((await ok(ctx, 'clients.list', { consultant: '白顾问' })).total).toBe(2);
    expect((await ok(ctx, 'clients.list', { stage: 'materials' })).total).toBe(0);
    const sorted = await ok(ctx, 'clients.list', { sort: 'city', dir: 'desc' });
    // Cities sort in official division-code order (0070): 晋中 1407, 大同 1402, 太原 1401 (descending).
    expect(sorted.rows.map((r) => r.city)).toEqual(['晋中市', '大同市', '太原市', '太原市']);
    const page = await ok(ctx, 'clients.list', { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows).toHaveLength(2);
  });
});

describe('personal data', () => {
  it('stores the legal representative ID number in full, returns it masked, keeps it when the masked value comes back, and never writes it to events', async () => {
    const ctx = testContext();
    const bad = await dispatch(ctx, 'clients.create', { client: { ...base, legalRepIdNumber: '140105199001011234' } });
    expect(bad.ok ? null : bad.error.details?.fields?.[0].path).toBe('client.legalRepIdNumber');
    const { client } = await ok(ctx, 'clients.create', { client: { ...base, legalRepIdNumber: '140105199001011238' } });
    expect(client.legalRepIdNumber).toBe('1401**********1238');
    await ok(ctx, 'clients.update', { id: client.id, client: { ...base, legalRepIdNumber: client.legalRepIdNumber, contactPhone: '0351-5322469' } });
    expect((ctx.db.prepare('SELECT legal_rep_id_number v FROM clients').get() as { v: string }).v).toBe('140105199001011238');
    await ok(ctx, 'clients.update', { id: client.id, client: { ...base, legalRepIdNumber: '11010519491231002X' } });
    const events = JSON.stringify(ctx.db.prepare('SELECT * FROM events').all());
    expect(events).not.toContain('140105199001011238');
    expect(events).not.toContain('11010519491231002X');
    expect(events).toContain('1101**********002X');
    await ok(ctx, 'clients.remove', { id: client.id });
    expect(ctx.db.pragma('secure_delete', { simple: true })).toBe(1);
  });
});
