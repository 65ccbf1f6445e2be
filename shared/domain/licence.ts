/**
 * After the licence (spec §7): licence numbers, validity, the renewal's reminder / warning / alarm dates, the yearly
 * annual-report job and change filings. Pure rules over 'YYYY-MM-DD' dates; the numbers live in
 * {@link DEADLINE_RULES} and {@link LICENCE_RULES}.
 */
import { addCalendarDays, addYears, daysBetween, type WorkCalendar } from './calendar';
import { computeDeadline, DEADLINE_RULES, dueDateOf, LICENCE_RULES, type DeadlineTiming } from './deadline-rules';
import { toHalfWidth } from './text';
import { msg, zhText, type Message } from '../messages';

/** Result of {@link parseLicenceNumber}: the normalised number and its year, or the coded problem (`msg`) and its zh-CN text. */
export type LicenceNumberResult = { ok: true; number: string; year: number } | { ok: false; message: string; msg: Message };

const invalid = (m: Message): LicenceNumberResult => ({ ok: false, message: zhText(m), msg: m });

/**
 * Validates a licence number against `晋B2-YYYYNNNN[-N]` (spec §7), after normalising full-width characters, the
 * traditional 晉, a lower-case b, spaces and other dashes (e.g. '晉b2－20150015' → '晋B2-20150015').
 * The year must be 1995–2100.
 */
export function parseLicenceNumber(raw: string): LicenceNumberResult {
  const s = toHalfWidth(String(raw ?? '')).replace(/\s+/g, '').replace(/晉/g, '晋').replace(/[‐‑‒–—―−－]/g, '-').replace(/^晋b2/i, '晋B2');
  const m = LICENCE_RULES.numberPattern.exec(s);
  if (!m) return invalid(msg('licence_number_format', { example: LICENCE_RULES.numberExample }));
  const year = Number(m[1]);
  if (year < 1995 || year > 2100) return invalid(msg('licence_number_year', { year }));
  return { ok: true, number: s, year };
}

/** Default expiry: the same calendar date 5 years after issue (2024-02-29 → 2029-02-28). The user may correct it to the printed date. */
export function defaultExpiry(issuedOn: string): string {
  return addYears(issuedOn, LICENCE_RULES.validityYears);
}

/** Renewal state, most urgent last: ok → remind (6 months) → warn (margin) → alarm (legal date passed) → expired; applied closes it. */
export type RenewalState = 'ok' | 'remind' | 'warn' | 'alarm' | 'expired' | 'applied';

/**
 * The renewal's dates and state for a licence expiring on `expiresOn`, as of `today` (spec §7):
 * - `remindOn` = expiry − 6 months (agency practice), `legalLast` = expiry − 90 days (the last day to apply),
 *   `warnFrom` = `legalLast` − 30 days, i.e. expiry − 120 calendar days: from that day on at most 30 days of margin
 *   remain before the legal last day (expiry 2031-09-22 → warn from 2031-05-25, legal last day 2031-06-24);
 * - `state`: applied if `renewalAppliedOn` is set, else expired (past expiry), alarm (past legalLast), warn, remind, ok;
 * - `deadline`: the legal last day as a deadline timing (for the dashboard), `daysToExpiry` calendar days.
 * Example: expiry 2028-02-29 → remind 2027-08-29, warn from 2027-11-01, legal last day 2027-12-01.
 */
export function renewalStatus(expiresOn: string, renewalAppliedOn: string | null, cal: WorkCalendar, today: string) {
  const dates = renewalState(expiresOn, renewalAppliedOn, cal, today);
  const deadline: DeadlineTiming = computeDeadline('renewal_legal', expiresOn, cal, today);
  return { ...dates, deadline, daysToExpiry: daysBetween(today, expiresOn) };
}

/**
 * The renewal's dates and state only ({@link renewalStatus} without the deadline timing and day count), for lists
 * that need the state of every licence but the full timing of the few shown (the dashboard).
 */
export function renewalState(expiresOn: string, renewalAppliedOn: string | null, cal: WorkCalendar, today: string) {
  const remindOn = dueDateOf(DEADLINE_RULES.renewal_agency, expiresOn, cal).due;
  const legalLast = dueDateOf(DEADLINE_RULES.renewal_legal, expiresOn, cal).due;
  const warnFrom = addCalendarDays(legalLast, -LICENCE_RULES.renewalWarnMarginDays);
  const state: RenewalState = renewalAppliedOn
    ? 'applied'
    : today > expiresOn ? 'expired'
    : today > legalLast ? 'alarm'
    : today >= warnFrom ? 'warn'
    : today >= remindOn ? 'remind'
    : 'ok';
  return { expiresOn, remindOn, warnFrom, legalLast, state };
}
export type RenewalStatus = ReturnType<typeof renewalStatus>;

/** Annual-report state for one filing year: done, upcoming (before 01-01), open (to 03-31), late (April), missed. */
export type AnnualReportState = 'done' | 'upcoming' | 'open' | 'late' | 'missed';

/** The last day of the year before `year` ('YYYY-12-31'): where the annual-report rules start counting. */
export function reportedYearEnd(year: number): string {
  return `${String(year - 1).padStart(4, '0')}-12-31`;
}

/** The filing window of `year`: opens 01-01, due 03-31, late window until 04-30 (spec §7; rules annual_report*). */
export function annualWindow(year: number, cal: WorkCalendar) {
  const end = reportedYearEnd(year);
  return {
    opens: `${String(year).padStart(4, '0')}-${LICENCE_RULES.annualOpens}`,
    due: dueDateOf(DEADLINE_RULES.annual_report, end, cal).due,
    lateUntil: dueDateOf(DEADLINE_RULES.annual_report_late, end, cal).due,
  };
}

/**
 * The annual report of filing year `year` (it reports year − 1) as of `today`: state and the deadline timing
 * against 03-31 (or 04-30 once late). A job exists for a licence issued before 01-01 of `year` that was still valid
 * on 01-01 of the year reported ({@link annualReportApplies}).
 */
export function annualReportStatus(year: number, filedOn: string | null, cal: WorkCalendar, today: string) {
  const w = annualWindow(year, cal);
  const state: AnnualReportState = filedOn ? 'done' : today < w.opens ? 'upcoming' : today <= w.due ? 'open' : today <= w.lateUntil ? 'late' : 'missed';
  const late = state === 'late' || state === 'missed';
  return { year, ...w, state, filedOn, deadline: computeDeadline(late ? 'annual_report_late' : 'annual_report', reportedYearEnd(year), cal, today) };
}
export type AnnualReportStatus = ReturnType<typeof annualReportStatus>;

/** Whether a licence (issued `issuedOn`, expiring `expiresOn`) owes the annual report filed in `year`. */
export function annualReportApplies(issuedOn: string, expiresOn: string, year: number): boolean {
  return issuedOn < `${year}-01-01` && expiresOn >= `${year - 1}-01-01`;
}

/** The changes that need a filing (spec §7), with Chinese and English labels. */
export const CHANGE_KINDS = [
  { key: 'name', zh: '公司名称', en: 'Company name' },
  { key: 'domain', zh: '网站域名', en: 'Domain' },
  { key: 'scope', zh: '经营范围 / 业务范围', en: 'Business scope' },
  { key: 'legal_rep', zh: '法定代表人', en: 'Legal representative' },
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number]['key'];
export const CHANGE_KIND_KEYS = CHANGE_KINDS.map((k) => k.key) as unknown as readonly [ChangeKind, ...ChangeKind[]];

/**
 * A change filing's two deadlines from the change date: the agency's 10 days and the regulation's 30 days
 * (calendar days: 2026-01-31 → 2026-02-10 and 2026-03-02). `state`: filed, ok, late (past 10 days), alarm (past 30 days).
 */
export function changeFilingStatus(changedOn: string, filedOn: string | null, cal: WorkCalendar, today: string) {
  const agency = computeDeadline('change_agency', changedOn, cal, today);
  const legal = computeDeadline('change_legal', changedOn, cal, today);
  const state = filedOn ? 'filed' : today > legal.due ? 'alarm' : today > agency.due ? 'late' : 'ok';
  return { agency, legal, state: state as 'filed' | 'ok' | 'late' | 'alarm' };
}
export type ChangeFilingStatus = ReturnType<typeof changeFilingStatus>;
