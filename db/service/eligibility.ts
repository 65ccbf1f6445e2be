/**
 * The eligibility assessment of one client (资质评估, spec §3) with the pitfall warnings (spec §8): reads the client,
 * its eligibility facts (client_facts), the facts its inspections and materials establish (eligibility-evidence.ts —
 * the measured area overrides the declared one), the rule settings, its licence and its security-policy material, and applies
 * shared/domain/eligibility.ts. Missing data is "unknown", never "pass".
 */
import type { Out, Parsed } from '../../shared/contract';
import { areaMismatch, assessEligibility, EMPTY_FACTS, entityTypeOfUscc, TRI_FACT_KEYS, type EligibilityFacts } from '../../shared/domain/eligibility';
import { renewalStatus } from '../../shared/domain/licence';
import { chinaToday } from '../../shared/domain/weeks';
import type { ServiceContext } from './context';
import { stmt } from './stmt';
import { getClient } from './clients';
import { loadCalendar } from './calendar';
import { eligibilityEvidence } from './eligibility-evidence';
import { recordEvent } from './events';
import { findLicence } from './licences';
import { toEligibilityFacts } from './rows';
import { getRuleSettings } from './settings';
import { writeTransaction } from '../tx';

/** The material whose presence means the security policy exists on paper (spec §4 C03 信息安全管理制度). */
export const SECURITY_POLICY_ITEM = 'C03';

const COLUMN: Record<keyof EligibilityFacts, string> = {
  entityType: 'entity_type', crossProvince: 'cross_province', fireFiling: 'fire_filing', hasComputers: 'has_computers',
  hasServer: 'has_server', hasFirewall: 'has_firewall', staffTechLead: 'staff_tech_lead', staffCustomerService: 'staff_customer_service',
  staffSecurity: 'staff_security', secEncryption: 'sec_encryption', secFirewallIds: 'sec_firewall_ids', secPrivacy: 'sec_privacy',
  operationRules: 'operation_rules', violations2y: 'violations_2y', abnormalList: 'abnormal_list', creditCheckedOn: 'credit_checked_on',
  platformBusiness: 'platform_business', leaseAddress: 'lease_address',
};
const FACT_KEYS = Object.keys(COLUMN) as Array<keyof EligibilityFacts>;

function readFacts(ctx: ServiceContext, clientId: number): { facts: EligibilityFacts; updatedAt: string | null } {
  const r = stmt(ctx.db, 'SELECT * FROM client_facts WHERE client_id = ?').get(clientId) as Record<string, unknown> | undefined;
  return r ? { facts: toEligibilityFacts(r), updatedAt: r.updated_at as string } : { facts: { ...EMPTY_FACTS }, updatedAt: null };
}

const toSql = (k: keyof EligibilityFacts, v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null)) as string | number | null;

export function getEligibility(ctx: ServiceContext, input: Parsed<'eligibility.get'>): Out<'eligibility.get'> {
  const client = getClient(ctx, input.clientId);
  const today = input.today ?? chinaToday(ctx.now());
  const { facts, updatedAt } = readFacts(ctx, input.clientId);
  const settings = getRuleSettings(ctx);
  const licence = findLicence(ctx, input.clientId);
  const policy = stmt(ctx.db, "SELECT status FROM materials WHERE client_id = ? AND item_key = ?").get(input.clientId, SECURITY_POLICY_ITEM) as { status: string } | undefined;
  const evidence = eligibilityEvidence(ctx, input.clientId);
  const a = assessEligibility({
    client, facts, today, evidence, requireOneYear: settings.requireOneYear,
    licence: licence ? { scope: licence.scope } : null,
    renewalState: licence ? renewalStatus(licence.expiresOn, licence.renewalAppliedOn, loadCalendar(ctx), today).state : null,
    securityPolicyOnFile: !!policy && policy.status !== 'missing',
  });
  return {
    clientId: input.clientId, today, entityFromUscc: entityTypeOfUscc(client.uscc, client.name), facts, factsUpdatedAt: updatedAt,
    requireOneYear: settings.requireOneYear, ...a,
    areaMismatch: areaMismatch(client.officeAreaM2, evidence.measuredArea),
  };
}

/** Saves every fact of the client (the whole form) and records one 'facts.update' event per changed fact. */
export function setEligibilityFacts(ctx: ServiceContext, input: Parsed<'eligibility.setFacts'>): Out<'eligibility.setFacts'> {
  return writeTransaction(ctx.db, () => {
    getClient(ctx, input.clientId);
    const before = readFacts(ctx, input.clientId).facts;
    const cols = FACT_KEYS.map((k) => COLUMN[k]);
    stmt(ctx.db,
        `INSERT INTO client_facts (client_id, ${cols.join(', ')}, updated_at) VALUES (?, ${cols.map(() => '?').join(', ')}, ?)
         ON CONFLICT(client_id) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at`,
      )
      .run(input.clientId, ...FACT_KEYS.map((k) => toSql(k, input.facts[k])), ctx.now().toISOString());
    for (const k of FACT_KEYS) {
      const o = before[k];
      const n = input.facts[k];
      if (o !== n) {
        const text = (v: unknown) => (v === null || v === undefined ? null : (TRI_FACT_KEYS as readonly string[]).includes(k) || k === 'crossProvince' ? (v ? '是' : '否') : String(v));
        recordEvent(ctx, { clientId: input.clientId, kind: 'facts.update', subject: k, oldValue: text(o), newValue: text(n) });
      }
    }
    return getEligibility(ctx, { clientId: input.clientId, today: input.today });
  });
}
