/**
 * SQL rows of the inspection tables (snake_case) → contract objects (camelCase), like rows.ts for the register.
 * Loading a whole inspection (attendees, items, readiness, expected issue date) lives here too, so every method
 * returns the same shape.
 */
import type { Attendee, Inspection, InspectionItem, InspectionTemplateRow } from '../../shared/contracts/inspections';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { expectedIssueDate, INSPECTION_SECTION_KEYS, itemFlagged, readiness } from '../../shared/domain/inspection';
import type { ServiceContext } from './context';
import { stmt } from './stmt';

type Row = Record<string, unknown>;

/** ORDER BY term putting items in section order (场地, 设备, 人员, 制度落地, 材料); `sort` orders within a section. */
export const SECTION_ORDER_SQL = `CASE section ${INSPECTION_SECTION_KEYS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} ELSE 99 END`;
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function toTemplateRow(r: Row): InspectionTemplateRow {
  return {
    id: r.id as number,
    key: r.key as string,
    section: r.section as InspectionTemplateRow['section'],
    text: r.text as string,
    evidence: r.evidence as InspectionTemplateRow['evidence'],
    sort: r.sort as number,
    retired: r.retired === 1,
  };
}

export function toInspectionItem(r: Row): InspectionItem {
  const evidence = r.evidence as InspectionItem['evidence'];
  const measuredAreaM2 = (r.measured_area_m2 as number | null) ?? null;
  return {
    id: r.id as number,
    inspectionId: r.inspection_id as number,
    templateKey: s(r.template_key),
    section: r.section as InspectionItem['section'],
    text: r.text as string,
    evidence,
    sort: r.sort as number,
    checked: r.checked === 1,
    note: s(r.note),
    measuredAreaM2,
    flagged: itemFlagged({ evidence, measuredAreaM2 }),
    updatedAt: r.updated_at as string,
  };
}

function toAttendee(r: Row): Attendee {
  return { role: r.role as Attendee['role'], name: r.name as string, phone: s(r.phone) };
}

/**
 * An inspection row plus its attendees and items → the contract's {@link Inspection}. `clientAddress` is the
 * client's current office address, used when the inspection has none of its own (the app panel and the printed
 * sheet then show the same address).
 */
export function toInspection(r: Row, attendees: Row[], items: Row[], clientAddress: string | null = null): Inspection {
  const its = items.map(toInspectionItem);
  const expected = s(r.expected_issue_date);
  return {
    id: r.id as number,
    clientId: r.client_id as number,
    date: r.inspection_date as string,
    time: s(r.inspection_time),
    address: s(r.address) ?? clientAddress,
    authorityPeople: s(r.authority_people),
    attendees: attendees.map(toAttendee),
    consultantName: s(r.consultant_name),
    consultantPhone: s(r.consultant_phone),
    equipmentList: s(r.equipment_list),
    notes: s(r.notes),
    outcome: (s(r.outcome) as Inspection['outcome']) ?? null,
    outcomeNotes: s(r.outcome_notes),
    expectedIssueDate: expected,
    expectedIssueMissingYears: expected ? expectedIssueDate(r.inspection_date as string).missingYears : [],
    items: its,
    readiness: readiness(its),
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

/** Loads inspections by their rows (one query each for attendees and items), keeping the rows' order. */
export function hydrateInspections(ctx: ServiceContext, rows: Row[]): Inspection[] {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id as number);
  const marks = ids.map(() => '?').join(',');
  const group = (sql: string) => {
    const m = new Map<number, Row[]>();
    for (const r of ctx.db.prepare(sql).all(...ids) as Row[]) {
      const k = r.inspection_id as number;
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(r);
    }
    return m;
  };
  const attendees = group(`SELECT * FROM inspection_attendees WHERE inspection_id IN (${marks}) ORDER BY sort, id`);
  const items = group(`SELECT * FROM inspection_items WHERE inspection_id IN (${marks}) ORDER BY ${SECTION_ORDER_SQL}, sort, id`);
  const clientIds = [...new Set(rows.map((r) => r.client_id as number))];
  const addresses = new Map(
    (ctx.db.prepare(`SELECT id, address FROM clients WHERE id IN (${clientIds.map(() => '?').join(',')})`).all(...clientIds) as Row[])
      .map((c) => [c.id as number, s(c.address)]),
  );
  return rows.map((r) => toInspection(r, attendees.get(r.id as number) ?? [], items.get(r.id as number) ?? [], addresses.get(r.client_id as number) ?? null));
}

/** One inspection; NOT_FOUND (Chinese message) if the id does not exist. */
export function loadInspection(ctx: ServiceContext, id: number): Inspection {
  const r = stmt(ctx.db, 'SELECT * FROM inspections WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', msg('inspection_not_found'), { id });
  return hydrateInspections(ctx, [r])[0];
}
