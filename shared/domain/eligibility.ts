/**
 * The eligibility assessment (资质评估表, spec §3) and the four pitfalls (spec §8), as data plus one pure evaluator.
 * Each condition evaluates to pass / fail / unknown (missing data is unknown, never pass) with coded reasons the UI
 * translates (i18n `eligibility.reason.<code>` with `params`); condition 2 can be switched off ('off').
 */
import { addYears } from './calendar';
import type { RenewalState } from './licence';

export type Tri = boolean | null;
/** The legal form written on the licence: from the USCC unless the user corrects it. */
export const ENTITY_TYPES = ['enterprise', 'branch', 'individual', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * Eligibility inputs that the client register does not hold (stored per client in `client_facts`). Every yes/no is
 * null until someone checked it. `violations2y` / `abnormalList` are true when the company HAS a violation / IS listed.
 * Staff roles are true when the role is held by a dedicated employee with last month's Shanxi social insurance.
 */
export interface EligibilityFacts {
  entityType: EntityType | null;
  crossProvince: boolean;
  fireFiling: Tri;
  hasComputers: Tri;
  hasServer: Tri;
  hasFirewall: Tri;
  staffTechLead: Tri;
  staffCustomerService: Tri;
  staffSecurity: Tri;
  secEncryption: Tri;
  secFirewallIds: Tri;
  secPrivacy: Tri;
  operationRules: Tri;
  violations2y: Tri;
  abnormalList: Tri;
  creditCheckedOn: string | null;
  /** What the platform actually does, as described by the client (compared with the licensed scope, pitfall 1). */
  platformBusiness: string | null;
  /** The address on the office lease (compared with the registered address, pitfall 2). */
  leaseAddress: string | null;
}

export const TRI_FACT_KEYS = [
  'fireFiling', 'hasComputers', 'hasServer', 'hasFirewall', 'staffTechLead', 'staffCustomerService', 'staffSecurity',
  'secEncryption', 'secFirewallIds', 'secPrivacy', 'operationRules', 'violations2y', 'abnormalList',
] as const satisfies readonly (keyof EligibilityFacts)[];

export const EMPTY_FACTS: EligibilityFacts = {
  entityType: null, crossProvince: false, fireFiling: null, hasComputers: null, hasServer: null, hasFirewall: null,
  staffTechLead: null, staffCustomerService: null, staffSecurity: null, secEncryption: null, secFirewallIds: null,
  secPrivacy: null, operationRules: null, violations2y: null, abnormalList: null, creditCheckedOn: null,
  platformBusiness: null, leaseAddress: null,
};

/** Thresholds of spec §3, with their source. *Rule*. */
export const ELIGIBILITY_LIMITS = {
  capitalProvinceYuan: 1_000_000,
  capitalCrossProvinceYuan: 10_000_000,
  minOfficeAreaM2: 50,
  minStaff: 3,
  minRegisteredYears: 1,
  /** Words in 经营范围 that show the telecom business (condition 3). */
  scopeWords: ['增值电信业务', '互联网信息服务', '第二类增值电信业务', '信息服务业务'],
} as const;

export const CONDITION_KEYS = ['legal_person', 'registered_1y', 'scope', 'capital', 'premises', 'staff', 'security', 'compliance'] as const;
export type ConditionKey = (typeof CONDITION_KEYS)[number];

/** The conditions of spec §3, in order, with titles and their public sources (agency practice named as such). */
export const ELIGIBILITY_CONDITIONS: ReadonlyArray<{ key: ConditionKey; no: number; zh: string; en: string; sourceZh: string }> = [
  { key: 'legal_person', no: 1, zh: '山西省内注册的企业法人（个体工商户不可）', en: 'Enterprise legal person registered in Shanxi (no individual businesses)', sourceZh: '《电信业务经营许可管理办法》（工业和信息化部令第42号）：经营者为依法设立的公司' },
  { key: 'registered_1y', no: 2, zh: '成立满1年', en: 'Registered for at least 1 year', sourceZh: '本机构做法（山西），非全国性规定，可在设置中关闭' },
  { key: 'scope', no: 3, zh: '经营范围含增值电信业务 / 互联网信息服务', en: 'Business scope includes value-added telecom / internet information services', sourceZh: '本机构做法：经营范围须含增值电信业务 / 互联网信息服务' },
  { key: 'capital', no: 4, zh: '注册资本≥100万元（跨省≥1000万元，认缴可）', en: 'Registered capital ≥ 1,000,000 yuan (10,000,000 cross-province; subscribed counts)', sourceZh: '《电信业务经营许可管理办法》（工业和信息化部令第42号）：省内经营注册资本最低100万元，跨省1000万元' },
  { key: 'premises', no: 5, zh: '固定办公场所≥50㎡、消防备案、基础设备（电脑、服务器、防火墙）', en: 'Fixed office ≥ 50 m², fire-safety filing, equipment (computers, server, firewall)', sourceZh: '《电信业务经营许可管理办法》（工业和信息化部令第42号）：有必要的场地、设施；面积与设备要求为本机构做法' },
  { key: 'staff', no: 6, zh: '≥3名专职人员（技术负责人、客服专员、信息安全专员），有山西社保', en: '≥ 3 dedicated staff (technical lead, customer service, security officer) with Shanxi social insurance', sourceZh: '《电信业务经营许可管理办法》（工业和信息化部令第42号）：有与经营活动相适应的专业人员；岗位与社保要求为本机构做法' },
  { key: 'security', no: 7, zh: '信息安全管理制度（加密存储、防火墙/入侵检测、隐私保护）与业务运营规范', en: 'Information-security system (encryption, firewall/IDS, privacy) and business operation rules', sourceZh: '《电信业务经营许可管理办法》（工业和信息化部令第42号）：有健全的网络与信息安全保障措施' },
  { key: 'compliance', no: 8, zh: '近2年无电信违规，未列入经营异常名录', en: 'No telecom violation in 2 years; not on the abnormal-operations list', sourceZh: '《电信业务经营许可管理办法》（工业和信息化部令第42号）：近年无违反电信监督管理制度的违法记录；国家企业信用信息公示系统' },
];

export type ConditionStatus = 'pass' | 'fail' | 'unknown' | 'off';
/** A coded reason: the UI shows `eligibility.reason.<code>` with `params`. */
export interface Reason {
  code: string;
  params?: Record<string, string | number>;
  status: 'pass' | 'fail' | 'unknown' | 'off';
  /** Where the fact came from, when not the eligibility form itself. */
  source?: FactSource;
}
export interface ConditionResult {
  key: ConditionKey;
  status: ConditionStatus;
  reasons: Reason[];
}

/** Business that the B25 information-service licence does not cover or that needs its own approval (pitfall 1). */
export const SCOPE_RISKS: ReadonlyArray<{ key: string; zh: string; en: string; words: readonly string[] }> = [
  { key: 'finance', zh: '金融信息服务（支付、借贷、理财等）', en: 'financial information services (payments, lending, wealth management)', words: ['金融', '支付', '借贷', '贷款', '理财', '证券', '基金', '保险'] },
  { key: 'news', zh: '互联网新闻信息服务', en: 'internet news services', words: ['新闻'] },
  { key: 'publishing', zh: '网络出版', en: 'online publishing', words: ['出版'] },
  { key: 'av', zh: '网络视听 / 直播', en: 'online audio-visual / live streaming', words: ['视听', '直播'] },
  { key: 'medical', zh: '医疗、药品信息服务', en: 'medical / drug information', words: ['医疗', '药品', '医药'] },
  { key: 'games', zh: '网络游戏', en: 'online games', words: ['游戏'] },
  { key: 'b21', zh: '在线数据处理与交易处理（B21）', en: 'online data and transaction processing (B21)', words: ['在线数据处理', '交易处理', 'B21'] },
];

export type PitfallKey = 'beyond_scope' | 'forged_materials' | 'renewal' | 'paper_security';
/** A pitfall warning (spec §8) the data shows; coded for i18n like {@link Reason}. */
export interface Pitfall {
  key: PitfallKey;
  code: string;
  params?: Record<string, string | number>;
}

/** What the evaluator reads from the client register. */
export interface EligibilityClient {
  name: string;
  uscc: string;
  founded: string | null;
  businessScope: string | null;
  capitalYuan: number | null;
  officeAreaM2: number | null;
  insuredStaff: number | null;
  address: string | null;
}

/**
 * Where an established fact comes from: the latest site inspection (its date), a material on the checklist (its key,
 * title and the effective date of its status), the register, or the eligibility form. The UI shows it next to the
 * reason ("来自现场核查 2026-09-30").
 */
export interface FactSource {
  kind: 'inspection' | 'material' | 'register' | 'form';
  date: string | null;
  itemKey?: string;
  title?: string;
}

/**
 * Facts other records already establish (issue 12): the latest inspection's measured office area (m²), and fire filing,
 * the three staff roles and the social-insurance proof when an inspection or the materials checklist shows them.
 * A null entry means nothing establishes it; only positive evidence is recorded.
 */
export interface EligibilityEvidence {
  measuredArea: { m2: number; source: FactSource } | null;
  fireFiling: FactSource | null;
  staffTechLead: FactSource | null;
  staffCustomerService: FactSource | null;
  staffSecurity: FactSource | null;
  socialInsurance: FactSource | null;
}

export const NO_EVIDENCE: EligibilityEvidence = {
  measuredArea: null, fireFiling: null, staffTechLead: null, staffCustomerService: null, staffSecurity: null, socialInsurance: null,
};

/** *Rule*: declared and measured office areas "differ" when they are more than this share of the declared area apart. */
export const AREA_MISMATCH_SHARE = 0.1;

/**
 * The declared (register) vs measured (latest inspection) office area, m², when they are more than
 * {@link AREA_MISMATCH_SHARE} of the declared area apart (80 declared, 45 measured → mismatch); else null.
 */
export function areaMismatch(declaredM2: number | null, measured: EligibilityEvidence['measuredArea']): { declaredM2: number; measuredM2: number; measuredOn: string | null } | null {
  if (declaredM2 === null || !measured) return null;
  const apart = Math.abs(declaredM2 - measured.m2);
  return apart > declaredM2 * AREA_MISMATCH_SHARE ? { declaredM2, measuredM2: measured.m2, measuredOn: measured.source.date } : null;
}

export interface EligibilityInput {
  client: EligibilityClient;
  /** Facts established elsewhere (inspection, materials); defaults to none. */
  evidence?: EligibilityEvidence;
  facts: EligibilityFacts;
  requireOneYear: boolean;
  today: string;
  licence: { scope: string | null } | null;
  renewalState: RenewalState | null;
  /** Material C03 信息安全管理制度 has been received (or is further along). */
  securityPolicyOnFile: boolean;
}

export interface EligibilityAssessment {
  overall: 'pass' | 'fail' | 'unknown';
  results: ConditionResult[];
  pitfalls: Pitfall[];
}

/** The legal form from a USCC: chars 1–2 are the registering authority and kind (91 enterprise, 92 individual business). */
export function entityTypeOfUscc(uscc: string, name: string): EntityType | null {
  if (!/^[0-9A-Z]{18}$/.test(uscc)) return null;
  if (uscc.startsWith('92')) return 'individual';
  if (!uscc.startsWith('91')) return 'other';
  return /分公司|分店|分部|办事处/.test(name) ? 'branch' : 'enterprise';
}

const combine = (reasons: Reason[]): ConditionStatus =>
  reasons.some((r) => r.status === 'fail') ? 'fail' : reasons.some((r) => r.status === 'unknown') ? 'unknown' : 'pass';

/** Yes/no fact → reason: `good` is the value that passes (false for violations / abnormal list). */
function tri(code: string, v: Tri, good = true): Reason {
  if (v === null) return { code: `${code}_unknown`, status: 'unknown' };
  return v === good ? { code: `${code}_ok`, status: 'pass' } : { code: `${code}_bad`, status: 'fail' };
}

/**
 * A yes/no fact that other records may establish: the form's answer when the consultant gave one, else the
 * evidence (pass, with its source), else unknown.
 */
function established(code: string, v: Tri, evidence: FactSource | null): Reason {
  if (v === null && evidence) return { code: `${code}_ok`, status: 'pass', source: evidence };
  return tri(code, v);
}

function legalPerson(c: EligibilityClient, f: EligibilityFacts): Reason[] {
  const type = f.entityType ?? entityTypeOfUscc(c.uscc, c.name);
  const reasons: Reason[] = [];
  if (type === null) reasons.push({ code: 'entity_unknown', status: 'unknown' });
  else if (type === 'enterprise') reasons.push({ code: 'entity_enterprise', status: 'pass' });
  else reasons.push({ code: `entity_${type}`, status: 'fail', params: { prefix: c.uscc.slice(0, 2) } });
  const division = /^[0-9A-Z]{2}(\d{6})/.exec(c.uscc)?.[1] ?? null;
  if (!division) reasons.push({ code: 'province_unknown', status: 'unknown' });
  else if (division.startsWith('14')) reasons.push({ code: 'province_shanxi', status: 'pass', params: { division } });
  else reasons.push({ code: 'province_outside', status: 'fail', params: { division } });
  return reasons;
}

function evaluate(key: ConditionKey, i: EligibilityInput): Reason[] {
  const { client: c, facts: f, today } = i;
  const ev = i.evidence ?? NO_EVIDENCE;
  const L = ELIGIBILITY_LIMITS;
  switch (key) {
    case 'legal_person':
      return legalPerson(c, f);
    case 'registered_1y': {
      if (!i.requireOneYear) return [{ code: 'one_year_off', status: 'off' }];
      if (!c.founded) return [{ code: 'founded_unknown', status: 'unknown' }];
      const full = addYears(c.founded, L.minRegisteredYears);
      return [full <= today ? { code: 'founded_ok', status: 'pass', params: { founded: c.founded } } : { code: 'founded_young', status: 'fail', params: { founded: c.founded, full } }];
    }
    case 'scope': {
      const s = c.businessScope?.trim();
      if (!s) return [{ code: 'scope_unknown', status: 'unknown' }];
      const word = L.scopeWords.find((w) => s.includes(w));
      return [word ? { code: 'scope_ok', status: 'pass', params: { word } } : { code: 'scope_missing', status: 'fail' }];
    }
    case 'capital': {
      const min = f.crossProvince ? L.capitalCrossProvinceYuan : L.capitalProvinceYuan;
      if (c.capitalYuan === null) return [{ code: 'capital_unknown', status: 'unknown', params: { min } }];
      return [{ code: c.capitalYuan >= min ? 'capital_ok' : 'capital_low', status: c.capitalYuan >= min ? 'pass' : 'fail', params: { capital: c.capitalYuan, min } }];
    }
    case 'premises': {
      // The latest inspection's measured area overrides the declared one (issue 12).
      const m = ev.measuredArea;
      const value = m ? m.m2 : c.officeAreaM2;
      const source: FactSource | undefined = m ? m.source : c.officeAreaM2 === null ? undefined : { kind: 'register', date: null };
      const area: Reason = value === null
        ? { code: 'area_unknown', status: 'unknown', params: { min: L.minOfficeAreaM2 } }
        : { code: value >= L.minOfficeAreaM2 ? 'area_ok' : 'area_low', status: value >= L.minOfficeAreaM2 ? 'pass' : 'fail', params: { area: value, min: L.minOfficeAreaM2 }, ...(source ? { source } : {}) };
      return [area, established('fire', f.fireFiling, ev.fireFiling), tri('computers', f.hasComputers), tri('server', f.hasServer), tri('firewall', f.hasFirewall)];
    }
    case 'staff': {
      const n: Reason = c.insuredStaff === null
        ? { code: 'staff_unknown', status: 'unknown', params: { min: L.minStaff } }
        : { code: c.insuredStaff >= L.minStaff ? 'staff_ok' : 'staff_low', status: c.insuredStaff >= L.minStaff ? 'pass' : 'fail', params: { n: c.insuredStaff, min: L.minStaff } };
      const out = [n, established('tech_lead', f.staffTechLead, ev.staffTechLead), established('customer_service', f.staffCustomerService, ev.staffCustomerService), established('security_officer', f.staffSecurity, ev.staffSecurity)];
      if (ev.socialInsurance) out.push({ code: 'social_insurance_ok', status: 'pass', source: ev.socialInsurance });
      return out;
    }
    case 'security':
      return [tri('encryption', f.secEncryption), tri('firewall_ids', f.secFirewallIds), tri('privacy', f.secPrivacy), tri('operation_rules', f.operationRules)];
    case 'compliance':
      return [tri('violations', f.violations2y, false), tri('abnormal', f.abnormalList, false)];
  }
}

/** Normalises an address for comparison: no spaces or punctuation, no leading 山西省. */
function addressKey(s: string): string {
  return s.replace(/[\s,，.。、()（）#-]/g, '').replace(/^山西省?/, '');
}

function pitfalls(i: EligibilityInput): Pitfall[] {
  const out: Pitfall[] = [];
  const business = i.facts.platformBusiness?.trim();
  if (business) {
    const against = i.licence ? (i.licence.scope ?? '') : (i.client.businessScope ?? '');
    for (const r of SCOPE_RISKS) {
      const word = r.words.find((w) => business.includes(w));
      if (word && !r.words.some((w) => against.includes(w))) {
        out.push({ key: 'beyond_scope', code: i.licence ? 'beyond_licence' : 'beyond_b25', params: { risk: r.key, word } });
      }
    }
  }
  const lease = i.facts.leaseAddress?.trim();
  const reg = i.client.address?.trim();
  if (lease && reg) {
    const a = addressKey(lease);
    const b = addressKey(reg);
    if (!a.includes(b) && !b.includes(a)) out.push({ key: 'forged_materials', code: 'lease_address_differs', params: { lease, address: reg } });
  }
  if (i.renewalState === 'warn' || i.renewalState === 'alarm' || i.renewalState === 'expired') {
    out.push({ key: 'renewal', code: `renewal_${i.renewalState}` });
  }
  if (i.securityPolicyOnFile && i.facts.secEncryption !== true) out.push({ key: 'paper_security', code: 'policy_without_encryption' });
  return out;
}

/**
 * Evaluates every condition of spec §3 and the pitfalls of spec §8 for one client.
 * `overall` is fail if any condition fails, else unknown if any is unknown, else pass ('off' counts as pass).
 */
export function assessEligibility(i: EligibilityInput): EligibilityAssessment {
  const results = CONDITION_KEYS.map((key): ConditionResult => {
    const reasons = evaluate(key, i);
    const status: ConditionStatus = reasons.every((r) => r.status === 'off') ? 'off' : combine(reasons);
    return { key, status, reasons };
  });
  const overall = results.some((r) => r.status === 'fail') ? 'fail' : results.some((r) => r.status === 'unknown') ? 'unknown' : 'pass';
  return { overall, results, pitfalls: pitfalls(i) };
}
