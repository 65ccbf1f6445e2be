/**
 * Chinese working days (工作日) and plain date arithmetic (spec §5).
 *
 * A working day is Monday–Friday, except statutory holidays (法定节假日 days off), plus the adjusted
 * working days (调休) that fall on a weekend. The holiday calendar is data per year ({@link HolidayYear}),
 * published by the General Office of the State Council each November, so that the user can see and edit it.
 *
 * Dates are 'YYYY-MM-DD' strings. All arithmetic is done on day numbers (days since 1970-01-01, UTC),
 * so nothing depends on the process time zone.
 */
import { ParseError } from '../errors';
import { msg } from '../messages';

const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day number (days since 1970-01-01) of a calendar date, or `null` if the date does not exist
 * (month outside 1–12, day beyond the month's length, e.g. 2023-02-30). Year 1000–9999.
 */
export function ymdToDayNumber(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return Math.round(ms / MS_PER_DAY);
}

/** True if `s` is a 'YYYY-MM-DD' string naming a real calendar date. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  return m !== null && ymdToDayNumber(+m[1], +m[2], +m[3]) !== null;
}

/**
 * Day number (days since 1970-01-01 UTC) of a 'YYYY-MM-DD' date.
 * @throws ParseError (Chinese message) if `date` is not a 'YYYY-MM-DD' string or not a real date
 */
export function toDayNumber(date: string): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  const n = m ? ymdToDayNumber(+m[1], +m[2], +m[3]) : null;
  if (n === null) throw new ParseError(msg('date_format', { value: String(date) }));
  return n;
}

/** The 'YYYY-MM-DD' date of a day number (days since 1970-01-01 UTC). */
export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01, day 0, was a Thursday). */
export function weekdayOfDayNumber(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/**
 * ISO weekday of a 'YYYY-MM-DD' date: 1 = Monday … 7 = Sunday.
 * @throws ParseError if the date is invalid
 */
export function isoWeekday(date: string): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

/**
 * Adds `n` calendar days (not working days) to a date, for limits such as "correct within 3 days"
 * (spec §5) or "change filing within 10 days" (spec §7). `n` may be negative.
 * @throws ParseError if the date is invalid; RangeError if `n` is not an integer
 */
export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addCalendarDays: n must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** Number of calendar days from `a` to `b` (b − a; negative if b is earlier). @throws ParseError if a date is invalid */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** One dated entry of a holiday calendar: a 'YYYY-MM-DD' date and the holiday it belongs to (e.g. '春节'). */
export interface HolidayDay {
  date: string;
  name: string;
}

/**
 * The official holiday arrangement of one year, as data (spec §5).
 * - `holidays`: every statutory day off (法定节假日 including the weekend days inside the break);
 * - `workdays`: the adjusted working days (调休) — weekend days that are working days;
 * - `source`: the notice the data comes from.
 * Dates may fall outside `year` (a New Year break can start in late December of the previous year).
 */
export interface HolidayYear {
  year: number;
  holidays: HolidayDay[];
  workdays: HolidayDay[];
  source: string;
}

function span(name: string, from: string, to: string): HolidayDay[] {
  const out: HolidayDay[] = [];
  for (let n = toDayNumber(from); n <= toDayNumber(to); n++) out.push({ date: fromDayNumber(n), name });
  return out;
}

/**
 * Built-in holiday calendars for 2025 and 2026 (spec §5), from the State Council notices:
 * 2025 — 国办发明电〔2024〕12号; 2026 — notice published 2025-11-04. Add later years as data.
 */
export const BUILTIN_HOLIDAY_YEARS: HolidayYear[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12发布）',
    holidays: [
      ...span('元旦', '2025-01-01', '2025-01-01'),
      ...span('春节', '2025-01-28', '2025-02-04'),
      ...span('清明节', '2025-04-04', '2025-04-06'),
      ...span('劳动节', '2025-05-01', '2025-05-05'),
      ...span('端午节', '2025-05-31', '2025-06-02'),
      ...span('国庆节、中秋节', '2025-10-01', '2025-10-08'),
    ],
    workdays: [
      { date: '2025-01-26', name: '春节' },
      { date: '2025-02-08', name: '春节' },
      { date: '2025-04-27', name: '劳动节' },
      { date: '2025-09-28', name: '国庆节、中秋节' },
      { date: '2025-10-11', name: '国庆节、中秋节' },
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04发布）',
    holidays: [
      ...span('元旦', '2026-01-01', '2026-01-03'),
      ...span('春节', '2026-02-15', '2026-02-23'),
      ...span('清明节', '2026-04-04', '2026-04-06'),
      ...span('劳动节', '2026-05-01', '2026-05-05'),
      ...span('端午节', '2026-06-19', '2026-06-21'),
      ...span('中秋节', '2026-09-25', '2026-09-27'),
      ...span('国庆节', '2026-10-01', '2026-10-07'),
    ],
    workdays: [
      { date: '2026-01-04', name: '元旦' },
      { date: '2026-02-14', name: '春节' },
      { date: '2026-02-28', name: '春节' },
      { date: '2026-05-09', name: '劳动节' },
      { date: '2026-09-20', name: '国庆节' },
      { date: '2026-10-10', name: '国庆节' },
    ],
  },
];

/**
 * How a date counts: `kind` is 'workday' (plain Monday–Friday), 'adjusted' (调休, weekend working day),
 * 'weekend' or 'holiday'; `name` is the holiday for 'holiday' / 'adjusted'; `hasData` tells whether the
 * date's year has calendar data (if not, the answer is the plain weekday rule and must be flagged).
 */
export interface DayInfo {
  date: string;
  working: boolean;
  kind: 'workday' | 'adjusted' | 'weekend' | 'holiday';
  name: string | null;
  hasData: boolean;
}

/** Working-day calendar built from {@link HolidayYear} data by {@link createWorkCalendar}. All dates 'YYYY-MM-DD'. */
export interface WorkCalendar {
  /** True if calendar data for `year` was given. */
  hasYear(year: number): boolean;
  /** The years with data, ascending. */
  years(): number[];
  /** Whether `date` is a Chinese working day; a year without data uses the plain weekday rule. @throws ParseError on an invalid date */
  isWorkingDay(date: string): boolean;
  /** Details of `date` ({@link DayInfo}). @throws ParseError on an invalid date */
  dayInfo(date: string): DayInfo;
  /**
   * The date `n` working days after `date`, counting from the next working day after `date`
   * (spec §5: "N working days after D"); n = 0 returns `date`. `missingYears` lists, ascending, each year
   * of the days examined (date+1 … result) that has no calendar data — the result is then an estimate.
   * @throws ParseError on an invalid date; RangeError if n is not a non-negative integer
   */
  addWorkingDays(date: string, n: number): { date: string; missingYears: number[] };
  /**
   * Number of working days in [a, b], both inclusive (0 if b < a); `missingYears` lists each year of
   * that range without calendar data. @throws ParseError on an invalid date
   */
  workingDaysBetween(a: string, b: string): { days: number; missingYears: number[] };
  /** Same as the module function {@link addCalendarDays}: plain calendar days. */
  addCalendarDays(date: string, n: number): string;
}

/**
 * Builds a {@link WorkCalendar} from per-year holiday data (e.g. {@link BUILTIN_HOLIDAY_YEARS} plus
 * user-added years). Several entries for the same year are merged.
 * @throws ParseError (Chinese message) if a date is invalid or a date is both a holiday and an adjusted working day
 */
export function createWorkCalendar(years: HolidayYear[]): WorkCalendar {
  const holidays = new Map<number, string>();
  const workdays = new Map<number, string>();
  const yearSet = new Set<number>();
  for (const y of years) {
    yearSet.add(y.year);
    for (const h of y.holidays) holidays.set(toDayNumber(h.date), h.name);
    for (const w of y.workdays) workdays.set(toDayNumber(w.date), w.name);
  }
  for (const n of workdays.keys()) {
    if (holidays.has(n)) throw new ParseError(msg('holiday_conflict', { date: fromDayNumber(n) }));
  }

  const yearOfDay = (n: number): number => new Date(n * MS_PER_DAY).getUTCFullYear();

  // Day facts are looked up again and again (thousands of deadlines share the same weeks): memoise per day number.
  const memo = new Map<number, DayInfo>();
  const info = (n: number): DayInfo => {
    let d = memo.get(n);
    if (d === undefined) {
      d = computeInfo(n);
      memo.set(n, d);
    }
    return d;
  };
  const computeInfo = (n: number): DayInfo => {
    const date = fromDayNumber(n);
    const hasData = yearSet.has(yearOfDay(n));
    const adjusted = workdays.get(n);
    if (adjusted !== undefined) return { date, working: true, kind: 'adjusted', name: adjusted, hasData };
    const holiday = holidays.get(n);
    if (holiday !== undefined) return { date, working: false, kind: 'holiday', name: holiday, hasData };
    const weekend = weekdayOfDayNumber(n) >= 6;
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'workday', name: null, hasData };
  };

  const missingBetween = (from: number, to: number): number[] => {
    const out: number[] = [];
    if (to < from) return out;
    for (let y = yearOfDay(from); y <= yearOfDay(to); y++) if (!yearSet.has(y)) out.push(y);
    return out;
  };

  return {
    hasYear: (year) => yearSet.has(year),
    years: () => [...yearSet].sort((a, b) => a - b),
    isWorkingDay: (date) => info(toDayNumber(date)).working,
    dayInfo: (date) => ({ ...info(toDayNumber(date)) }),
    addWorkingDays(date, n) {
      const start = toDayNumber(date);
      if (!Number.isInteger(n) || n < 0) {
        throw new RangeError(`addWorkingDays: n must be a non-negative integer, got ${n}`);
      }
      let cur = start;
      for (let counted = 0; counted < n; ) {
        cur++;
        if (info(cur).working) counted++;
      }
      return { date: fromDayNumber(cur), missingYears: n === 0 ? [] : missingBetween(start + 1, cur) };
    },
    workingDaysBetween(a, b) {
      const from = toDayNumber(a);
      const to = toDayNumber(b);
      let days = 0;
      for (let n = from; n <= to; n++) if (info(n).working) days++;
      return { days, missingYears: missingBetween(from, to) };
    },
    addCalendarDays,
  };
}

/**
 * Adds `n` calendar months to a date; a day that does not exist in the target month is clamped to the month's last
 * day (2028-08-31 − 6 months = 2028-02-29; 2027-08-31 − 6 months = 2027-02-28). `n` may be negative.
 * Used for "6 months before expiry" (spec §7).
 * @throws ParseError if the date is invalid; RangeError if `n` is not an integer
 */
export function addMonths(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${n}`);
  toDayNumber(date);
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Adds `n` calendar years (Feb 29 → Feb 28 in a common year: 2024-02-29 + 5 years = 2029-02-28).
 * Used for the licence's validity of 5 years (spec §7). @throws like {@link addMonths}
 */
export function addYears(date: string, n: number): string {
  return addMonths(date, n * 12);
}

/**
 * Merges holiday data: later lists replace earlier ones year by year (a year stored by the user replaces the
 * built-in data of that year wholesale; it does not mix days). Returns the years ascending.
 * @example mergeHolidayYears(BUILTIN_HOLIDAY_YEARS, userYears) → what {@link createWorkCalendar} should get
 */
export function mergeHolidayYears(...lists: HolidayYear[][]): HolidayYear[] {
  const byYear = new Map<number, HolidayYear>();
  for (const list of lists) for (const y of list) byYear.set(y.year, y);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/**
 * The English titles of the built-in calendars' notices, keyed by their Chinese title (the source of truth, stored with
 * the year): the English UI shows these while a year keeps its built-in title; a title the user entered is shown as
 * entered.
 */
export const HOLIDAY_SOURCE_EN: Readonly<Record<string, string>> = {
  '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12发布）':
    'General Office of the State Council: notice on the 2025 public-holiday arrangements (Guobanfa Mingdian [2024] No. 12, published 2024-11-12)',
  '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04发布）':
    'General Office of the State Council: notice on the 2026 public-holiday arrangements (published 2025-11-04)',
};
