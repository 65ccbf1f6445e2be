import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../../db/service/import';
import type { EligibilityFactsInput } from '../../shared/contracts/eligibility';
import { testContext } from '../helpers/context';
import { makeUscc, ok } from '../helpers/call';

const FIX = fileURLToPath(new URL('../fixtures/', import.meta.url));
const XLSX = fs.readFileSync(path.join(FIX, '客户台账.xlsx'));
interface Expected { row: number; name: string; uscc?: string; capitalYuan?: number; founded?: string; outcome: string; flags: string[] }
const EXPECTED = (JSON.parse(fs.readFileSync(path.join(FIX, 'expected.json'), 'utf8')) as { rows: Expected[] }).rows;
const IMPORTED = EXPECTED.filter((r) => r.outcome === 'imported');

async function importRegister(ctx: ReturnType<typeof testContext>) {
  const file = { fileName: '客户台账.xlsx', dataBase64: XLSX.toString('base64') };
  const p = await previewImport(ctx, { ...file, mapping: null });
  const r = await commitImport(ctx, { ...file, mapping: p.mapping, force: [] });
  expect(r.imported).toBe(IMPORTED.length);
  const ids = new Map((ctx.db.prepare('SELECT id, uscc FROM clients').all() as Array<{ id: number; uscc: string }>).map((c) => [c.uscc, c.id]));
  return (row: Expected) => ids.get(row.uscc!)!;
}

const FULL_FACTS: EligibilityFactsInput = {
  fireFiling: true, hasComputers: true, hasServer: true, hasFirewall: true, staffTechLead: true, staffCustomerService: true, staffSecurity: true,
  secEncryption: true, secFirewallIds: true, secPrivacy: true, operationRules: true, violations2y: false, abnormalList: false, creditCheckedOn: '2026-11-20',
};

describe('eligibility assessment of the sample register (import via db/service/import.ts)', () => {
  it('fails capital / area / staff exactly where expected.json flags them; missing data is unknown, never pass', async () => {
    const ctx = testContext();
    const idOf = await importRegister(ctx);
    for (const row of IMPORTED) {
      const a = await ok(ctx, 'eligibility.get', { clientId: idOf(row) });
      const status = Object.fromEntries(a.results.map((r) => [r.key, r.status]));
      const reason = (key: string, code: string) => a.results.find((r) => r.key === key)!.reasons.find((x) => x.code.startsWith(code))!.status;
      const flagged = (text: string) => row.flags.includes(text);
      expect(status.capital, row.name).toBe(flagged('registered capital below 1,000,000 yuan') ? 'fail' : 'pass');
      expect(reason('premises', 'area'), row.name).toBe(flagged('office area below 50 m2') ? 'fail' : 'pass');
      expect(reason('staff', 'staff'), row.name).toBe(flagged('fewer than 3 insured staff') ? 'fail' : 'pass');
      // Not in the register: business scope, fire filing, equipment, roles, security measures, violations, abnormal list.
      expect(status.scope, row.name).toBe('unknown');
      expect(status.security, row.name).toBe('unknown');
      expect(status.compliance, row.name).toBe('unknown');
      expect(status.premises, row.name).toBe(flagged('office area below 50 m2') ? 'fail' : 'unknown');
      expect(status.staff, row.name).toBe(flagged('fewer than 3 insured staff') ? 'fail' : 'unknown');
      expect(status.legal_person, row.name).toBe('pass'); // 91… enterprises, division 14…
      expect(status.registered_1y, row.name).toBe('pass'); // every imported company was founded before 2025-11-27
      const anyFail = ['registered capital below 1,000,000 yuan', 'office area below 50 m2', 'fewer than 3 insured staff'].some(flagged);
      expect(a.overall, row.name).toBe(anyFail ? 'fail' : 'unknown');
    }
  });

  it('"registered ≥ 1 year" fails for a young company and can be switched off in settings', async () => {
    const ctx = testContext('2025-06-01T02:00:00.000Z');
    const idOf = await importRegister(ctx);
    const young = IMPORTED.find((r) => r.founded === '2024-12-10')!;
    let a = await ok(ctx, 'eligibility.get', { clientId: idOf(young) });
    expect(a.results.find((r) => r.key === 'registered_1y')).toMatchObject({ status: 'fail', reasons: [{ code: 'founded_young', params: { founded: '2024-12-10', full: '2025-12-10' } }] });
    await ok(ctx, 'settings.set', { requireOneYear: false });
    a = await ok(ctx, 'eligibility.get', { clientId: idOf(young) });
    expect(a.requireOneYear).toBe(false);
    expect(a.results.find((r) => r.key === 'registered_1y')!.status).toBe('off');
  });

  it('passes overall when every fact is known and good; records each changed fact', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', {
      client: { name: '太原优选网络科技有限公司', uscc: makeUscc(), city: '太原市', capitalYuan: 2_000_000, founded: '2020-01-01', officeAreaM2: 80, insuredStaff: 5, businessScope: '第二类增值电信业务中的信息服务业务（仅限互联网信息服务）' },
    });
    const a = await ok(ctx, 'eligibility.setFacts', { clientId: client.id, facts: FULL_FACTS });
    expect(a.overall).toBe('pass');
    expect(a.results.every((r) => r.status === 'pass')).toBe(true);
    const events = (await ok(ctx, 'clients.timeline', { id: client.id })).filter((e) => e.kind === 'facts.update');
    expect(events.map((e) => e.subject).sort()).toEqual(Object.keys(FULL_FACTS).sort());
    expect(events.find((e) => e.subject === 'fireFiling')).toMatchObject({ oldValue: null, newValue: '是' });
  });

  it('fails an individual business (92…), a branch, and cross-province capital below 10,000,000', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', { client: { name: '太原某某网络科技有限公司分公司', uscc: makeUscc(), city: '太原市', capitalYuan: 2_000_000 } });
    let a = await ok(ctx, 'eligibility.setFacts', { clientId: client.id, facts: { crossProvince: true } });
    expect(a.results.find((r) => r.key === 'legal_person')!.reasons[0]).toMatchObject({ code: 'entity_branch', status: 'fail' });
    expect(a.results.find((r) => r.key === 'capital')!.reasons[0]).toMatchObject({ code: 'capital_low', params: { min: 10_000_000 } });
    a = await ok(ctx, 'eligibility.setFacts', { clientId: client.id, facts: { entityType: 'individual' } });
    expect(a.results.find((r) => r.key === 'legal_person')!.reasons[0].code).toBe('entity_individual');
  });

  it('shows the pitfalls the data reveals: scope beyond the licence, a lease address that differs, renewal, paper-only security', async () => {
    const ctx = testContext();
    const { client } = await ok(ctx, 'clients.create', { client: { name: '太原晋商电子商务有限公司', uscc: makeUscc(), city: '太原市', address: '山西省太原市小店区长治路100号' } });
    await ok(ctx, 'licence.set', { clientId: client.id, number: '晋B2-20220101', issuedOn: '2022-03-01', expiresOn: '2027-03-01', scope: '信息服务业务（仅限互联网信息服务）：电子商务平台' });
    const c03 = (await ok(ctx, 'materials.list', { clientId: client.id })).find((m) => m.itemKey === 'C03')!;
    await ok(ctx, 'materials.setStatus', { id: c03.id, status: 'received' });
    const a = await ok(ctx, 'eligibility.setFacts', {
      clientId: client.id,
      facts: { platformBusiness: '电商平台，并为商户提供小额贷款与理财产品推荐', leaseAddress: '太原市迎泽区迎泽大街1号', secEncryption: false },
    });
    expect(a.pitfalls.map((p) => `${p.key}:${p.code}`)).toEqual([
      'beyond_scope:beyond_licence', 'forged_materials:lease_address_differs', 'renewal:renewal_warn', 'paper_security:policy_without_encryption',
    ]);
    expect(a.pitfalls[0].params).toMatchObject({ risk: 'finance', word: '贷款' });
    const same = await ok(ctx, 'eligibility.setFacts', { clientId: client.id, facts: { leaseAddress: '太原市小店区长治路100号', secEncryption: true } });
    expect(same.pitfalls.map((p) => p.key)).toEqual(['renewal']);
  });
});
