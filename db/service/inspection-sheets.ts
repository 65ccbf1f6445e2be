/**
 * The data of the printed prep sheets (spec §6): per inspection, the client (name, USCC, city, address), the
 * inspection with attendees and checklist, and the materials to bring in original — the client's checklist items
 * that were submitted or accepted, in list order. `printedOn` is today in China from the host clock.
 */
import type { Out, Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { chinaToday } from '../../shared/domain/weeks';
import type { ServiceContext } from './context';
import { hydrateInspections } from './inspection-rows';

type Row = Record<string, unknown>;

/** Statuses whose originals go to the inspection: the copy was handed to the authority. */
export const ORIGINALS_STATUSES = ['submitted', 'accepted'] as const;

/**
 * Sheets for `ids` (in that order; NOT_FOUND naming a missing id) or for every inspection dated `date` except
 * postponed ones (by time, then client name; empty when none).
 */
export function inspectionSheets(ctx: ServiceContext, input: Parsed<'inspections.sheets'>): Out<'inspections.sheets'> {
  let rows: Row[];
  if (input.ids.length) {
    const byId = new Map(
      (ctx.db.prepare(`SELECT * FROM inspections WHERE id IN (${input.ids.map(() => '?').join(',')})`).all(...input.ids) as Row[]).map((r) => [r.id as number, r]),
    );
    const missing = input.ids.find((id) => !byId.has(id));
    if (missing !== undefined) throw new AppError('NOT_FOUND', `现场核查记录不存在或已删除（编号 ${missing}）`, { id: missing });
    rows = [...new Set(input.ids)].map((id) => byId.get(id)!);
  } else {
    rows = ctx.db
      .prepare(
        `SELECT i.* FROM inspections i JOIN clients c ON c.id = i.client_id
         WHERE i.inspection_date = ? AND coalesce(i.outcome, '') <> 'postponed'
         ORDER BY i.inspection_time NULLS LAST, c.name_sort, i.id`,
      )
      .all(input.date) as Row[];
  }
  const inspections = hydrateInspections(ctx, rows);
  const clientQ = ctx.db.prepare('SELECT id, name, uscc, city, district, address FROM clients WHERE id = ?');
  const originalsQ = ctx.db.prepare(
    `SELECT item_key, title, status FROM materials WHERE client_id = ? AND status IN (${ORIGINALS_STATUSES.map((s) => `'${s}'`).join(',')}) ORDER BY sort, id`,
  );
  const sheets = inspections.map((inspection) => {
    const c = clientQ.get(inspection.clientId) as Row;
    const originals = (originalsQ.all(inspection.clientId) as Row[]).map((m) => ({
      itemKey: m.item_key as string, title: m.title as string, status: m.status as (typeof ORIGINALS_STATUSES)[number],
    }));
    return {
      inspection,
      client: { id: c.id as number, name: c.name as string, uscc: c.uscc as string, city: c.city as string, district: (c.district as string | null) ?? null, address: (c.address as string | null) ?? null },
      originals,
    };
  });
  return { printedOn: chinaToday(ctx.now()), sheets };
}
