/**
 * Weeks for the weekly progress summary (spec §9): Monday–Sunday, in China's time zone
 * (Asia/Shanghai, UTC+8, no daylight saving), numbered as ISO 8601 weeks
 * (2025-12-29 … 2026-01-04 is 2026 第1周). Pure day-number arithmetic: results do not depend on the
 * process time zone.
 */
import { ParseError } from '../errors';
import { msg } from '../messages';
import { fromDayNumber, toDayNumber, weekdayOfDayNumber, ymdToDayNumber } from './calendar';

/** China Standard Time offset from UTC in milliseconds (UTC+8, no DST since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * An ISO week: `year` is the ISO week-numbering year (may differ from the calendar year of `start`/`end`
 * around New Year), `week` 1–53, `start` its Monday and `end` its Sunday ('YYYY-MM-DD').
 */
export interface IsoWeek {
  year: number;
  week: number;
  start: string;
  end: string;
}

/**
 * Today's date in China (Asia/Shanghai = UTC+8, no DST): the UTC instant plus 8 hours.
 * @param now the instant (default: the current time)
 * @returns 'YYYY-MM-DD'; e.g. 2026-11-29T17:30:00Z → '2026-11-30'
 */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

function weekFromMonday(monday: number): IsoWeek {
  const thursday = monday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const jan1 = ymdToDayNumber(year, 1, 1)!;
  return {
    year,
    week: Math.floor((thursday - jan1) / 7) + 1,
    start: fromDayNumber(monday),
    end: fromDayNumber(monday + 6),
  };
}

/**
 * The ISO week containing a date (the week's year is the calendar year of its Thursday).
 * @example isoWeekOf('2025-12-29') → { year: 2026, week: 1, start: '2025-12-29', end: '2026-01-04' }
 * @throws ParseError if `date` is not a valid 'YYYY-MM-DD'
 */
export function isoWeekOf(date: string): IsoWeek {
  const n = toDayNumber(date);
  return weekFromMonday(n - weekdayOfDayNumber(n) + 1);
}

/**
 * Number of ISO weeks in an ISO week-numbering year: 53 when the year has 53 Thursdays' weeks
 * (e.g. 2026, 2020), else 52 (e.g. 2025). Uses the rule "28 December is always in the last week".
 */
export function weeksInYear(year: number): 52 | 53 {
  return isoWeekOf(`${String(year).padStart(4, '0')}-12-28`).week as 52 | 53;
}

/**
 * The week with an id such as '2026-W01' (also accepts '2026W1', lower-case 'w').
 * @throws ParseError (Chinese message) if the id is malformed or the week does not exist in that year
 */
export function isoWeekFromId(id: string): IsoWeek {
  const m = /^(\d{4})-?W(\d{1,2})$/i.exec(String(id ?? '').trim());
  if (!m) throw new ParseError(msg('week_unreadable', { value: String(id) }));
  const year = +m[1];
  const week = +m[2];
  if (year < 1000 || week < 1 || week > weeksInYear(year)) {
    throw new ParseError(msg('week_not_exist', { year, week, value: id }));
  }
  const jan4 = ymdToDayNumber(year, 1, 4)!;
  const monday1 = jan4 - weekdayOfDayNumber(jan4) + 1;
  return weekFromMonday(monday1 + (week - 1) * 7);
}

/** The id of a week: 'YYYY-Www' with a two-digit week, e.g. '2026-W01'. */
export function isoWeekId(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/**
 * The week `n` weeks after `w` (negative `n` goes back).
 * @throws RangeError if `n` is not an integer
 */
export function addWeeks(w: IsoWeek, n: number): IsoWeek {
  if (!Number.isInteger(n)) throw new RangeError(`addWeeks: n must be an integer, got ${n}`);
  return weekFromMonday(toDayNumber(w.start) + 7 * n);
}

/**
 * Display label of a week. Dates are shown as MM-DD when both Monday and Sunday fall in `w.year`,
 * otherwise as full 'YYYY-MM-DD'.
 * - zh-CN: '2026年第48周（11-23 ~ 11-29）', '2026年第1周（2025-12-29 ~ 2026-01-04）' (full-width brackets)
 * - en: 'Week 48, 2026 (11-23 ~ 11-29)', 'Week 1, 2026 (2025-12-29 ~ 2026-01-04)'
 */
export function weekLabel(w: IsoWeek, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const sameYear = w.start.startsWith(`${w.year}-`) && w.end.startsWith(`${w.year}-`);
  const s = sameYear ? w.start.slice(5) : w.start;
  const e = sameYear ? w.end.slice(5) : w.end;
  return lang === 'en' ? `Week ${w.week}, ${w.year} (${s} ~ ${e})` : `${w.year}年第${w.week}周（${s} ~ ${e}）`;
}

/**
 * The short name of a week for the week picker: zh-CN '2026年第48周', en '2026-W48' (the ISO id).
 */
export function weekShortLabel(w: IsoWeek, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  return lang === 'en' ? isoWeekId(w) : `${w.year}年第${w.week}周`;
}

/**
 * A week typed by the user: the ISO id ('2026-W48', '2026w48') or the Chinese name ('2026年第48周', spaces and
 * full-width digits allowed, '第' optional).
 * @throws ParseError (Chinese message) if the text is neither, or the week does not exist in that year
 */
export function weekFromText(text: string): IsoWeek {
  const s = String(text ?? '').normalize('NFKC').replace(/\s+/g, '');
  const zh = /^(\d{4})年第?(\d{1,2})周$/.exec(s);
  return isoWeekFromId(zh ? `${zh[1]}-W${zh[2]}` : s);
}

/**
 * The week a weekly summary defaults to: on a Monday the previous (last complete) week, on any other
 * day the week containing `today`. Pass `chinaToday()` as `today`.
 * @throws ParseError if `today` is not a valid 'YYYY-MM-DD'
 */
export function defaultSummaryWeek(today: string): IsoWeek {
  const w = isoWeekOf(today);
  return weekdayOfDayNumber(toDayNumber(today)) === 1 ? addWeeks(w, -1) : w;
}

/**
 * Where week `w` stands against `today` and why a page would open on it (issue 11, item 12): `offset` in weeks from
 * the current week (0 = this week, -1 = last week…), and `reason` when `w` is the default — 'monday' (the roll-up on a
 * Monday opens the last complete week), 'current' (every other day, and always for one client's summary), else null.
 * @example ({ 2026-W39 }, '2026-09-28' (a Monday), 'rollup') → { offset: -1, reason: 'monday' }
 */
export function weekRelation(w: IsoWeek, today: string, mode: 'rollup' | 'client'): { offset: number; reason: 'monday' | 'current' | null } {
  const current = isoWeekOf(today);
  const offset = Math.round((toDayNumber(w.start) - toDayNumber(current.start)) / 7);
  const def = mode === 'client' ? current : defaultSummaryWeek(today);
  const isDefault = def.start === w.start;
  return { offset, reason: !isDefault ? null : mode === 'rollup' && def.start !== current.start ? 'monday' : 'current' };
}
