/**
 * Every after-care window (spec §7) on both sides of each boundary, leap years included (issue 12, item 11).
 * Expected dates were counted independently with GNU `date -d "<expiry> -120 days"` etc., never with the code under test.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_HOLIDAY_YEARS, createWorkCalendar } from '../../shared/domain/calendar';
import { annualReportStatus, changeFilingStatus, renewalStatus, type RenewalState } from '../../shared/domain/licence';

const cal = createWorkCalendar(BUILTIN_HOLIDAY_YEARS);

describe('renewal: 6 months (agency) / 120 days (90 + 30 margin) / 90 days (legal last day) / expiry', () => {
  // [expiry, remindOn, warnFrom, legalLast]
  const cases: Array<[string, string, string, string]> = [
    ['2031-09-22', '2031-03-22', '2031-05-25', '2031-06-24'],
    ['2028-02-29', '2027-08-29', '2027-11-01', '2027-12-01'], // leap-day expiry
    ['2024-03-01', '2023-09-01', '2023-11-02', '2023-12-02'], // the count crosses 2024-02-29
    ['2029-03-01', '2028-09-01', '2028-11-01', '2028-12-01'], // common February
  ];
  const before: Record<string, [string, string, string, string]> = {
    // the day before remind / warn, the day after the legal last day, the day after expiry
    '2031-09-22': ['2031-03-21', '2031-05-24', '2031-06-25', '2031-09-23'],
    '2028-02-29': ['2027-08-28', '2027-10-31', '2027-12-02', '2028-03-01'],
    '2024-03-01': ['2023-08-31', '2023-11-01', '2023-12-03', '2024-03-02'],
    '2029-03-01': ['2028-08-31', '2028-10-31', '2028-12-02', '2029-03-02'],
  };
  it.each(cases)('expiry %s: remind %s, warn %s, legal last day %s', (expiry, remind, warn, legal) => {
    expect(renewalStatus(expiry, null, cal, '2020-01-01')).toMatchObject({ remindOn: remind, warnFrom: warn, legalLast: legal });
    const [remindEve, warnEve, legalNext, expiryNext] = before[expiry];
    const at = (d: string): RenewalState => renewalStatus(expiry, null, cal, d).state;
    expect([at(remindEve), at(remind)]).toEqual(['ok', 'remind']);
    expect([at(warnEve), at(warn)]).toEqual(['remind', 'warn']);
    expect([at(legal), at(legalNext)]).toEqual(['warn', 'alarm']);
    expect([at(expiry), at(expiryNext)]).toEqual(['alarm', 'expired']);
  });
});

describe('annual report: 01-01 … 03-31, April late window', () => {
  it.each<[number, string, string, string, string, string, string]>([
    // year, Dec 31 before, Jan 1, Mar 31, Apr 1, Apr 30, May 1
    [2028, '2027-12-31', '2028-01-01', '2028-03-31', '2028-04-01', '2028-04-30', '2028-05-01'], // leap year
    [2027, '2026-12-31', '2027-01-01', '2027-03-31', '2027-04-01', '2027-04-30', '2027-05-01'],
  ])('%i', (year, eve, opens, due, lateFirst, lateLast, missed) => {
    const at = (d: string) => annualReportStatus(year, null, cal, d).state;
    expect([at(eve), at(opens)]).toEqual(['upcoming', 'open']);
    expect([at(due), at(lateFirst)]).toEqual(['open', 'late']);
    expect([at(lateLast), at(missed)]).toEqual(['late', 'missed']);
  });
});

describe('change filings: 10 days (agency), 30 days (regulation)', () => {
  it.each<[string, string, string, string, string]>([
    // changed, day 10, day 11, day 30, day 31
    ['2028-02-20', '2028-03-01', '2028-03-02', '2028-03-21', '2028-03-22'], // leap February
    ['2027-02-20', '2027-03-02', '2027-03-03', '2027-03-22', '2027-03-23'],
    ['2024-02-25', '2024-03-06', '2024-03-07', '2024-03-26', '2024-03-27'],
  ])('changed %s', (changed, d10, d11, d30, d31) => {
    const at = (d: string) => changeFilingStatus(changed, null, cal, d);
    expect(at(changed)).toMatchObject({ agency: { due: d10 }, legal: { due: d30 } });
    expect([at(d10).state, at(d11).state]).toEqual(['ok', 'late']);
    expect([at(d30).state, at(d31).state]).toEqual(['late', 'alarm']);
  });
});
