import { afterAll, describe, expect, it } from 'vitest';
import { ParseError } from '../../shared/errors';
import {
  addWeeks,
  chinaToday,
  defaultSummaryWeek,
  isoWeekFromId,
  isoWeekId,
  isoWeekOf,
  weekFromText,
  weekLabel,
  weekShortLabel,
  weeksInYear,
} from '../../shared/domain/weeks';

const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'] as const;
/** Offset (minutes, as getTimezoneOffset gives it) of each zone on 2026-01-15, to prove TZ really switched. */
const OFFSET_IN_JANUARY: Record<(typeof ZONES)[number], number> = {
  UTC: 0,
  'Asia/Shanghai': -480,
  'America/Los_Angeles': 480,
};

const savedTz = process.env.TZ;
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

for (const zone of ZONES) {
  describe(`ISO weeks with TZ=${zone}`, () => {
    const setZone = () => {
      process.env.TZ = zone;
      expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(OFFSET_IN_JANUARY[zone]);
    };

    it.each<[string, string, string, string]>([
      ['2025-12-28', '2025-W52', '2025-12-22', '2025-12-28'],
      ['2025-12-29', '2026-W01', '2025-12-29', '2026-01-04'],
      ['2025-12-31', '2026-W01', '2025-12-29', '2026-01-04'],
      ['2026-01-01', '2026-W01', '2025-12-29', '2026-01-04'],
      ['2026-01-04', '2026-W01', '2025-12-29', '2026-01-04'],
      ['2026-01-05', '2026-W02', '2026-01-05', '2026-01-11'],
      ['2026-11-23', '2026-W48', '2026-11-23', '2026-11-29'],
      ['2026-11-29', '2026-W48', '2026-11-23', '2026-11-29'],
      ['2026-11-30', '2026-W49', '2026-11-30', '2026-12-06'],
      ['2026-12-31', '2026-W53', '2026-12-28', '2027-01-03'],
      ['2027-01-03', '2026-W53', '2026-12-28', '2027-01-03'],
      ['2027-01-04', '2027-W01', '2027-01-04', '2027-01-10'],
      ['2024-12-30', '2025-W01', '2024-12-30', '2025-01-05'],
      ['2021-01-03', '2020-W53', '2020-12-28', '2021-01-03'],
    ])('%s is in %s (%s ~ %s)', (date, id, start, end) => {
      setZone();
      const w = isoWeekOf(date);
      expect(isoWeekId(w)).toBe(id);
      expect(w.start).toBe(start);
      expect(w.end).toBe(end);
      expect(isoWeekFromId(id)).toEqual(w);
    });

    it('weeksInYear', () => {
      setZone();
      expect(weeksInYear(2025)).toBe(52);
      expect(weeksInYear(2026)).toBe(53);
      expect(weeksInYear(2020)).toBe(53);
      expect(weeksInYear(2027)).toBe(52);
    });

    it('isoWeekFromId / addWeeks', () => {
      setZone();
      expect(isoWeekFromId('2026-W01')).toEqual({ year: 2026, week: 1, start: '2025-12-29', end: '2026-01-04' });
      expect(isoWeekFromId('2026w1')).toEqual(isoWeekFromId('2026-W01'));
      expect(isoWeekFromId('2026-W53').start).toBe('2026-12-28');
      expect(() => isoWeekFromId('2025-W53')).toThrow(ParseError);
      expect(() => isoWeekFromId('2026-W00')).toThrow(ParseError);
      expect(() => isoWeekFromId('第48周')).toThrow(ParseError);
      const w52 = isoWeekFromId('2025-W52');
      expect(isoWeekId(addWeeks(w52, 1))).toBe('2026-W01');
      expect(isoWeekId(addWeeks(isoWeekFromId('2026-W01'), -1))).toBe('2025-W52');
      expect(isoWeekId(addWeeks(isoWeekFromId('2026-W48'), 5))).toBe('2026-W53');
      expect(isoWeekId(addWeeks(isoWeekFromId('2026-W48'), 6))).toBe('2027-W01');
      expect(isoWeekId(addWeeks(isoWeekFromId('2026-W48'), 0))).toBe('2026-W48');
    });

    it('weekLabel', () => {
      setZone();
      const w48 = isoWeekFromId('2026-W48');
      const w1 = isoWeekFromId('2026-W01');
      const w53 = isoWeekFromId('2026-W53');
      expect(weekLabel(w48)).toBe('2026年第48周（11-23 ~ 11-29）');
      expect(weekLabel(w48, 'zh-CN')).toBe('2026年第48周（11-23 ~ 11-29）');
      expect(weekLabel(w1)).toBe('2026年第1周（2025-12-29 ~ 2026-01-04）');
      expect(weekLabel(w53)).toBe('2026年第53周（2026-12-28 ~ 2027-01-03）');
      expect(weekLabel(w48, 'en')).toBe('Week 48, 2026 (11-23 ~ 11-29)');
      expect(weekLabel(w1, 'en')).toBe('Week 1, 2026 (2025-12-29 ~ 2026-01-04)');
    });

    it('weekShortLabel and weekFromText (the week picker: 2026年第48周 / 2026-W48)', () => {
      setZone();
      const w48 = isoWeekFromId('2026-W48');
      expect(weekShortLabel(w48)).toBe('2026年第48周');
      expect(weekShortLabel(isoWeekFromId('2026-W01'), 'zh-CN')).toBe('2026年第1周');
      expect(weekShortLabel(w48, 'en')).toBe('2026-W48');
      for (const text of ['2026年第48周', '2026 年 第 48 周', '２０２６年第４８周', '2026年48周', '2026-W48', '2026w48']) {
        expect(weekFromText(text).start, text).toBe('2026-11-23');
      }
      expect(weekFromText('2026年第1周').start).toBe('2025-12-29');
      expect(() => weekFromText('2025年第53周')).toThrow(ParseError);
      expect(() => weekFromText('第48周')).toThrow(ParseError);
      expect(() => weekFromText('')).toThrow(ParseError);
    });

    it.each<[string, string]>([
      ['2026-11-30', '2026-W48'], // Monday → the last complete week
      ['2026-11-29', '2026-W48'], // Sunday
      ['2026-12-01', '2026-W49'],
      ['2026-01-05', '2026-W01'], // Monday after a week that straddles New Year
      ['2025-12-29', '2025-W52'],
      ['2026-01-01', '2026-W01'], // Thursday in a week that starts in 2025
      ['2027-01-04', '2026-W53'], // Monday after 2026's week 53
      ['2026-12-31', '2026-W53'],
      ['2026-01-04', '2026-W01'], // Sunday (an adjusted working day in 2026): still the current week
    ])('defaultSummaryWeek(%s) = %s', (today, id) => {
      setZone();
      expect(isoWeekId(defaultSummaryWeek(today))).toBe(id);
    });

    it.each<[string, string]>([
      ['2026-11-29T17:30:00Z', '2026-11-30'],
      ['2026-11-29T15:59:59Z', '2026-11-29'],
      ['2026-11-29T16:00:00Z', '2026-11-30'],
      ['2025-12-31T16:00:00Z', '2026-01-01'],
      ['2026-11-30T01:00:00+08:00', '2026-11-30'],
    ])('chinaToday(%s) = %s', (instant, date) => {
      setZone();
      expect(chinaToday(new Date(instant))).toBe(date);
    });

    it.each<[string, string, string]>([
      // Host instant → China date → default week. 17:00Z Monday is already Tuesday in China: the current week,
      // although the process's own zone (UTC, Los Angeles) still says Monday.
      ['2026-11-30T17:00:00Z', '2026-12-01', '2026-W49'],
      ['2026-11-29T17:00:00Z', '2026-11-30', '2026-W48'], // Monday 01:00 in China: last complete week
      ['2026-11-29T15:00:00Z', '2026-11-29', '2026-W48'], // Sunday 23:00 in China
      ['2027-01-03T16:30:00Z', '2027-01-04', '2026-W53'],
    ])('default week from the host clock %s (China %s) = %s', (instant, date, id) => {
      setZone();
      expect(chinaToday(new Date(instant))).toBe(date);
      expect(isoWeekId(defaultSummaryWeek(chinaToday(new Date(instant))))).toBe(id);
    });

    it('labels at year ends', () => {
      setZone();
      expect(weekLabel(isoWeekOf('2025-12-28'))).toBe('2025年第52周（12-22 ~ 12-28）');
      expect(weekLabel(isoWeekOf('2025-12-29'))).toBe('2026年第1周（2025-12-29 ~ 2026-01-04）');
      expect(weekLabel(isoWeekOf('2026-12-31'))).toBe('2026年第53周（2026-12-28 ~ 2027-01-03）');
      expect(weekLabel(isoWeekOf('2027-01-04'))).toBe('2027年第1周（01-04 ~ 01-10）');
      expect(isoWeekOf('2025-12-31').week).toBe(1);
      expect(() => isoWeekFromId('2025-W53')).toThrow(/2025年没有第53周/);
    });

    it('rejects invalid dates', () => {
      setZone();
      expect(() => isoWeekOf('2026-02-30')).toThrow(ParseError);
      expect(() => isoWeekOf('2026/01/01')).toThrow(ParseError);
    });
  });
}
