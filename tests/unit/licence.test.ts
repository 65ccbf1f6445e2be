import { describe, expect, it } from 'vitest';
import { BUILTIN_HOLIDAY_YEARS, createWorkCalendar } from '../../shared/domain/calendar';
import {
  annualReportApplies, annualReportStatus, changeFilingStatus, defaultExpiry, parseLicenceNumber, renewalStatus, type RenewalState,
} from '../../shared/domain/licence';
import { formatHolidayText, parseHolidayText } from '../../shared/domain/holiday-text';

const cal = createWorkCalendar(BUILTIN_HOLIDAY_YEARS);

describe('licence number 晋B2-YYYYNNNN[-N]', () => {
  it.each<[string, string]>([
    ['晋B2-20150015', '晋B2-20150015'],
    ['晋B2-20050219-1', '晋B2-20050219-1'],
    [' 晋B2-20150015 ', '晋B2-20150015'],
    ['晉b2－20150015', '晋B2-20150015'],
    ['晋Ｂ２－２０１５００１５', '晋B2-20150015'],
  ])('%s is valid as %s', (raw, n) => expect(parseLicenceNumber(raw)).toMatchObject({ ok: true, number: n }));
  it.each(['晋B2-2015001', '京B2-20150015', '晋B1-20150015', '晋B2-20150015-', '晋B2-18990001', 'B2-20150015', ''])('%s is refused', (raw) => {
    const r = parseLicenceNumber(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/许可证编号/);
  });
});

describe('validity and renewal (spec §7)', () => {
  it('expiry defaults to 5 years, Feb 29 → Feb 28', () => {
    expect(defaultExpiry('2023-03-01')).toBe('2028-03-01');
    expect(defaultExpiry('2024-02-29')).toBe('2029-02-28');
  });

  it.each<[string, string, string, string]>([
    // warn from = expiry − 120 calendar days, legal last day = expiry − 90 (values counted with GNU date -d "… -120 days").
    ['2028-02-29', '2027-08-29', '2027-11-01', '2027-12-01'], // leap-day expiry
    ['2028-08-31', '2028-02-29', '2028-05-03', '2028-06-02'], // 6 months back lands on a leap day
    ['2027-08-31', '2027-02-28', '2027-05-03', '2027-06-02'], // …and on Feb 28 in a common year
    ['2026-03-31', '2025-09-30', '2025-12-01', '2025-12-31'],
    ['2031-09-22', '2031-03-22', '2031-05-25', '2031-06-24'], // issue 12: 120 days before 2031-09-22 is 05-25
    ['2024-03-01', '2023-09-01', '2023-11-02', '2023-12-02'], // the 90 days cross a leap February
  ])('expiry %s: remind %s, warn from %s, legal last day %s', (expiry, remind, warn, legal) => {
    expect(renewalStatus(expiry, null, cal, '2020-01-01')).toMatchObject({ remindOn: remind, warnFrom: warn, legalLast: legal, state: 'ok' });
  });

  it.each<[string, RenewalState]>([
    ['2027-08-28', 'ok'], ['2027-08-29', 'remind'], ['2027-10-31', 'remind'], ['2027-11-01', 'warn'], ['2027-12-01', 'warn'],
    ['2027-12-02', 'alarm'], ['2028-02-29', 'alarm'], ['2028-03-01', 'expired'],
  ])('expiry 2028-02-29 on %s → %s', (today, state) => {
    expect(renewalStatus('2028-02-29', null, cal, today).state).toBe(state);
  });

  it('an applied renewal closes the reminders', () => {
    expect(renewalStatus('2028-02-29', '2027-10-15', cal, '2027-12-20').state).toBe('applied');
  });

  it('the legal last day is a deadline with days left', () => {
    expect(renewalStatus('2028-02-29', null, cal, '2027-11-21').deadline).toMatchObject({ due: '2027-12-01', remaining: 10, level: 'later' });
  });
});

describe('annual report (spec §7)', () => {
  it.each<[string, string]>([
    ['2027-12-31', 'upcoming'], ['2028-01-01', 'open'], ['2028-02-29', 'open'], ['2028-03-31', 'open'],
    ['2028-04-01', 'late'], ['2028-04-30', 'late'], ['2028-05-01', 'missed'],
  ])('2028 report on %s is %s', (today, state) => {
    const s = annualReportStatus(2028, null, cal, today);
    expect(s).toMatchObject({ opens: '2028-01-01', due: '2028-03-31', lateUntil: '2028-04-30', state });
    expect(s.deadline.due).toBe(state === 'late' || state === 'missed' ? '2028-04-30' : '2028-03-31');
  });

  it('filed is done', () => expect(annualReportStatus(2027, '2027-03-15', cal, '2027-05-01').state).toBe('done'));

  it('counts days left to 03-31 in a leap year', () => {
    expect(annualReportStatus(2028, null, cal, '2028-02-28').deadline.remaining).toBe(32); // 02-29 + 31 days of March
    expect(annualReportStatus(2027, null, cal, '2027-02-28').deadline.remaining).toBe(31);
  });

  it.each<[string, string, number, boolean]>([
    ['2025-06-15', '2030-06-15', 2026, true],
    ['2025-06-15', '2030-06-15', 2025, false], // issued during the year: nothing to report for 2024
    ['2025-12-31', '2030-12-31', 2026, true],
    ['2026-01-01', '2031-01-01', 2026, false],
    ['2020-03-01', '2025-03-01', 2026, true], // valid for part of 2025: report 2025
    ['2020-03-01', '2025-03-01', 2027, false],
  ])('licence %s–%s owes the %i report: %s', (issued, expires, year, owes) => expect(annualReportApplies(issued, expires, year)).toBe(owes));
});

describe('change filings: 10 days (agency), 30 days (regulation)', () => {
  it.each<[string, string, string]>([
    ['2026-01-31', '2026-02-10', '2026-03-02'],
    ['2028-02-20', '2028-03-01', '2028-03-21'], // leap February
    ['2027-02-20', '2027-03-02', '2027-03-22'],
    ['2026-12-25', '2027-01-04', '2027-01-24'], // across the year end
  ])('changed %s → agency %s, legal %s', (changed, agency, legal) => {
    const s = changeFilingStatus(changed, null, cal, changed);
    expect([s.agency.due, s.legal.due, s.state]).toEqual([agency, legal, 'ok']);
  });

  it('late after 10 days, alarm after 30, filed closes', () => {
    expect(changeFilingStatus('2026-01-31', null, cal, '2026-02-11').state).toBe('late');
    expect(changeFilingStatus('2026-01-31', null, cal, '2026-03-03').state).toBe('alarm');
    expect(changeFilingStatus('2026-01-31', '2026-02-05', cal, '2026-03-03').state).toBe('filed');
  });
});

describe('holiday text (settings)', () => {
  it('parses ranges, lists and either order, one entry per day', () => {
    const r = parseHolidayText('元旦 2027-01-01~2027-01-03\n# comment\n\n2027/2/6 至 2027/2/8 春节\n清明节 2027-04-05、2027-04-06');
    expect(r.issues).toEqual([]);
    expect(r.days.map((d) => `${d.date} ${d.name}`)).toEqual([
      '2027-01-01 元旦', '2027-01-02 元旦', '2027-01-03 元旦', '2027-02-06 春节', '2027-02-07 春节', '2027-02-08 春节',
      '2027-04-05 清明节', '2027-04-06 清明节',
    ]);
  });

  it('names the line of each problem', () => {
    const r = parseHolidayText('元旦 2027-01-01\n春节\n2027-02-30 春节\n国庆 2027-10-07~2027-10-01\n2027-01-01 元旦\n2027-05-01');
    expect(r.issues.map((i) => i.line)).toEqual([2, 3, 4, 5, 6]);
    expect(r.issues[1].message).toContain('2027-02-30');
  });

  it('formats back to ranges (round trip of the built-in 2026 data)', () => {
    const y2026 = BUILTIN_HOLIDAY_YEARS[1];
    const text = formatHolidayText(y2026.holidays);
    expect(text.split('\n')[0]).toBe('元旦 2026-01-01~2026-01-03');
    expect(parseHolidayText(text).days).toEqual(y2026.holidays);
    expect(parseHolidayText(formatHolidayText(y2026.workdays)).days).toEqual(y2026.workdays);
  });
});

describe('holiday text: the notations people type', () => {
  it('reads …, short range ends and 至…日, and never drops a line it cannot read', () => {
    const r = parseHolidayText('元旦 2027-01-01…2027-01-03\n春节 2027-02-06~02-12\n清明 2027-04-03至2027-04-05\n劳动节 2027年5月1日至5日\n中秋 2027-9-15~9/16');
    expect(r.issues).toEqual([]);
    const by = (name: string) => r.days.filter((d) => d.name === name).map((d) => d.date);
    expect(by('元旦')).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
    expect(by('春节')).toHaveLength(7);
    expect(by('春节').at(-1)).toBe('2027-02-12');
    expect(by('清明')).toEqual(['2027-04-03', '2027-04-04', '2027-04-05']);
    expect(by('劳动节')).toEqual(['2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04', '2027-05-05']);
    expect(by('中秋')).toEqual(['2027-09-15', '2027-09-16']);
    expect(r.days).toHaveLength(20);
    const bad = parseHolidayText('国庆 2027-10-01~10月7号\n端午 6月9日');
    expect(bad.issues.map((i) => i.line)).toEqual([1, 2]);
  });
});
