/**
 * Daily desktop reminders (issue 19): what the home page shows as urgent, as at most one notification per kind per
 * day. Pure: the caller supplies the dashboard (`dashboard.get`), today's China date, whether today is a working day
 * (the working-day calendar, built-in years plus the user's), and the log of what was already sent.
 *
 * Kinds, in the order they are shown:
 * - `overdue`: open deadlines past their due date (dashboard.overdue);
 * - `inspections`: site inspections today and tomorrow, with readiness;
 * - `renewals`: licences past their renewal warning date (dashboard.renewals in state warn / alarm / expired).
 *
 * Quiet days: on a weekend or statutory holiday (per the calendar, so a 调休 Saturday counts as a working day) only
 * `overdue` is sent, and only when something is overdue.
 */

/** The three kinds of reminder. */
export const REMINDER_KINDS = ['overdue', 'inspections', 'renewals'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** What was last sent: kind → the China date (YYYY-MM-DD) of the last notification of that kind. */
export type ReminderLog = Partial<Record<ReminderKind, string>>;

/** One notification to show; `lines` are the facts in order (client and date), at most `MAX_LINES`. */
export interface Reminder {
  kind: ReminderKind;
  count: number;
  lines: ReminderLine[];
}

/** One fact of a reminder: who, what date, and the figure that matters (days overdue, readiness %, days to expiry). */
export type ReminderLine =
  | { kind: 'overdue'; clientName: string; rule: string; subject: string | null; due: string; daysOverdue: number }
  | { kind: 'inspection'; clientName: string; date: string; time: string | null; when: 'today' | 'tomorrow'; readinessPercent: number }
  | { kind: 'renewal'; clientName: string; licenceNumber: string; expiresOn: string; daysToExpiry: number };

/** At most this many lines per notification (the OS cuts longer bodies); `count` still tells the total. */
export const MAX_LINES = 3;

/**
 * The part of `dashboard.get`'s output (shared/contracts/deadlines.ts `Dashboard`) the reminders read, written out
 * structurally so the domain does not depend on the contract.
 */
export interface ReminderDashboard {
  overdue: { total: number; items: { clientName: string; rule: string; subject: string | null; due: string }[] };
  inspections: {
    today: { clientName: string; date: string; time: string | null; readinessPercent: number }[];
    tomorrow: { clientName: string; date: string; time: string | null; readinessPercent: number }[];
  };
  renewals: { items: { clientName: string; licenceNumber: string; expiresOn: string; daysToExpiry: number; state: 'remind' | 'warn' | 'alarm' | 'expired' }[] };
}

/** Input of {@link planReminders}. */
export interface ReminderInput {
  dashboard: ReminderDashboard;
  /** Today, China date YYYY-MM-DD. */
  today: string;
  /** Whether today is a Chinese working day (holidays and 调休 applied). */
  workingDay: boolean;
  /** What was already sent. */
  sent: ReminderLog;
  /** The user's setting: false sends nothing. */
  enabled: boolean;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The reminders to show now: those kinds with something to say that were not yet sent today. Never more than one per
 * kind per day; none when disabled; on a non-working day only `overdue`.
 */
export function planReminders(input: ReminderInput): Reminder[] {
  if (!input.enabled) return [];
  const { dashboard: d, today } = input;
  const out: Reminder[] = [];
  const due = (kind: ReminderKind) => input.sent[kind] !== today && (input.workingDay || kind === 'overdue');

  if (due('overdue') && d.overdue.total > 0) {
    out.push({
      kind: 'overdue', count: d.overdue.total,
      lines: d.overdue.items.slice(0, MAX_LINES).map((x) => ({ kind: 'overdue', clientName: x.clientName, rule: x.rule, subject: x.subject, due: x.due, daysOverdue: daysBetween(x.due, today) })),
    });
  }
  const insp = [...d.inspections.today.map((x) => ({ x, when: 'today' as const })), ...d.inspections.tomorrow.map((x) => ({ x, when: 'tomorrow' as const }))];
  if (due('inspections') && insp.length > 0) {
    out.push({
      kind: 'inspections', count: insp.length,
      lines: insp.slice(0, MAX_LINES).map(({ x, when }) => ({ kind: 'inspection', clientName: x.clientName, date: x.date, time: x.time, when, readinessPercent: x.readinessPercent })),
    });
  }
  const renewals = d.renewals.items.filter((r) => r.state !== 'remind');
  if (due('renewals') && renewals.length > 0) {
    out.push({
      kind: 'renewals', count: renewals.length,
      lines: renewals.slice(0, MAX_LINES).map((r) => ({ kind: 'renewal', clientName: r.clientName, licenceNumber: r.licenceNumber, expiresOn: r.expiresOn, daysToExpiry: r.daysToExpiry })),
    });
  }
  return out;
}

/** The log after showing `shown` today. */
export function markSent(sent: ReminderLog, shown: Reminder[], today: string): ReminderLog {
  const next = { ...sent };
  for (const r of shown) next[r.kind] = today;
  return next;
}

/**
 * Milliseconds from `now` until the next morning check at `hour`:00 local time (default 08:00), so a running app
 * reminds once each morning; at least one minute.
 */
export function msUntilNextMorning(now: Date, hour = 8): number {
  const next = new Date(now);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return Math.max(60_000, next.getTime() - now.getTime());
}
