import { describe, expect, it } from 'vitest';
import cd2025 from 'chinese-days/dist/years/2025.json';
import cd2026 from 'chinese-days/dist/years/2026.json';
import { ParseError } from '../../shared/errors';
import {
  addCalendarDays,
  BUILTIN_HOLIDAY_YEARS,
  createWorkCalendar,
  isoWeekday,
  type HolidayYear,
} from '../../shared/domain/calendar';

const cal = createWorkCalendar(BUILTIN_HOLIDAY_YEARS);

describe('BUILTIN_HOLIDAY_YEARS', () => {
  it('holds 2025 and 2026 with their notices', () => {
    expect(BUILTIN_HOLIDAY_YEARS.map((y) => y.year)).toEqual([2025, 2026]);
    expect(BUILTIN_HOLIDAY_YEARS[0].source).toBe('国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12发布）');
    expect(BUILTIN_HOLIDAY_YEARS[1].source).toBe('国务院办公厅关于2026年部分节假日安排的通知（2025-11-04发布）');
    expect(BUILTIN_HOLIDAY_YEARS[0].holidays).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
    expect(BUILTIN_HOLIDAY_YEARS[1].holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(BUILTIN_HOLIDAY_YEARS[0].workdays.map((d) => d.date)).toEqual([
      '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
    ]);
    expect(BUILTIN_HOLIDAY_YEARS[1].workdays.map((d) => d.date)).toEqual([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
    for (const y of BUILTIN_HOLIDAY_YEARS) {
      for (const w of y.workdays) expect(isoWeekday(w.date)).toBeGreaterThanOrEqual(6); // 调休 falls on weekends
    }
  });

  it.each<[number, { holidays: Record<string, string>; workdays: Record<string, string> }]>([
    [2025, cd2025],
    [2026, cd2026],
  ])('%i agrees day by day with the chinese-days package', async (year, data) => {
    const ours = BUILTIN_HOLIDAY_YEARS.find((y) => y.year === year)!;
    expect(ours.holidays.map((d) => d.date).sort()).toEqual(Object.keys(data.holidays).sort());
    expect(ours.workdays.map((d) => d.date).sort()).toEqual(Object.keys(data.workdays).sort());
    // chinese-days 1.5.7 builds its table and reads dates with local-time getters from UTC-midnight
    // dates, so west of UTC (e.g. TZ=America/Los_Angeles) every answer is one day off. Load and query it
    // in China's zone; our calendar does not depend on the process time zone.
    const savedTz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const { default: chineseDays } = await import('chinese-days');
      const disagreements: string[] = [];
      for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addCalendarDays(date, 1)) {
        if (cal.isWorkingDay(date) !== chineseDays.isWorkday(date)) disagreements.push(date);
      }
      expect(disagreements).toEqual([]);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });
});

describe('isWorkingDay', () => {
  it.each<[string, boolean]>([
    ['2026-02-14', true], // Saturday, 调休
    ['2026-02-16', false], // 春节
    ['2026-01-04', true], // Sunday, 调休
    ['2026-10-10', true], // Saturday, 调休
    ['2025-05-01', false], // 劳动节
    ['2025-09-28', true], // Sunday, 调休
    ['2025-10-08', false],
    ['2025-10-09', true],
    ['2025-10-12', false], // plain Sunday
    ['2026-03-02', true], // plain Monday
    ['2027-01-01', true], // no data for 2027: plain weekday rule
    ['2027-01-02', false],
  ])('%s → %s', (date, working) => expect(cal.isWorkingDay(date)).toBe(working));

  it('rejects an invalid date', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(ParseError);
    expect(() => cal.isWorkingDay('2026/02/01')).toThrow(ParseError);
  });

  it('dayInfo says why', () => {
    expect(cal.dayInfo('2026-02-14')).toEqual({ date: '2026-02-14', working: true, kind: 'adjusted', name: '春节', hasData: true });
    expect(cal.dayInfo('2026-02-16')).toMatchObject({ working: false, kind: 'holiday', name: '春节' });
    expect(cal.dayInfo('2026-03-07')).toMatchObject({ working: false, kind: 'weekend', name: null });
    expect(cal.dayInfo('2027-01-01')).toMatchObject({ working: true, kind: 'workday', hasData: false });
  });
});

describe('addWorkingDays', () => {
  it.each<[string, number, string, number[]]>([
    ['2025-09-26', 3, '2025-09-30', []], // Fri → Sun 09-28 (调休), Mon, Tue
    ['2025-09-26', 0, '2025-09-26', []],
    ['2025-09-30', 1, '2025-10-09', []], // over 国庆+中秋
    ['2025-09-30', 3, '2025-10-11', []], // Sat 10-11 is 调休
    ['2025-12-31', 1, '2026-01-04', []], // 01-01…03 元旦, Sunday 01-04 is 调休
    ['2025-12-31', 2, '2026-01-05', []],
    ['2026-02-13', 1, '2026-02-14', []],
    ['2026-02-14', 1, '2026-02-24', []], // 春节 02-15…02-23
    ['2026-02-13', 10, '2026-03-05', []], // 02-14, 02-24…27, 02-28, 03-02…05
    ['2026-12-31', 5, '2027-01-07', [2027]], // 2027 not loaded: weekdays fallback
    ['2026-12-30', 1, '2026-12-31', []],
    ['2024-12-31', 1, '2025-01-02', []], // 2025-01-01 元旦; 2024 itself is not counted
    ['2024-12-27', 1, '2024-12-30', [2024]],
  ])('%s + %i working days = %s', (date, n, expected, missing) => {
    expect(cal.addWorkingDays(date, n)).toEqual({ date: expected, missingYears: missing });
  });

  it('lists every missing year crossed', () => {
    expect(cal.addWorkingDays('2026-12-31', 300).missingYears).toEqual([2027, 2028]);
  });

  it('rejects a negative or fractional n', () => {
    expect(() => cal.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each<[string, string, number, number[]]>([
    ['2025-09-26', '2025-10-12', 7, []],
    ['2025-10-01', '2025-10-08', 0, []],
    ['2026-01-05', '2026-01-09', 5, []],
    ['2026-01-09', '2026-01-09', 1, []],
    ['2026-01-10', '2026-01-10', 0, []],
    ['2026-01-09', '2026-01-05', 0, []],
    ['2026-02-09', '2026-03-01', 5 + 1 + 4 + 1, []], // 02-09…13, 02-14 调休, 02-24…27, 02-28 调休, 03-01 Sun
    ['2026-12-28', '2027-01-08', 10, [2027]],
    ['2024-12-30', '2025-01-03', 4, [2024]],
  ])('[%s, %s] → %i', (a, b, days, missing) => {
    expect(cal.workingDaysBetween(a, b)).toEqual({ days, missingYears: missing });
  });

  it('has 2026 totals consistent with the data', () => {
    // 365 days − 104 weekend days − 33 holidays + weekend days among them + 6 调休
    const holidaysOnWeekdays = BUILTIN_HOLIDAY_YEARS[1].holidays.filter((h) => isoWeekday(h.date) <= 5).length;
    expect(cal.workingDaysBetween('2026-01-01', '2026-12-31').days).toBe(365 - 104 - holidaysOnWeekdays + 6);
  });
});

describe('addCalendarDays / createWorkCalendar', () => {
  it.each<[string, number, string]>([
    ['2026-02-27', 3, '2026-03-02'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-12-31', 0, '2026-12-31'],
  ])('%s + %i days = %s', (date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
    expect(cal.addCalendarDays(date, n)).toBe(expected);
  });

  it('hasYear / years', () => {
    expect(cal.hasYear(2025)).toBe(true);
    expect(cal.hasYear(2026)).toBe(true);
    expect(cal.hasYear(2027)).toBe(false);
    expect(cal.years()).toEqual([2025, 2026]);
  });

  it('accepts a user-added year and rejects contradictory data', () => {
    const y2027: HolidayYear = { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [], source: 'test' };
    const c = createWorkCalendar([...BUILTIN_HOLIDAY_YEARS, y2027]);
    expect(c.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-04', missingYears: [] });
    const bad: HolidayYear = {
      year: 2027,
      holidays: [{ date: '2027-01-02', name: '元旦' }],
      workdays: [{ date: '2027-01-02', name: '元旦' }],
      source: 'test',
    };
    expect(() => createWorkCalendar([bad])).toThrow(ParseError);
    expect(() => createWorkCalendar([{ ...bad, workdays: [{ date: '2027-13-01', name: 'x' }] }])).toThrow(ParseError);
  });

  it('an empty calendar uses the weekday rule everywhere and reports the years', () => {
    const empty = createWorkCalendar([]);
    expect(empty.isWorkingDay('2025-10-01')).toBe(true);
    expect(empty.addWorkingDays('2025-09-26', 3)).toEqual({ date: '2025-10-01', missingYears: [2025] });
  });
});
