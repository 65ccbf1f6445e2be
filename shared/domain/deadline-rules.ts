/**
 * Deadline rules (spec §5, §7) as data: what starts each deadline, how long it runs, in which unit, who must act,
 * and the source of the rule. The settings page shows this table; {@link computeDeadline} turns a rule and a start
 * date into a due date with the time left, against a {@link WorkCalendar}.
 *
 * Decision on "correct within 3 days" (spec §5): the spec writes "5 working days" for the authority's review but
 * only "3 days" for the applicant's correction, so the correction window counts CALENDAR days — the literal reading
 * and the earlier (safer) date. Example: a correction requested on Friday 2026-09-18 is due Monday 2026-09-21
 * (counted in working days it would be Tuesday 2026-09-22, because Sunday 2026-09-20 is an adjusted working day).
 * When a calendar-day deadline ends on a day off (e.g. inside the National Day break) the app also names the last
 * working day before it, since the authority's office is closed then.
 */
import { addCalendarDays, addMonths, daysBetween, fromDayNumber, toDayNumber, type WorkCalendar } from './calendar';
import type { StageKey } from './stages';

/** How a rule's `n` counts: Chinese working days, calendar days or calendar months. */
export type DeadlineUnit = 'working_days' | 'calendar_days' | 'months';
/** Who must act by the due date: the licence authority, the applicant (with the agency's help) or the agency itself. */
export type DeadlineParty = 'authority' | 'applicant' | 'agency';

/** One deadline rule. `n` is signed: negative means "before" the start date (renewal before expiry). */
export interface DeadlineRule {
  key: DeadlineRuleKey;
  /** The process stage the deadline belongs to (for grouping). */
  stage: StageKey;
  zh: string;
  en: string;
  /** The date that starts the count. */
  startZh: string;
  startEn: string;
  n: number;
  unit: DeadlineUnit;
  party: DeadlineParty;
  sourceZh: string;
  sourceEn: string;
}

export const DEADLINE_RULE_KEYS = [
  'pre_review', 'correction', 'formal_review', 'formal_review_legal', 'licence_issue', 'material_target',
  'renewal_agency', 'renewal_legal', 'annual_report', 'annual_report_late', 'change_agency', 'change_legal',
] as const;
export type DeadlineRuleKey = (typeof DEADLINE_RULE_KEYS)[number];

/**
 * The 5 / 10 / 5-working-day limits are the agency's practice as published on its own process page, not limits the
 * Shanxi Communications Administration (山西省通信管理局) has published; the legal outer limits come from the
 * regulations below.
 */
const SPEC5_ZH = '本机构公布的《经营性ICP许可证办理流程》页面（办理实践时限，非法定时限）';
const SPEC5_EN = "The agency's published ICP licence process page (practice limits, not legal limits)";
const REG_ZH = '《电信业务经营许可管理办法》（工业和信息化部令第42号）';
const REG_EN = 'Measures for the Administration of Telecom Business Licences (MIIT Order No. 42)';

/** The deadline rules, keyed. *Rule* (spec §5, §7). */
export const DEADLINE_RULES: Readonly<Record<DeadlineRuleKey, DeadlineRule>> = {
  pre_review: {
    key: 'pre_review', stage: 'pre_application', zh: '预申请初审', en: 'Initial review of the pre-application',
    startZh: '线上预申请提交日', startEn: 'online pre-application date', n: 5, unit: 'working_days', party: 'authority',
    sourceZh: `${SPEC5_ZH}：预申请提交后5个工作日内完成初审`, sourceEn: `${SPEC5_EN}: initial review within 5 working days of the pre-application`,
  },
  correction: {
    key: 'correction', stage: 'pre_application', zh: '补正期限', en: 'Correction window',
    startZh: '要求补正之日', startEn: 'date the correction was requested', n: 3, unit: 'calendar_days', party: 'applicant',
    sourceZh: `${SPEC5_ZH}：需补充材料的，3日内补正（按日历日计，取较早日期）`,
    sourceEn: `${SPEC5_EN}: correct within 3 days (counted in calendar days, the earlier date)`,
  },
  formal_review: {
    key: 'formal_review', stage: 'formal_submission', zh: '正式审查', en: 'Formal review',
    startZh: '正式提交日', startEn: 'formal submission date', n: 10, unit: 'working_days', party: 'authority',
    sourceZh: `${SPEC5_ZH}：正式提交后10个工作日内完成审查`, sourceEn: `${SPEC5_EN}: review within 10 working days`,
  },
  formal_review_legal: {
    key: 'formal_review_legal', stage: 'formal_submission', zh: '审查法定上限', en: 'Review: legal outer limit',
    startZh: '正式提交日', startEn: 'formal submission date', n: 60, unit: 'calendar_days', party: 'authority',
    sourceZh: '《中华人民共和国电信条例》第十三条：自收到申请之日起60日内审查完毕',
    sourceEn: 'Telecommunications Regulations of the PRC, art. 13: decision within 60 days of receiving the application',
  },
  licence_issue: {
    key: 'licence_issue', stage: 'issuance', zh: '发证', en: 'Licence issue',
    startZh: '现场核查通过之日', startEn: 'date the site inspection passed', n: 5, unit: 'working_days', party: 'authority',
    sourceZh: `${SPEC5_ZH}：核查通过后5个工作日内发证`, sourceEn: `${SPEC5_EN}: licence issued within 5 working days of a passed inspection`,
  },
  material_target: {
    key: 'material_target', stage: 'materials', zh: '材料内部目标', en: 'Material: internal target',
    startZh: '材料项上设定的截止日期', startEn: 'due date set on the material item', n: 0, unit: 'calendar_days', party: 'agency',
    sourceZh: '本机构内部目标（按客户、按材料项设定）', sourceEn: "The agency's internal target, set per client and item",
  },
  renewal_agency: {
    key: 'renewal_agency', stage: 'aftercare', zh: '续期提醒（机构）', en: 'Renewal reminder (agency)',
    startZh: '许可证到期日', startEn: 'licence expiry date', n: -6, unit: 'months', party: 'agency',
    sourceZh: '本机构做法：到期前6个月启动续期', sourceEn: 'Agency practice: start the renewal 6 months before expiry',
  },
  renewal_legal: {
    key: 'renewal_legal', stage: 'aftercare', zh: '续期申请法定期限', en: 'Renewal: legal last day to apply',
    startZh: '许可证到期日', startEn: 'licence expiry date', n: -90, unit: 'calendar_days', party: 'applicant',
    sourceZh: `${REG_ZH}：有效期届满需继续经营的，应提前90日申请延续`,
    sourceEn: `${REG_EN}: apply for renewal at least 90 days before expiry`,
  },
  annual_report: {
    key: 'annual_report', stage: 'aftercare', zh: '年报', en: 'Annual report',
    startZh: '报告年度最后一日（12-31）', startEn: 'last day of the year reported (12-31)', n: 3, unit: 'months', party: 'applicant',
    sourceZh: `${REG_ZH}：每年1月1日至3月31日报送上一年度年报；从不报送的列入不良名单`,
    sourceEn: `${REG_EN}: file the previous year's report from 1 January to 31 March; companies that never file go on the bad-conduct list`,
  },
  annual_report_late: {
    key: 'annual_report_late', stage: 'aftercare', zh: '年报补报窗口', en: 'Annual report: late window',
    startZh: '报告年度最后一日（12-31）', startEn: 'last day of the year reported (12-31)', n: 4, unit: 'months', party: 'applicant',
    sourceZh: '本机构做法：4月为补报窗口', sourceEn: 'Agency practice: April is the late window',
  },
  change_agency: {
    key: 'change_agency', stage: 'aftercare', zh: '变更备案（机构）', en: 'Change filing (agency)',
    startZh: '变更发生日', startEn: 'date of the change', n: 10, unit: 'calendar_days', party: 'agency',
    sourceZh: '本机构做法：变更后10日内办理', sourceEn: 'Agency practice: file within 10 days of the change',
  },
  change_legal: {
    key: 'change_legal', stage: 'aftercare', zh: '变更备案法定期限', en: 'Change filing: legal limit',
    startZh: '变更发生日', startEn: 'date of the change', n: 30, unit: 'calendar_days', party: 'applicant',
    sourceZh: `${REG_ZH}：变更公司名称、法定代表人等，应在变更之日起30日内办理`,
    sourceEn: `${REG_EN}: file a change of name, legal representative etc. within 30 days`,
  },
};

/** Licence and annual-report constants (spec §7), with their sources. *Rule*. */
export const LICENCE_RULES = {
  validityYears: 5,
  validitySourceZh: `${REG_ZH}：经营许可证有效期为5年`,
  validitySourceEn: `${REG_EN}: a licence is valid for 5 years`,
  /** Renewal: warn when fewer than this many days remain before the legal last day (90 days before expiry). */
  renewalWarnMarginDays: 30,
  renewalWarnSourceZh: '本机构做法：法定期限（到期前90日）前再留30日余量',
  renewalWarnSourceEn: 'Agency practice: 30 days of margin before the legal last day (90 days before expiry)',
  /** The annual report's window opens on this month-day of the filing year (due / late dates: the annual_report rules). */
  annualOpens: '01-01',
  /** Licence number as seen in Shanxi: 晋B2-YYYYNNNN with an optional -N suffix. */
  numberPattern: /^晋B2-(\d{4})(\d{4})(?:-(\d{1,2}))?$/,
  numberExample: '晋B2-20150015、晋B2-20050219-1',
} as const;

/** How urgent a deadline is today: past due, due today, within 3 days, later. */
export type DeadlineLevel = 'overdue' | 'today' | 'soon' | 'later';
/** Days before the due date at which a deadline counts as "soon". */
export const SOON_DAYS = 3;

/**
 * A rule applied to a start date, as of `today`.
 * - `due`: the due date; `remaining`: time left in the rule's unit (working days after today up to and including the
 *   due date for working-day rules, else calendar days); 0 = due today; negative = overdue by that many calendar days;
 * - `missingYears`: years without holiday data the result depends on (show "YYYY年节假日安排未载入");
 * - `dueOff`: for a calendar-day rule whose due date is a day off, the holiday's name ('' for a plain weekend) and the last working
 *   day before it, else null (a calendar-day due date itself never depends on the holiday data, so it adds no
 *   missing year; in a year without data only weekends are known to be off).
 */
export interface DeadlineTiming {
  rule: DeadlineRuleKey;
  start: string;
  due: string;
  remaining: number;
  level: DeadlineLevel;
  missingYears: number[];
  dueOff: { name: string; lastWorkingDay: string } | null;
}

/** The due date of `rule` started on `start` (no "today" involved). @throws ParseError on an invalid date */
export function dueDateOf(rule: DeadlineRule, start: string, cal: WorkCalendar): { due: string; missingYears: number[] } {
  if (rule.unit === 'working_days') {
    const r = cal.addWorkingDays(start, rule.n);
    return { due: r.date, missingYears: r.missingYears };
  }
  if (rule.unit === 'months') return { due: addMonths(start, rule.n), missingYears: [] };
  return { due: addCalendarDays(start, rule.n), missingYears: [] };
}

/** The last working day on or before `date` (searches back at most 60 days; falls back to `date`). */
export function lastWorkingDayOnOrBefore(cal: WorkCalendar, date: string): string {
  const n = toDayNumber(date);
  for (let k = 0; k < 60; k++) if (cal.isWorkingDay(fromDayNumber(n - k))) return fromDayNumber(n - k);
  return date;
}

/**
 * Computes a deadline from a rule key (see {@link DEADLINE_RULES}) and its start date, as of `today`.
 * @throws ParseError if a date is invalid
 */
export function computeDeadline(key: DeadlineRuleKey, start: string, cal: WorkCalendar, today: string): DeadlineTiming {
  const rule = DEADLINE_RULES[key];
  const { due, missingYears } = dueDateOf(rule, start, cal);
  return timingFor(key, start, due, rule.unit, cal, today, missingYears);
}

/**
 * Timing for a known due date (also used for fixed-date windows such as the annual report's 03-31).
 * `unit` decides how `remaining` counts. @throws ParseError if a date is invalid
 */
export function timingFor(
  rule: DeadlineRuleKey, start: string, due: string, unit: DeadlineUnit, cal: WorkCalendar, today: string, missing: number[] = [],
): DeadlineTiming {
  const calendarLeft = daysBetween(today, due);
  const years = new Set(missing);
  let remaining = calendarLeft;
  if (calendarLeft > 0 && unit === 'working_days') {
    const w = cal.workingDaysBetween(addCalendarDays(today, 1), due);
    remaining = w.days;
    w.missingYears.forEach((y) => years.add(y));
  }
  let dueOff: DeadlineTiming['dueOff'] = null;
  if (unit !== 'working_days') {
    const info = cal.dayInfo(due);
    // A calendar-day due date does not depend on the holiday data; the day-off hint only uses it when loaded.
    if (!info.working) dueOff = { name: info.name ?? '', lastWorkingDay: lastWorkingDayOnOrBefore(cal, due) };
  }
  const level: DeadlineLevel = calendarLeft < 0 ? 'overdue' : calendarLeft === 0 ? 'today' : calendarLeft <= SOON_DAYS ? 'soon' : 'later';
  return { rule, start, due, remaining, level, missingYears: [...years].sort((a, b) => a - b), dueOff };
}
