/**
 * The dashboard's renewals (spec §7): licences not yet renewed, of unarchived clients, in their reminder window
 * (expired up to {@link EXPIRED_SHOWN_DAYS} days ago), most urgent first, the first `limit` with their timing, and
 * how many there are in all.
 *
 * Reads what it shows, not the window (issue 16): a licence's state (expired, alarm, warn, remind, ok) depends on its
 * expiry date alone and its urgency never rises with a later expiry (tests/unit/renewal-order.test.ts), so "most
 * urgent first" is expiry order and the listed licences are those expiring from 90 days ago up to the last date not
 * yet 'ok' — found by halving the window's days. The total is summed from `renewal_counts` (0200, one row per
 * expiry date) and the rows are read in expiry order by `licences_open_expiry`, stopping at the limit.
 */
import type { DashboardRenewal } from '../../shared/contracts/deadlines';
import { addCalendarDays, addMonths, daysBetween, fromDayNumber, toDayNumber, type WorkCalendar } from '../../shared/domain/calendar';
import { renewalState, renewalStatus } from '../../shared/domain/licence';
import type { ServiceContext } from './context';
import { hasColumn, stmt } from './stmt';

/** Expired licences stay on the dashboard this many days after expiry (older ones have lapsed; see the client page). */
export const EXPIRED_SHOWN_DAYS = 90;

/** One dashboard call's cache of computed timings by key (today and the calendar fixed for the call). */
export type Memo = <T>(key: string, f: () => T) => T;

/**
 * The renewals shown on the dashboard of `today` ('YYYY-MM-DD', China date): `items` the first `limit`, `total` all
 * of them. Days in `daysToExpiry` are calendar days; `daysToLegal` calendar days to the legal last day.
 */
export function dashboardRenewals(ctx: ServiceContext, cal: WorkCalendar, today: string, memo: Memo, limit: number): { total: number; items: DashboardRenewal[] } {
  const from = addCalendarDays(today, -EXPIRED_SHOWN_DAYS);
  const to = addCalendarDays(addMonths(today, 6), 3);
  const listed = (day: number) => memo(`renewal-state\u0000${day}`, () => renewalState(fromDayNumber(day), null, cal, today).state) !== 'ok';
  // The last day of [from, to] whose licences are listed (a prefix of the window: see the file's comment).
  let lo = toDayNumber(from);
  let hi = toDayNumber(to);
  if (!listed(lo)) return { total: 0, items: [] };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (listed(mid)) lo = mid;
    else hi = mid - 1;
  }
  const last = fromDayNumber(lo);
  // A file before 0200 (the migration tests read older files through the same services) has no counts: counted there.
  const total = hasColumn(ctx.db, 'renewal_counts', 'n')
    ? (stmt(ctx.db, 'SELECT coalesce(sum(n), 0) AS n FROM renewal_counts WHERE expires_on BETWEEN ? AND ?').get(from, last) as { n: number }).n
    : (stmt(ctx.db, `SELECT count(*) AS n FROM licences l JOIN clients c ON c.id = l.client_id
        WHERE c.archived = 0 AND l.renewal_applied_on IS NULL AND l.expires_on BETWEEN ? AND ?`).get(from, last) as { n: number }).n;
  if (total === 0) return { total, items: [] };
  const rows = stmt(ctx.db,
    `SELECT l.number, l.expires_on, l.client_id, c.name, c.city, c.consultant FROM licences l JOIN clients c ON c.id = l.client_id
       WHERE l.renewal_applied_on IS NULL AND l.expires_on BETWEEN ? AND ? AND c.archived = 0 ORDER BY l.expires_on, l.id LIMIT ?`,
  ).all(from, last, limit) as Array<{ number: string; expires_on: string; client_id: number; name: string; city: string; consultant: string | null }>;
  const items = rows.map((r): DashboardRenewal => {
    const s = memo(`renewal\u0000${r.expires_on}`, () => renewalStatus(r.expires_on, null, cal, today));
    return {
      clientId: r.client_id, clientName: r.name, city: r.city, consultant: r.consultant, licenceNumber: r.number, expiresOn: s.expiresOn,
      remindOn: s.remindOn, warnFrom: s.warnFrom, legalLast: s.legalLast, state: s.state as DashboardRenewal['state'], daysToExpiry: s.daysToExpiry, daysToLegal: daysBetween(today, s.legalLast),
    };
  });
  return { total, items };
}
