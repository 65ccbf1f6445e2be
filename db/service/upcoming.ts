/**
 * Upcoming dated items of clients (deadlines, inspections…) for the weekly summary's "next 14 days" and the roll-up's
 * "next deadline" — the extension point other features add to.
 *
 * To add a kind of item (e.g. site inspections, process deadlines), write an {@link UpcomingSource} and append it to
 * {@link UPCOMING_SOURCES}. A source answers for many clients at once and must describe the state as it was recorded
 * up to the end of the day before `from` (use db/service/history.ts or dated rows), so that a past week's report stays
 * the same when exported again later. Today the only source is the materials' due dates.
 */
import type { UpcomingItem } from '../../shared/reports/weekly-model';
import { MATERIAL_DONE_STATUSES } from '../../shared/domain/materials';
import { addCalendarDays } from '../../shared/domain/calendar';
import type { ServiceContext } from './context';
import { materialsAsOf } from './history';

/** A provider of upcoming items. `key` goes into `UpcomingItem.source`, `label` (Chinese) into `sourceLabel`. */
export interface UpcomingSource {
  key: string;
  label: string;
  /** Items dated from `from` to `to` (inclusive, 'YYYY-MM-DD') of the clients `clientIds`. */
  collect(ctx: ServiceContext, clientIds: readonly number[], from: string, to: string): UpcomingItem[];
}

/** Materials' due dates (internal targets set per item on the checklist) of items not yet checked (spec §4). */
export const materialDueSource: UpcomingSource = {
  key: 'material',
  label: '材料截止',
  collect(ctx, clientIds, from, to) {
    const asOf = addCalendarDays(from, -1);
    const items: UpcomingItem[] = [];
    for (const [clientId, materials] of materialsAsOf(ctx, clientIds, asOf)) {
      for (const m of materials) {
        if (!m.dueDate || m.dueDate < from || m.dueDate > to || MATERIAL_DONE_STATUSES.includes(m.status)) continue;
        items.push({ clientId, date: m.dueDate, source: 'material', sourceLabel: materialDueSource.label, title: m.title, detail: null });
      }
    }
    return items;
  },
};

/**
 * Site inspections (spec §6) dated in the window, as scheduled before `from` (created earlier and not removed;
 * an inspection later postponed still shows for a past week if it was scheduled then — its outcome is recorded after).
 */
export const inspectionSource: UpcomingSource = {
  key: 'inspection',
  label: '现场核查',
  collect(ctx, clientIds, from, to) {
    if (!clientIds.length) return [];
    const rows = ctx.db
      .prepare(
        `SELECT client_id, inspection_date, inspection_time, address FROM inspections
         WHERE inspection_date BETWEEN ? AND ? AND created_at < ? AND client_id IN (SELECT value FROM json_each(?))`,
      )
      .all(from, to, `${from}T00:00:00`, JSON.stringify(clientIds)) as Array<{ client_id: number; inspection_date: string; inspection_time: string | null; address: string | null }>;
    return rows.map((r) => ({
      clientId: r.client_id, date: r.inspection_date, source: 'inspection', sourceLabel: inspectionSource.label,
      title: `现场核查${r.inspection_time ? ` ${r.inspection_time}` : ''}`, detail: r.address,
    }));
  },
};

/** Every source, in display order for items on the same date. Features append theirs here. */
export const UPCOMING_SOURCES: UpcomingSource[] = [inspectionSource, materialDueSource];

/** Upcoming items of several clients, each list sorted by date, then source order, then title. */
export function upcomingItemsFor(ctx: ServiceContext, clientIds: readonly number[], from: string, to: string): Map<number, UpcomingItem[]> {
  const out = new Map<number, UpcomingItem[]>(clientIds.map((id) => [id, []]));
  UPCOMING_SOURCES.forEach((src) => {
    for (const item of src.collect(ctx, clientIds, from, to)) out.get(item.clientId)?.push(item);
  });
  const order = (k: string) => UPCOMING_SOURCES.findIndex((s) => s.key === k);
  for (const list of out.values()) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order(a.source) - order(b.source) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)));
  }
  return out;
}

/**
 * The extension point named in the weekly-summary issue: one client's upcoming items dated `from`…`to` (inclusive),
 * by date. See {@link UPCOMING_SOURCES}.
 */
export function upcomingItems(ctx: ServiceContext, clientId: number, from: string, to: string): UpcomingItem[] {
  return upcomingItemsFor(ctx, [clientId], from, to).get(clientId) ?? [];
}
