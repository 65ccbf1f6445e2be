/**
 * The dashboard's "inspections today and tomorrow" (spec §6; issue: reminders with readiness): inspections without an
 * outcome dated today or tomorrow, of non-archived clients, by time, each with its checklist readiness. An inspection
 * tomorrow below 100% is what the UI highlights (the prep sheet is printed the day before).
 */
import type { DashboardInspection } from '../../shared/contracts/deadlines';
import type { ServiceContext } from './context';
import { upcomingInspections } from './inspections';
import { stmt } from './stmt';

export function dashboardInspections(
  ctx: ServiceContext, today: string, tomorrow: string,
): { available: boolean; today: DashboardInspection[]; tomorrow: DashboardInspection[] } {
  const list = upcomingInspections(ctx, { from: today, to: tomorrow });
  const extra = new Map(
    (stmt(ctx.db, `SELECT i.id, i.address, c.city FROM inspections i JOIN clients c ON c.id = i.client_id WHERE i.inspection_date BETWEEN ? AND ?`)
      .all(today, tomorrow) as Array<{ id: number; address: string | null; city: string }>).map((r) => [r.id, r]),
  );
  const rows: DashboardInspection[] = list.map((i) => ({
    id: i.id, clientId: i.clientId, clientName: i.clientName, city: extra.get(i.id)?.city ?? '', date: i.date, time: i.time,
    address: extra.get(i.id)?.address ?? null, readinessPercent: i.readiness.percent, openItems: i.readiness.open.length,
  }));
  return { available: true, today: rows.filter((r) => r.date === today), tomorrow: rows.filter((r) => r.date === tomorrow) };
}
