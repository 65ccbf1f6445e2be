/**
 * Eligibility facts that other records already establish (issue 12, "facts entered once"): the latest inspection's
 * measured office area, fire filing (inspection item P03 ticked, or material B02 场地消防备案证明 received), the three
 * staff roles (named as attendees of an inspection, or their 当天到场 item ticked) and the social-insurance proof
 * (material C02 received). Each comes with its source — the inspection's date, or the material and the effective
 * date of its latest status change — so the eligibility sheet can say "来自现场核查 2026-09-30".
 */
import type { EligibilityEvidence, FactSource } from '../../shared/domain/eligibility';
import type { MaterialStatus } from '../../shared/domain/materials';
import type { ServiceContext } from './context';
import { stmt } from './stmt';

/** Material statuses that mean the document is in hand (not 待收集, not 需补正). */
export const IN_HAND_STATUSES: readonly MaterialStatus[] = ['received', 'checked', 'submitted', 'accepted'];

/** Template keys (inspection checklist and materials) that establish each fact. */
export const EVIDENCE_KEYS = {
  fireFiling: { inspectionItem: 'P03', material: 'B02' },
  staffTechLead: { inspectionItem: 'S01', role: 'tech_lead' },
  staffCustomerService: { inspectionItem: 'S02', role: 'customer_service' },
  staffSecurity: { inspectionItem: 'S03', role: 'security_officer' },
  socialInsurance: { material: 'C02' },
} as const;

type Row = Record<string, unknown>;

/** The facts established for one client; see the module doc. Read-only. */
export function eligibilityEvidence(ctx: ServiceContext, clientId: number): EligibilityEvidence {
  const inspectionSource = (date: string): FactSource => ({ kind: 'inspection', date });
  const area = stmt(ctx.db,
      `SELECT it.measured_area_m2 AS m2, i.inspection_date AS date FROM inspection_items it JOIN inspections i ON i.id = it.inspection_id
       WHERE i.client_id = ? AND it.evidence = 'area_m2' AND it.measured_area_m2 IS NOT NULL
       ORDER BY i.inspection_date DESC, i.id DESC LIMIT 1`,
    )
    .get(clientId) as { m2: number; date: string } | undefined;
  const tickedItem = (key: string): FactSource | null => {
    const r = stmt(ctx.db,
        `SELECT i.inspection_date AS date FROM inspection_items it JOIN inspections i ON i.id = it.inspection_id
         WHERE i.client_id = ? AND it.template_key = ? AND it.checked = 1 ORDER BY i.inspection_date DESC, i.id DESC LIMIT 1`,
      )
      .get(clientId, key) as { date: string } | undefined;
    return r ? inspectionSource(r.date) : null;
  };
  const attendee = (role: string): FactSource | null => {
    const r = stmt(ctx.db,
        `SELECT i.inspection_date AS date FROM inspection_attendees a JOIN inspections i ON i.id = a.inspection_id
         WHERE i.client_id = ? AND a.role = ? AND coalesce(i.outcome, '') <> 'postponed' ORDER BY i.inspection_date DESC, i.id DESC LIMIT 1`,
      )
      .get(clientId, role) as { date: string } | undefined;
    return r ? inspectionSource(r.date) : null;
  };
  const material = (key: string): FactSource | null => {
    const m = stmt(ctx.db, `SELECT title, status FROM materials WHERE client_id = ? AND item_key = ?`)
      .get(clientId, key) as Row | undefined;
    if (!m || !IN_HAND_STATUSES.includes(m.status as MaterialStatus)) return null;
    const ev = stmt(ctx.db, `SELECT occurred_on FROM events WHERE client_id = ? AND kind = 'material.status' AND subject = ? ORDER BY occurred_on DESC, id DESC LIMIT 1`)
      .get(clientId, key) as { occurred_on: string } | undefined;
    return { kind: 'material', date: ev?.occurred_on ?? null, itemKey: key, title: m.title as string };
  };
  const K = EVIDENCE_KEYS;
  return {
    measuredArea: area ? { m2: area.m2, source: inspectionSource(area.date) } : null,
    fireFiling: tickedItem(K.fireFiling.inspectionItem) ?? material(K.fireFiling.material),
    staffTechLead: attendee(K.staffTechLead.role) ?? tickedItem(K.staffTechLead.inspectionItem),
    staffCustomerService: attendee(K.staffCustomerService.role) ?? tickedItem(K.staffCustomerService.inspectionItem),
    staffSecurity: attendee(K.staffSecurity.role) ?? tickedItem(K.staffSecurity.inspectionItem),
    socialInsurance: material(K.socialInsurance.material),
  };
}
