import { describe, expect, it } from 'vitest';
import { addMonths, addYears, BUILTIN_HOLIDAY_YEARS, createWorkCalendar, mergeHolidayYears, type HolidayYear } from '../../shared/domain/calendar';
import { computeDeadline, DEADLINE_RULES, DEADLINE_RULE_KEYS, type DeadlineRuleKey } from '../../shared/domain/deadline-rules';
import { processDeadlines, type ProcessSnapshot } from '../../shared/domain/deadlines';

const cal = createWorkCalendar(BUILTIN_HOLIDAY_YEARS);

describe('the official calendars (spec §5), table-driven', () => {
  it.each<[string, string, number]>([
    ['2025-09-26', '2025-10-12', 7], // 2025 National Day: 09-26, 09-28 (调休), 09-29, 09-30, 10-09, 10-10, 10-11 (调休)
    // 2026 中秋+国庆: 09-18, 09-20 (调休), 09-21…24, 09-28…30, 10-08, 10-09, 10-10 (调休)
    ['2026-09-18', '2026-10-11', 1 + 1 + 4 + 3 + 3],
    ['2026-02-14', '2026-02-28', 1 + 4 + 1], // 02-14 (调休), 02-24…27, 02-28 (调休)
  ])('working days in [%s, %s] = %i', (a, b, n) => expect(cal.workingDaysBetween(a, b)).toEqual({ days: n, missingYears: [] }));

  it.each<[string, number, string, number[]]>([
    ['2025-09-26', 3, '2025-09-30', []], // Friday → Sun 09-28 (调休), Mon 09-29, Tue 09-30
    ['2026-09-18', 3, '2026-09-22', []], // Friday → Sun 09-20 (调休), 09-21, 09-22
    ['2026-09-24', 5, '2026-10-09', []], // Thursday before 中秋: 09-28, 09-29, 09-30, 10-08, 10-09
    ['2026-12-31', 5, '2027-01-07', [2027]], // 2027 not loaded
  ])('%s + %i working days = %s', (d, n, due, missing) => expect(cal.addWorkingDays(d, n)).toEqual({ date: due, missingYears: missing }));

  it.each<[string, boolean]>([['2026-02-14', true], ['2026-02-16', false], ['2026-09-20', true], ['2026-10-08', true], ['2026-10-05', false]])(
    '%s working: %s', (d, w) => expect(cal.isWorkingDay(d)).toBe(w),
  );
});

describe('computeDeadline', () => {
  it.each<[DeadlineRuleKey, string, string, string]>([
    ['pre_review', '2026-09-24', '2026-09-24', '2026-10-09'],
    ['correction', '2026-09-18', '2026-09-18', '2026-09-21'], // calendar days (documented choice)
    ['formal_review', '2026-02-13', '2026-02-13', '2026-03-05'], // across 春节
    ['formal_review_legal', '2026-02-13', '2026-02-13', '2026-04-14'],
    ['licence_issue', '2025-09-30', '2025-09-30', '2025-10-14'], // 10-09, 10-10, 10-11 (调休), 10-13, 10-14
    ['material_target', '2026-03-02', '2026-03-02', '2026-03-02'],
  ])('%s from %s', (rule, start, today, due) => expect(computeDeadline(rule, start, cal, today).due).toBe(due));

  it('5 working days after 2026-12-31 carries the "2027 not loaded" warning', () => {
    const d = computeDeadline('pre_review', '2026-12-31', cal, '2026-12-31');
    expect(d).toMatchObject({ due: '2027-01-07', missingYears: [2027] });
    const loaded = createWorkCalendar(mergeHolidayYears(BUILTIN_HOLIDAY_YEARS, [{ year: 2027, source: 'test', holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] }]));
    expect(computeDeadline('pre_review', '2026-12-31', loaded, '2026-12-31')).toMatchObject({ due: '2027-01-08', missingYears: [] });
  });

  it('counts the remaining time in the rule\'s unit and marks the level', () => {
    // Initial review due 2026-10-09; on 09-30 one working day (10-08) plus the due day remain.
    expect(computeDeadline('pre_review', '2026-09-24', cal, '2026-09-30')).toMatchObject({ remaining: 2, level: 'later' });
    expect(computeDeadline('pre_review', '2026-09-24', cal, '2026-10-09')).toMatchObject({ remaining: 0, level: 'today' });
    expect(computeDeadline('pre_review', '2026-09-24', cal, '2026-10-12')).toMatchObject({ remaining: -3, level: 'overdue' });
    expect(computeDeadline('correction', '2026-09-18', cal, '2026-09-19')).toMatchObject({ remaining: 2, level: 'soon' });
  });

  it('a calendar-day deadline ending on a holiday names it and the last working day before', () => {
    expect(computeDeadline('correction', '2026-09-29', cal, '2026-09-29')).toMatchObject({
      due: '2026-10-02', dueOff: { name: '国庆节', lastWorkingDay: '2026-09-30' },
    });
    expect(computeDeadline('correction', '2026-09-18', cal, '2026-09-18').dueOff).toBeNull();
  });

  it('every rule has a source and a known unit', () => {
    for (const k of DEADLINE_RULE_KEYS) {
      expect(DEADLINE_RULES[k].sourceZh.length).toBeGreaterThan(5);
      expect(DEADLINE_RULES[k].sourceEn.length).toBeGreaterThan(5);
      expect(['working_days', 'calendar_days', 'months']).toContain(DEADLINE_RULES[k].unit);
    }
  });
});

describe('addMonths / addYears clamp month ends', () => {
  it.each<[string, number, string]>([
    ['2028-08-31', -6, '2028-02-29'],
    ['2027-08-31', -6, '2027-02-28'],
    ['2028-02-29', -6, '2027-08-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-31', 3, '2027-03-31'],
    ['2025-12-31', 4, '2026-04-30'],
    ['2026-03-15', -15, '2024-12-15'],
  ])('%s %+i months = %s', (d, n, r) => expect(addMonths(d, n)).toBe(r));
  it('addYears: Feb 29 → Feb 28', () => {
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2023-03-01', 5)).toBe('2028-03-01');
  });
});

describe('mergeHolidayYears', () => {
  it('a user year replaces the built-in year wholesale and adds new years', () => {
    const user: HolidayYear[] = [
      { year: 2026, source: '更正', holidays: [{ date: '2026-01-01', name: '元旦' }], workdays: [] },
      { year: 2027, source: '2027通知', holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] },
    ];
    const merged = mergeHolidayYears(BUILTIN_HOLIDAY_YEARS, user);
    expect(merged.map((y) => [y.year, y.source])).toEqual([[2025, BUILTIN_HOLIDAY_YEARS[0].source], [2026, '更正'], [2027, '2027通知']]);
  });
});

describe('processDeadlines', () => {
  const base: ProcessSnapshot = {
    stage: 'pre_application',
    dates: { preApplicationOn: null, preReviewDoneOn: null, correctionRequestedOn: null, correctionDoneOn: null, formalSubmissionOn: null, formalReviewDoneOn: null, inspectionPassedOn: null },
    openCorrections: [], targets: [], licenceIssued: false,
  };
  const snap = (p: Partial<Omit<ProcessSnapshot, 'dates'>> & { dates?: Partial<ProcessSnapshot['dates']> }): ProcessSnapshot => ({ ...base, ...p, dates: { ...base.dates, ...p.dates } });
  const rules = (s: ProcessSnapshot, today = '2026-09-18') => processDeadlines(s, cal, today).map((d) => `${d.rule}:${d.due}`);

  it('pre-application opens the initial review; a later correction request closes it and opens the correction window', () => {
    expect(rules(snap({ dates: { preApplicationOn: '2026-09-10' } }))).toEqual(['pre_review:2026-09-17']);
    expect(rules(snap({ dates: { preApplicationOn: '2026-09-10', correctionRequestedOn: '2026-09-18' } }))).toEqual(['correction:2026-09-21']);
    expect(rules(snap({ dates: { preApplicationOn: '2026-09-10', correctionRequestedOn: '2026-09-18', correctionDoneOn: '2026-09-20' } }))).toEqual([]);
    expect(rules(snap({ dates: { preApplicationOn: '2026-09-10', preReviewDoneOn: '2026-09-15' } }))).toEqual([]);
  });

  it('materials in 需补正 open the correction window from the earliest request, naming them', () => {
    const d = processDeadlines(snap({ openCorrections: [{ itemKey: 'B02', title: '场地消防备案证明', since: '2026-09-18' }, { itemKey: 'C02', title: '近1个月社保缴纳证明', since: '2026-09-17' }] }), cal, '2026-09-18');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ rule: 'correction', start: '2026-09-17', due: '2026-09-20', subject: '场地消防备案证明、近1个月社保缴纳证明' });
  });

  it('formal submission gives the 10-working-day review and the 60-day outer limit, closed by a stage beyond', () => {
    const s = snap({ stage: 'formal_submission', dates: { formalSubmissionOn: '2026-09-24' } });
    expect(rules(s)).toEqual(['formal_review:2026-10-15', 'formal_review_legal:2026-11-23']);
    expect(rules({ ...s, stage: 'site_inspection' })).toEqual([]);
  });

  it('a passed inspection gives the licence issue until a licence is recorded; material targets until checked', () => {
    const s = snap({ stage: 'issuance', dates: { inspectionPassedOn: '2026-09-30' }, targets: [{ itemKey: 'A01', title: '申请表', due: '2026-09-25' }] });
    expect(rules(s)).toEqual(['material_target:2026-09-25', 'licence_issue:2026-10-13']); // 10-08, 10-09, 10-10 (调休), 10-12, 10-13
    expect(rules({ ...s, licenceIssued: true })).toEqual(['material_target:2026-09-25']);
    expect(rules({ ...s, stage: 'aftercare' })).toEqual([]);
  });
});
