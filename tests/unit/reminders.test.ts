/**
 * Desktop reminders (issue 19): one notification per kind per day, quiet on weekends and holidays unless something
 * is overdue, counted against the 2026 holiday notice (国庆: 10-01…10-07 off, Saturday 10-10 a working day).
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_HOLIDAY_YEARS, createWorkCalendar } from '../../shared/domain/calendar';
import { markSent, msUntilNextMorning, planReminders, type ReminderDashboard } from '../../shared/domain/reminders';

const cal = createWorkCalendar(BUILTIN_HOLIDAY_YEARS);

const overdue = { clientName: '太原晋祠兴旅游服务有限公司', rule: 'correction', subject: null, due: '2026-09-30' };
const inspection = { clientName: '大同沃土坊农产品供应链有限公司', date: '2026-10-09', time: '14:30', readinessPercent: 50 };
const renewal = { clientName: '晋中重工源装备科技有限公司', licenceNumber: '晋B2-20210001', expiresOn: '2026-12-31', daysToExpiry: 89, state: 'warn' as const };

function dashboard(parts: { overdue?: boolean; inspections?: boolean; renewals?: boolean }): ReminderDashboard {
  return {
    overdue: parts.overdue ? { total: 1, items: [overdue] } : { total: 0, items: [] },
    inspections: { today: [], tomorrow: parts.inspections ? [inspection] : [] },
    renewals: { items: parts.renewals ? [renewal, { ...renewal, clientName: '只提醒不警告', state: 'remind' as const }] : [] },
  };
}

describe('planReminders', () => {
  it('on a working day sends each kind that has something, once', () => {
    const today = '2026-10-08'; // Thursday after 国庆
    expect(cal.isWorkingDay(today)).toBe(true);
    const plan = planReminders({ dashboard: dashboard({ overdue: true, inspections: true, renewals: true }), today, workingDay: true, sent: {}, enabled: true });
    expect(plan.map((r) => r.kind)).toEqual(['overdue', 'inspections', 'renewals']);
    expect(plan[0].lines).toEqual([{ kind: 'overdue', clientName: overdue.clientName, rule: 'correction', subject: null, due: '2026-09-30', daysOverdue: 8 }]);
    expect(plan[1].lines[0]).toMatchObject({ kind: 'inspection', when: 'tomorrow', time: '14:30', readinessPercent: 50 });
    // Only licences past their warning date: the one still at 'remind' is not a reminder yet.
    expect(plan[2].count).toBe(1);

    const sent = markSent({}, plan, today);
    expect(sent).toEqual({ overdue: today, inspections: today, renewals: today });
    expect(planReminders({ dashboard: dashboard({ overdue: true, inspections: true, renewals: true }), today, workingDay: true, sent, enabled: true })).toEqual([]);
    // The next morning, again.
    expect(planReminders({ dashboard: dashboard({ overdue: true }), today: '2026-10-09', workingDay: true, sent, enabled: true }).map((r) => r.kind)).toEqual(['overdue']);
  });

  it('a kind already sent today is skipped while the others still go', () => {
    const plan = planReminders({ dashboard: dashboard({ overdue: true, inspections: true }), today: '2026-10-08', workingDay: true, sent: { overdue: '2026-10-08', inspections: '2026-10-07' }, enabled: true });
    expect(plan.map((r) => r.kind)).toEqual(['inspections']);
  });

  it('on Saturday 2026-10-03 (国庆) only overdue deadlines are sent, and nothing when none is overdue', () => {
    const today = '2026-10-03';
    expect(cal.isWorkingDay(today)).toBe(false);
    const quiet = planReminders({ dashboard: dashboard({ inspections: true, renewals: true }), today, workingDay: cal.isWorkingDay(today), sent: {}, enabled: true });
    expect(quiet).toEqual([]);
    const loud = planReminders({ dashboard: dashboard({ overdue: true, inspections: true, renewals: true }), today, workingDay: cal.isWorkingDay(today), sent: {}, enabled: true });
    expect(loud.map((r) => r.kind)).toEqual(['overdue']);
    expect(loud[0].lines[0]).toMatchObject({ daysOverdue: 3 });
  });

  it('on Saturday 2026-10-10 (调休上班) everything is sent as on any working day', () => {
    const today = '2026-10-10';
    expect(cal.isWorkingDay(today)).toBe(true);
    const plan = planReminders({ dashboard: dashboard({ inspections: true, renewals: true }), today, workingDay: cal.isWorkingDay(today), sent: {}, enabled: true });
    expect(plan.map((r) => r.kind)).toEqual(['inspections', 'renewals']);
  });

  it('sends nothing when the user turned reminders off', () => {
    expect(planReminders({ dashboard: dashboard({ overdue: true, inspections: true, renewals: true }), today: '2026-10-08', workingDay: true, sent: {}, enabled: false })).toEqual([]);
  });

  it('lists at most three facts per notification and keeps the true count', () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ ...overdue, clientName: `客户${i + 1}` }));
    const plan = planReminders({ dashboard: { ...dashboard({}), overdue: { total: 12, items } }, today: '2026-10-08', workingDay: true, sent: {}, enabled: true });
    expect(plan[0].count).toBe(12);
    expect(plan[0].lines.map((l) => l.clientName)).toEqual(['客户1', '客户2', '客户3']);
  });
});

describe('msUntilNextMorning', () => {
  it('waits until 08:00 local time today or tomorrow', () => {
    const at = (h: number, m: number) => { const d = new Date(2026, 9, 8, h, m, 0, 0); return d; };
    expect(msUntilNextMorning(at(7, 0))).toBe(60 * 60_000);
    expect(msUntilNextMorning(at(8, 0))).toBe(24 * 60 * 60_000);
    expect(msUntilNextMorning(at(21, 30))).toBe(10.5 * 60 * 60_000);
  });
});
