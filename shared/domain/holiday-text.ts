/**
 * The text form in which the user types a year's holiday arrangement in settings (each November the State Council
 * publishes the next year's notice): one line per holiday, the holiday's name and its dates, e.g.
 *
 *   元旦 2027-01-01~2027-01-03
 *   春节 2027-02-06~2027-02-14
 *   春节 2027-02-15、2027-02-20        (several single dates)
 *
 * Dates are 'YYYY-MM-DD' (also 'YYYY/M/D', 'YYYY.M.D' or 'YYYY年M月D日'); a range is two dates joined by ~ ～ 至 到 or —.
 * The name may come before or after the dates. Empty lines and lines starting with # are ignored.
 */
import { fromDayNumber, toDayNumber, ymdToDayNumber, type HolidayDay } from './calendar';

/** One problem in the text: 1-based line number and a Chinese message. */
export interface HolidayTextIssue {
  line: number;
  message: string;
}

const DATE_TOKEN = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/g;
const RANGE_SEP = /^\s*(~|～|至|到|—|–|－)\s*$/;
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
    const s = raw.trim();
    if (!s || s.startsWith('#')) return;
    const tokens = [...s.matchAll(DATE_TOKEN)];
    const name = s.replace(DATE_TOKEN, ' ').replace(/[~～至到—–－、,，;；]/g, ' ').replace(/\s+/g, ' ').trim();
    if (!tokens.length) return void issues.push({ line, message: `第${line}行没有日期（格式：名称 YYYY-MM-DD~YYYY-MM-DD）` });
    if (!name) return void issues.push({ line, message: `第${line}行缺少节日名称` });
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
