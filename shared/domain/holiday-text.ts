/**
 * The text form in which the user types a year's holiday arrangement in settings (each November the State Council
 * publishes the next year's notice): one line per holiday, the holiday's name and its dates, e.g.
 *
 *   元旦 2027-01-01~2027-01-03
 *   春节 2027-02-06~2027-02-14
 *   春节 2027-02-15、2027-02-20        (several single dates)
 *
 * Dates are 'YYYY-MM-DD' (also 'YYYY/M/D', 'YYYY.M.D' or 'YYYY年M月D日'); a range is two dates joined by ~ ～ 至 到 — or
 * … (the notices' and the spec's notation); the end may omit the year ('2027-02-06~02-12', '2027年2月6日至12日').
 * The name may come before or after the dates. Empty lines and lines starting with # are ignored. Anything left that
 * looks like a date but could not be read is reported, never dropped.
 */
import { fromDayNumber, toDayNumber, ymdToDayNumber, type HolidayDay } from './calendar';

/** One problem in the text: 1-based line number and a Chinese message. */
export interface HolidayTextIssue {
  line: number;
  message: string;
}

const DATE_TOKEN = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/g;
const SEP = '~|～|至|到|—|–|－|…|⋯|\\.{2,3}';
const RANGE_SEP = new RegExp(`^\\s*(${SEP})\\s*$`);
/** '2027-02-06~02-12' → '2027-02-06~2027-02-12' (the end inherits the start's year). */
const SHORT_END = new RegExp(`(\\d{4})\\s*([-/.年])\\s*(\\d{1,2})\\s*([-/.月])\\s*(\\d{1,2})(\\s*日?)(\\s*(?:${SEP})\\s*)(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})(?!\\d)\\s*日?`, 'g');
/** '2027年2月6日至12日' → '2027年2月6日至2027-2-12' (the end inherits the start's year and month). */
const DAY_END = new RegExp(`(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日(\\s*(?:${SEP})\\s*)(\\d{1,2})\\s*日`, 'g');

/** Writes the year (and month) into range ends that leave them out, so every date is a full date. */
function expandShortEnds(s: string): string {
  return s
    .replace(SHORT_END, (_m, y, s1, mo, s2, d, ri, sep, mo2, d2) => `${y}${s1}${mo}${s2}${d}${ri}${sep}${y}-${mo2}-${d2}`)
    .replace(DAY_END, (_m, y, mo, d, sep, d2) => `${y}年${mo}月${d}日${sep}${y}-${mo}-${d2}`);
}
/** Longest run accepted in one range (the 2026 Spring Festival break is 9 days). */
export const MAX_RANGE_DAYS = 15;

/**
 * Parses the text form into dated entries (sorted, one per day).
 * @returns `{ days, issues }`: issues name the line (invalid date, a range ending before it starts or longer than
 *   {@link MAX_RANGE_DAYS} days, a line with dates but no name or a name but no date, a date listed twice)
 */
export function parseHolidayText(text: string): { days: HolidayDay[]; issues: HolidayTextIssue[] } {
  const issues: HolidayTextIssue[] = [];
  const seen = new Map<string, number>();
  const days: HolidayDay[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const s = expandShortEnds(trimmed);
    const tokens = [...s.matchAll(DATE_TOKEN)];
    const name = s.replace(DATE_TOKEN, ' ').replace(/[~～至到—–－…⋯、,，;；]|\.{2,3}/g, ' ').replace(/\s+/g, ' ').trim();
    if (!tokens.length) return void issues.push({ line, message: `第${line}行没有日期（格式：名称 YYYY-MM-DD~YYYY-MM-DD）` });
    if (!name) return void issues.push({ line, message: `第${line}行缺少节日名称` });
    if (/[\d年月日号]/.test(name)) return void issues.push({ line, message: `第${line}行有无法识别的日期：“${name}”（请写成 YYYY-MM-DD~YYYY-MM-DD）` });
    const nums: Array<number | null> = tokens.map((t) => ymdToDayNumber(+t[1], +t[2], +t[3]));
    const bad = tokens.find((_t, k) => nums[k] === null);
    if (bad) return void issues.push({ line, message: `第${line}行的日期无效：“${bad[0].trim()}”` });
    const add = (n: number) => {
      const date = fromDayNumber(n);
      const prev = seen.get(date);
      if (prev !== undefined) issues.push({ line, message: `第${line}行的 ${date} 已在第${prev}行出现` });
      else {
        seen.set(date, line);
        days.push({ date, name });
      }
    };
    for (let k = 0; k < tokens.length; k++) {
      const between = k + 1 < tokens.length ? s.slice(tokens[k].index! + tokens[k][0].length, tokens[k + 1].index!) : null;
      if (between !== null && RANGE_SEP.test(between)) {
        const from = nums[k]!;
        const to = nums[k + 1]!;
        if (to < from) issues.push({ line, message: `第${line}行的日期范围结束早于开始` });
        else if (to - from + 1 > MAX_RANGE_DAYS) issues.push({ line, message: `第${line}行的日期范围超过${MAX_RANGE_DAYS}天，请检查` });
        else for (let n = from; n <= to; n++) add(n);
        k++;
      } else add(nums[k]!);
    }
  });
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { days, issues };
}

/**
 * The text form of dated entries: consecutive days with the same name become one range line.
 * @example formatHolidayText([{date:'2026-01-01',name:'元旦'},{date:'2026-01-02',name:'元旦'}]) → '元旦 2026-01-01~2026-01-02'
 */
export function formatHolidayText(days: readonly HolidayDay[]): string {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const lines: string[] = [];
  let runStart: HolidayDay | null = null;
  let runEnd: HolidayDay | null = null;
  const flush = () => {
    if (!runStart || !runEnd) return;
    lines.push(runStart.date === runEnd.date ? `${runStart.name} ${runStart.date}` : `${runStart.name} ${runStart.date}~${runEnd.date}`);
  };
  for (const d of sorted) {
    if (runEnd && runStart && d.name === runStart.name && toDayNumber(d.date) === toDayNumber(runEnd.date) + 1) {
      runEnd = d;
      continue;
    }
    flush();
    runStart = d;
    runEnd = d;
  }
  flush();
  return lines.join('\n');
}
