/**
 * Site inspection (现场核查, spec §6) preparation rules as data: the five checklist sections, the default checklist
 * template (copied into the `inspection_template` table by migration 0030; the user edits that table), the office
 * area minimum used to flag a measured area, the attendee roles, the outcomes, the readiness figure and the expected
 * licence issue date after a passed inspection (spec §5: within 5 working days).
 */
import { BUILTIN_HOLIDAY_YEARS, createWorkCalendar, type HolidayYear } from './calendar';

/** Checklist sections in print order (spec §6: 场地 / 设备 / 人员 / 制度落地 / 材料). */
export const INSPECTION_SECTIONS = [
  { key: 'premises', zh: '场地', en: 'Premises' },
  { key: 'equipment', zh: '设备', en: 'Equipment' },
  { key: 'staff', zh: '人员', en: 'Staff' },
  { key: 'practice', zh: '制度落地', en: 'Policies in practice' },
  { key: 'materials', zh: '材料', en: 'Materials' },
] as const;
export type InspectionSection = (typeof INSPECTION_SECTIONS)[number]['key'];
export const INSPECTION_SECTION_KEYS = INSPECTION_SECTIONS.map((s) => s.key) as unknown as readonly [InspectionSection, ...InspectionSection[]];

/**
 * What evidence an item records besides its tick and note: 'none', or 'area_m2' (the measured office area in m²,
 * checked against {@link MIN_OFFICE_AREA}).
 */
export const EVIDENCE_KINDS = ['none', 'area_m2'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * *Rule*: the minimum fixed office area, m². A measured area below it is flagged red on the checklist and the
 * prep sheet, and the item does not count as ready. Source: spec §3 condition 5 (固定办公场所 ≥ 50 m²).
 */
export const MIN_OFFICE_AREA = { valueM2: 50, source: '资质条件第5条：固定办公场所面积不少于50平方米' } as const;

/** True when a measured area (m²) is below {@link MIN_OFFICE_AREA}; false for null (not measured yet). */
export function areaBelowMinimum(areaM2: number | null | undefined, minM2: number = MIN_OFFICE_AREA.valueM2): boolean {
  return typeof areaM2 === 'number' && areaM2 < minM2;
}

/** One template item: `key` is stable and copied onto each inspection's item; `text` is what the sheet prints. */
export interface InspectionTemplateItem {
  key: string;
  section: InspectionSection;
  text: string;
  /** The English text, shown in the English UI while an item keeps the default Chinese text for its key. */
  en: string;
  evidence: EvidenceKind;
}

/** The default checklist template (spec §6), 14 items. Texts stay short enough to print on one line of the sheet. */
export const DEFAULT_INSPECTION_TEMPLATE: readonly InspectionTemplateItem[] = [
  { key: 'P01', section: 'premises', text: '办公面积达到最低要求（现场实测）', en: 'Office area meets the minimum (measured on site)', evidence: 'area_m2' },
  { key: 'P02', section: 'premises', text: '办公地址与租赁合同一致', en: 'Office address matches the lease', evidence: 'none' },
  { key: 'P03', section: 'premises', text: '场地消防备案证明在手', en: 'Fire-safety filing certificate on hand', evidence: 'none' },
  { key: 'E01', section: 'equipment', text: '电脑到位，与提交的设备清单一致', en: 'Computers in place, matching the submitted equipment list', evidence: 'none' },
  { key: 'E02', section: 'equipment', text: '服务器到位，与提交的设备清单一致', en: 'Servers in place, matching the submitted equipment list', evidence: 'none' },
  { key: 'E03', section: 'equipment', text: '防火墙到位，与提交的设备清单一致', en: 'Firewall in place, matching the submitted equipment list', evidence: 'none' },
  { key: 'S01', section: 'staff', text: '技术负责人当天到场', en: 'Technical lead present on the day', evidence: 'none' },
  { key: 'S02', section: 'staff', text: '客服专员当天到场', en: 'Customer-service officer present on the day', evidence: 'none' },
  { key: 'S03', section: 'staff', text: '信息安全专员当天到场', en: 'Information-security officer present on the day', evidence: 'none' },
  { key: 'R01', section: 'practice', text: '现场演示数据加密流程（如AES-256）', en: 'Live demonstration of the data-encryption flow (e.g. AES-256)', evidence: 'none' },
  { key: 'R02', section: 'practice', text: '防火墙/入侵检测系统运行中', en: 'Firewall / intrusion detection running', evidence: 'none' },
  { key: 'R03', section: 'practice', text: '投诉处理流程可演示', en: 'Complaint-handling flow can be demonstrated', evidence: 'none' },
  { key: 'M01', section: 'materials', text: '所有已提交复印件的原件，按清单顺序排列', en: 'Originals of every submitted copy, in the order of the list', evidence: 'none' },
  { key: 'M02', section: 'materials', text: '设备清单现场展示', en: 'Equipment list on display', evidence: 'none' },
];

/**
 * The English text of an inspection checklist item while it still carries the default template's Chinese text for its
 * key (template items and each inspection's copies); null for an edited or user-added item.
 * @example inspectionItemEn('P02', '办公地址与租赁合同一致') → 'Office address matches the lease'
 */
export function inspectionItemEn(templateKey: string | null | undefined, text: string): string | null {
  return DEFAULT_INSPECTION_TEMPLATE.find((x) => x.key === templateKey && x.text === text)?.en ?? null;
}

/** Roles of the company's people attending (spec §3 condition 6 / §6 人员), plus 'other'. */
export const ATTENDEE_ROLES = [
  { key: 'tech_lead', zh: '技术负责人', en: 'Technical lead' },
  { key: 'customer_service', zh: '客服专员', en: 'Customer service' },
  { key: 'security_officer', zh: '信息安全专员', en: 'Information-security officer' },
  { key: 'other', zh: '其他人员', en: 'Other' },
] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number]['key'];
/** The Chinese name of attendee role `key` (技术负责人 …); an unknown key as it is. */
/** The English name of an attendee role (the key itself when unknown). */
export const attendeeRoleEn = (key: string): string => ATTENDEE_ROLES.find((r) => r.key === key)?.en ?? key;
export const attendeeRoleZh = (key: string): string => ATTENDEE_ROLES.find((r) => r.key === key)?.zh ?? key;
/** An attendee as reports name them: 张伟（技术负责人）. */
export const attendeeWithRole = (a: { role: string; name: string }): string => `${a.name}（${attendeeRoleZh(a.role)}）`;
/** Roles the authority expects to meet at the site inspection (spec §3 condition 6, §6 人员): reports name the missing ones. */
export const INSPECTION_REQUIRED_ROLES: readonly AttendeeRole[] = ['tech_lead', 'customer_service', 'security_officer'];
export const ATTENDEE_ROLE_KEYS = ATTENDEE_ROLES.map((r) => r.key) as unknown as readonly [AttendeeRole, ...AttendeeRole[]];

/** Recorded result of an inspection; an inspection without one is still scheduled. */
export const INSPECTION_OUTCOMES = [
  { key: 'passed', zh: '通过', en: 'Passed' },
  { key: 'issues', zh: '发现问题', en: 'Issues found' },
  { key: 'postponed', zh: '延期', en: 'Postponed' },
] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number]['key'];
export const INSPECTION_OUTCOME_KEYS = INSPECTION_OUTCOMES.map((o) => o.key) as unknown as readonly [InspectionOutcome, ...InspectionOutcome[]];

/** The checklist fields readiness depends on. */
export interface ReadinessItem {
  id: number;
  text: string;
  checked: boolean;
  evidence: EvidenceKind;
  measuredAreaM2: number | null;
}

/**
 * Why an item is still open: 'unchecked' (no tick), or 'area_low' (ticked, but the measured area is below
 * {@link MIN_OFFICE_AREA}).
 */
export type OpenReason = 'unchecked' | 'area_low';

/** Readiness of one checklist: done/total, percent (floor, so 100 only when every item is done), open items in order. */
export interface Readiness {
  done: number;
  total: number;
  percent: number;
  open: Array<{ id: number; text: string; reason: OpenReason }>;
}

/** Whether an item is flagged red: an 'area_m2' item whose measured area is below the minimum. */
export function itemFlagged(i: Pick<ReadinessItem, 'evidence' | 'measuredAreaM2'>): boolean {
  return i.evidence === 'area_m2' && areaBelowMinimum(i.measuredAreaM2);
}

/**
 * Readiness of a checklist: an item is done when ticked and not flagged ({@link itemFlagged}). An empty checklist
 * is 0% (nothing to show ready). `percent` = floor(done × 100 / total).
 */
export function readiness(items: readonly ReadinessItem[]): Readiness {
  const open: Readiness['open'] = [];
  for (const i of items) {
    if (!i.checked) open.push({ id: i.id, text: i.text, reason: 'unchecked' });
    else if (itemFlagged(i)) open.push({ id: i.id, text: i.text, reason: 'area_low' });
  }
  const total = items.length;
  const done = total - open.length;
  return { done, total, percent: total ? Math.floor((done * 100) / total) : 0, open };
}

/** *Rule*: the licence is issued within this many working days after a passed inspection (spec §5, stage 6). */
export const ISSUE_AFTER_PASS = { workingDays: 5, source: '本机构公布的《经营性ICP许可证办理流程》页面：核查通过后5个工作日内发证（办理实践时限）' } as const;

/**
 * The expected licence issue date after an inspection passed on `date` ('YYYY-MM-DD'): {@link ISSUE_AFTER_PASS}
 * Chinese working days, counted from the next working day. `missingYears` lists years without holiday data (the date
 * is then an estimate and the UI says so). @throws ParseError on an invalid date
 */
export function expectedIssueDate(date: string, years: HolidayYear[] = BUILTIN_HOLIDAY_YEARS): { date: string; missingYears: number[] } {
  return createWorkCalendar(years).addWorkingDays(date, ISSUE_AFTER_PASS.workingDays);
}
