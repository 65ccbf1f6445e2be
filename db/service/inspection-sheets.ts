/**
 * The data of the printed prep sheets (spec §6, issue 12): per inspection, the client (name, USCC, city, address,
 * legal representative, platform name, domain, ICP备案号, server location), the inspection with attendees and
 * checklist, the hosting / cloud agreement's material status, and the materials to bring in original — the client's
 * checklist items that were submitted or accepted AND have an original by nature (material_template.has_original;
 * screenshots, lists and policies are left out), in list order, each named as the original (shared/domain/materials.ts `originalOf`);
 * and what the app knows that the visit must settle: the client's stage, the failing eligibility conditions with their
 * values (e.g. 办公面积 45 ㎡ < 50 ㎡) and the open 需补正 items with their notes (report-facts.ts). `printedOn` is today in China from the host clock.
 */
import type { Out, Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { chinaToday } from '../../shared/domain/weeks';
import type { MaterialStatus } from '../../shared/domain/materials';
import { originalOf } from '../../shared/domain/materials';
import type { ServiceContext } from './context';
import { hydrateInspections } from './inspection-rows';
import { eligibilityFailures, openCorrections, pitfallWarnings } from './report-facts';
import type { StageKey } from '../../shared/domain/stages';

type Row = Record<string, unknown>;

/** The material that is the server hosting / cloud service agreement (spec §4 B04 服务器托管/云服务协议). */
export const HOSTING_AGREEMENT_ITEM = 'B04';

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
    if (missing !== undefined) throw new AppError('NOT_FOUND', msg('inspection_not_found_id', { id: missing }), { id: missing });
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
  const clientQ = ctx.db.prepare('SELECT id, name, stage, uscc, city, district, address, legal_rep, platform_name, domain, icp_filing_no, server_location FROM clients WHERE id = ?');
  const originalsQ = ctx.db.prepare(
    `SELECT m.item_key, m.title, m.status FROM materials m JOIN material_template t ON t.key = m.item_key
     WHERE m.client_id = ? AND t.has_original = 1 AND m.status IN (${ORIGINALS_STATUSES.map((s) => `'${s}'`).join(',')}) ORDER BY m.sort, m.id`,
  );
  const hostingQ = ctx.db.prepare('SELECT title, status FROM materials WHERE client_id = ? AND item_key = ?');
  const printedOn = chinaToday(ctx.now());
  const sheets = inspections.map((inspection) => {
    const c = clientQ.get(inspection.clientId) as Row;
    // Items the template marks as having an original AND that have one by nature (not a screenshot or a document made
    // for the application), named as the original.
    const originals = (originalsQ.all(inspection.clientId) as Row[]).flatMap((m) => {
      const original = originalOf(m.item_key as string, m.title as string);
      return original ? [{ itemKey: m.item_key as string, title: original, status: m.status as (typeof ORIGINALS_STATUSES)[number] }] : [];
    });
    const text = (v: unknown) => (v as string | null) ?? null;
    const hosting = hostingQ.get(inspection.clientId, HOSTING_AGREEMENT_ITEM) as Row | undefined;
    return {
      inspection,
      client: {
        id: c.id as number, name: c.name as string, uscc: c.uscc as string, city: c.city as string, district: text(c.district), address: text(c.address),
        legalRep: text(c.legal_rep), platformName: text(c.platform_name), domain: text(c.domain), icpFilingNo: text(c.icp_filing_no), serverLocation: text(c.server_location),
      },
      hosting: hosting ? { title: hosting.title as string, status: hosting.status as MaterialStatus } : null,
      originals,
      stage: c.stage as StageKey,
      eligibilityFailures: eligibilityFailures(ctx, inspection.clientId, printedOn),
      // Not the security policy without encryption: the sheet's 制度落地 checklist carries the live encryption demo itself
      // (and a normal inspection's sheet stays on one A4 page).
      pitfalls: pitfallWarnings(ctx, inspection.clientId, printedOn, ['policy_without_encryption']),
      corrections: openCorrections(ctx, inspection.clientId),
    };
  });
  return { printedOn, sheets };
}
