import type { Out } from '../../shared/contract';
import { addCalendarDays, addMonths, daysBetween, type WorkCalendar } from '../../shared/domain/calendar';
import { computeDeadline, type DeadlineRuleKey } from '../../shared/domain/deadline-rules';
import { renewalState, renewalStatus } from '../../shared/domain/licence';
import { STAGE_KEYS, type StageKey } from '../../shared/domain/stages';
import { isoWeekOf } from '../../shared/domain/weeks';
import type { ServiceContext } from '../../db/service/context';

type Dashboard = Out<'dashboard.get'>;

/**
 * The dashboard's window lists as they were computed before issue 16's last step (stop 27's db/service/dashboard.ts):
 * every row of each window read, timed, sorted and counted in JS. The service now reads only what it shows
 * (counts from indexes and `renewal_counts`, the first `limit` rows); tests compare the two answers.
 * Returns the parts that changed: missingYears, overdue / thisWeek / upcoming, renewals, noNote.
 */
export function referenceDashboard(ctx: ServiceContext, cal: WorkCalendar, today: string, limit: number):
  Pick<Dashboard, 'missingYears' | 'overdue' | 'thisWeek' | 'upcoming' | 'renewals' | 'noNote'> {
  const zh = new Intl.Collator('zh-CN');
  const week = isoWeekOf(today);
  const horizon = addCalendarDays(today, 14);
  const rows = ctx.db.prepare(`SELECT d.*, c.name, c.city, c.consultant, c.stage FROM due_dates d JOIN clients c ON c.id = d.client_id
    WHERE d.due <= ? ORDER BY d.due`).all(horizon) as Array<Record<string, unknown>>;
  const all = rows.map((r) => ({
    ...computeDeadline(r.rule as DeadlineRuleKey, r.start as string, cal, today), subject: (r.subject as string | null) ?? null, subjectKey: (r.subject_key as string | null) ?? null,
    kind: r.kind as 'process' | 'change', refId: (r.ref_id as number | null) ?? null, clientId: r.client_id as number, clientName: r.name as string, city: r.city as string,
    consultant: (r.consultant as string | null) ?? null, stage: r.stage as StageKey,
  }));
  all.sort((a, b) => a.due.localeCompare(b.due) || zh.compare(a.clientName, b.clientName) || a.clientId - b.clientId
    || b.kind.localeCompare(a.kind) || a.rule.localeCompare(b.rule));
  const cut = <T>(items: T[]) => ({ total: items.length, items: items.slice(0, limit) });
  const overdue = all.filter((d) => d.due < today);
  const thisWeek = all.filter((d) => d.due >= today && d.due <= week.end);
  const upcoming = all.filter((d) => d.due > week.end && d.due <= horizon);

  const lic = ctx.db.prepare(`SELECT l.number, l.expires_on, l.client_id, c.name, c.city, c.consultant FROM licences l JOIN clients c ON c.id = l.client_id
    WHERE c.archived = 0 AND l.renewal_applied_on IS NULL AND l.expires_on <= ? AND l.expires_on >= ? ORDER BY l.expires_on, l.id`)
    .all(addCalendarDays(addMonths(today, 6), 3), addCalendarDays(today, -90)) as Array<{ number: string; expires_on: string; client_id: number; name: string; city: string; consultant: string | null }>;
  const rank: Record<string, number> = { expired: 0, alarm: 1, warn: 2, remind: 3 };
  const due = lic.map((r) => ({ r, s: renewalState(r.expires_on, null, cal, today) })).filter((x) => x.s.state in rank)
    .sort((a, b) => rank[a.s.state] - rank[b.s.state] || a.s.expiresOn.localeCompare(b.s.expiresOn));
  const renewals = {
    total: due.length,
    items: due.slice(0, limit).map(({ r }) => {
      const s = renewalStatus(r.expires_on, null, cal, today);
      return {
        clientId: r.client_id, clientName: r.name, city: r.city, consultant: r.consultant, licenceNumber: r.number, expiresOn: s.expiresOn, remindOn: s.remindOn,
        warnFrom: s.warnFrom, legalLast: s.legalLast, state: s.state, daysToExpiry: s.daysToExpiry, daysToLegal: daysBetween(today, s.legalLast),
      };
    }),
  };

  const active = STAGE_KEYS.filter((s) => s !== 'aftercare').map((s) => `'${s}'`).join(', ');
  const noNoteRows = ctx.db.prepare(`SELECT c.id, c.name, c.stage, c.consultant, c.last_note_date FROM clients c
    WHERE c.archived = 0 AND c.stage IN (${active}) AND (c.last_note_date IS NULL OR c.last_note_date < ?)
    ORDER BY c.last_note_date IS NOT NULL, c.last_note_date, c.name_sort, c.id`).all(week.start) as Array<{ id: number; name: string; stage: StageKey; consultant: string | null; last_note_date: string | null }>;
  return {
    missingYears: [...new Set([...overdue, ...thisWeek, ...upcoming].flatMap((d) => d.missingYears))].sort((a, b) => a - b),
    overdue: cut(overdue),
    thisWeek: cut(thisWeek),
    upcoming: cut(upcoming),
    renewals: renewals as Dashboard['renewals'],
    noNote: cut(noNoteRows.map((r) => ({ clientId: r.id, clientName: r.name, stage: r.stage, consultant: r.consultant, lastNoteDate: r.last_note_date }))),
  };
}
