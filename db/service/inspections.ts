/**
 * Site inspections (现场核查, spec §6): schedule (the checklist is COPIED from the current template), edit, remove,
 * tick checklist items with a note and evidence, and list the upcoming ones for the register's reminder.
 * Every change is recorded in the events table (kinds 'inspection.*'); each method runs in one transaction.
 */
import type { Out, Parsed } from '../../shared/contract';
import type { Attendee, Inspection } from '../../shared/contracts/inspections';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { attendeeRoleZh } from '../../shared/domain/inspection';
import type { ServiceContext } from './context';
import { getClient } from './clients';
import { recordEvent } from './events';
import { hydrateInspections, loadInspection, toInspectionItem } from './inspection-rows';
import { writeTransaction } from '../tx';
import { stmt } from './stmt';

type Row = Record<string, unknown>;
type Input = Parsed<'inspections.create'>['inspection'];

/** Event subject of an inspection: 'inspection:<id>'. */
export const inspectionSubject = (id: number) => `inspection:${id}`;
const when = (date: string, time: string | null) => (time ? `${date} ${time}` : date);
const attendeesText = (a: Attendee[]) => a.map((x) => [attendeeRoleZh(x.role), x.name, x.phone].filter(Boolean).join(' ')).join('；') || null;

/** A client's inspections, newest date first, each with attendees, checklist and readiness. */
export function listInspections(ctx: ServiceContext, input: Parsed<'inspections.list'>): Out<'inspections.list'> {
  getClient(ctx, input.clientId);
  const rows = stmt(ctx.db, 'SELECT * FROM inspections WHERE client_id = ? ORDER BY inspection_date DESC, id DESC').all(input.clientId) as Row[];
  return hydrateInspections(ctx, rows);
}

function writeAttendees(ctx: ServiceContext, inspectionId: number, attendees: Attendee[]): void {
  ctx.db.prepare('DELETE FROM inspection_attendees WHERE inspection_id = ?').run(inspectionId);
  const ins = ctx.db.prepare('INSERT INTO inspection_attendees (inspection_id, role, name, phone, sort) VALUES (?, ?, ?, ?, ?)');
  attendees.forEach((a, i) => ins.run(inspectionId, a.role, a.name, a.phone, (i + 1) * 10));
}

/** The stored values of an input; a blank address falls back to the client's office address. */
function columns(input: Input, clientAddress: string | null) {
  return {
    date: input.date, time: input.time, address: input.address ?? clientAddress, authorityPeople: input.authorityPeople,
    consultantName: input.consultantName, consultantPhone: input.consultantPhone, equipmentList: input.equipmentList, notes: input.notes,
  };
}

/**
 * Schedules an inspection for a client: stores it with its attendees and copies every active template item into its
 * own checklist (section, text, evidence kind and sort, so it keeps the template's order). Records 'inspection.schedule'. NOT_FOUND if the client does not exist.
 */
export function createInspection(ctx: ServiceContext, input: Parsed<'inspections.create'>): Out<'inspections.create'> {
  return writeTransaction(ctx.db, () => {
    const client = getClient(ctx, input.clientId);
    const now = ctx.now().toISOString();
    const c = columns(input.inspection, client.address);
    const info = ctx.db
      .prepare(
        `INSERT INTO inspections (client_id, inspection_date, inspection_time, address, authority_people, consultant_name,
          consultant_phone, equipment_list, notes, created_at, updated_at)
         VALUES (@clientId, @date, @time, @address, @authorityPeople, @consultantName, @consultantPhone, @equipmentList, @notes, @now, @now)`,
      )
      .run({ ...c, clientId: client.id, now });
    const id = Number(info.lastInsertRowid);
    writeAttendees(ctx, id, input.inspection.attendees);
    ctx.db
      .prepare(
        `INSERT INTO inspection_items (inspection_id, template_key, section, text, evidence, sort, updated_at)
         SELECT ?, key, section, text, evidence, sort, ? FROM inspection_template WHERE retired = 0`,
      )
      .run(id, now);
    recordEvent(ctx, { clientId: client.id, kind: 'inspection.schedule', subject: inspectionSubject(id), subjectTitle: when(c.date, c.time), newValue: when(c.date, c.time) });
    return loadInspection(ctx, id);
  });
}

const TRACKED: Array<[keyof ReturnType<typeof columns>, keyof Inspection]> = [
  ['date', 'date'], ['time', 'time'], ['address', 'address'], ['authorityPeople', 'authorityPeople'], ['consultantName', 'consultantName'],
  ['consultantPhone', 'consultantPhone'], ['equipmentList', 'equipmentList'], ['notes', 'notes'],
];

/**
 * Edits an inspection's details and attendees (not its checklist). Records one 'inspection.update' per changed field,
 * with `subject_title` = '<date time>|<field>' (the timeline shows which inspection and which field).
 */
export function updateInspection(ctx: ServiceContext, input: Parsed<'inspections.update'>): Out<'inspections.update'> {
  return writeTransaction(ctx.db, () => {
    const before = loadInspection(ctx, input.id);
    const client = getClient(ctx, before.clientId);
    const c = columns(input.inspection, client.address);
    ctx.db
      .prepare(
        `UPDATE inspections SET inspection_date=@date, inspection_time=@time, address=@address, authority_people=@authorityPeople,
          consultant_name=@consultantName, consultant_phone=@consultantPhone, equipment_list=@equipmentList, notes=@notes, updated_at=@now
         WHERE id=@id`,
      )
      .run({ ...c, id: before.id, now: ctx.now().toISOString() });
    writeAttendees(ctx, before.id, input.inspection.attendees);
    const title = when(c.date, c.time);
    const ev = (field: string, o: string | null, n: string | null) =>
      recordEvent(ctx, { clientId: before.clientId, kind: 'inspection.update', subject: inspectionSubject(before.id), subjectTitle: `${title}|${field}`, oldValue: o, newValue: n });
    for (const [col, key] of TRACKED) {
      const o = (before[key] as string | null) ?? null;
      if (o !== c[col]) ev(col, o, c[col]);
    }
    const oa = attendeesText(before.attendees);
    const na = attendeesText(input.inspection.attendees);
    if (oa !== na) ev('attendees', oa, na);
    return loadInspection(ctx, before.id);
  });
}

/** Deletes an inspection with its checklist and attendees; records 'inspection.remove'. */
export function removeInspection(ctx: ServiceContext, input: Parsed<'inspections.remove'>): Out<'inspections.remove'> {
  return writeTransaction(ctx.db, () => {
    const i = loadInspection(ctx, input.id);
    ctx.db.prepare('DELETE FROM inspections WHERE id = ?').run(i.id);
    recordEvent(ctx, { clientId: i.clientId, kind: 'inspection.remove', subject: inspectionSubject(i.id), subjectTitle: when(i.date, i.time), oldValue: when(i.date, i.time) });
    return { ok: true as const };
  });
}

/**
 * Sets one checklist item's tick, note and measured area (m², for 'area_m2' items; ignored → null otherwise).
 * Records 'inspection.check' / 'inspection.note' / 'inspection.area' for what changed. Returns the whole inspection.
 */
export function setInspectionItem(ctx: ServiceContext, input: Parsed<'inspections.setItem'>): Out<'inspections.setItem'> {
  return writeTransaction(ctx.db, () => {
    const r = ctx.db
      .prepare('SELECT it.*, i.client_id FROM inspection_items it JOIN inspections i ON i.id = it.inspection_id WHERE it.id = ?')
      .get(input.id) as Row | undefined;
    if (!r) throw new AppError('NOT_FOUND', msg('inspection_item_not_found'), { id: input.id });
    const item = toInspectionItem(r);
    const clientId = r.client_id as number;
    const area = item.evidence === 'area_m2' ? input.measuredAreaM2 : null;
    ctx.db
      .prepare('UPDATE inspection_items SET checked = ?, note = ?, measured_area_m2 = ?, updated_at = ? WHERE id = ?')
      .run(input.checked ? 1 : 0, input.note, area, ctx.now().toISOString(), item.id);
    const ev = (kind: 'inspection.check' | 'inspection.note' | 'inspection.area', o: string | null, n: string | null) =>
      recordEvent(ctx, { clientId, kind, subject: inspectionSubject(item.inspectionId), subjectTitle: item.text, oldValue: o, newValue: n });
    if (item.checked !== input.checked) ev('inspection.check', item.checked ? 'done' : 'open', input.checked ? 'done' : 'open');
    if (item.note !== input.note) ev('inspection.note', item.note, input.note);
    if (item.measuredAreaM2 !== area) ev('inspection.area', item.measuredAreaM2 === null ? null : String(item.measuredAreaM2), area === null ? null : String(area));
    return loadInspection(ctx, item.inspectionId);
  });
}

/** Inspections without an outcome dated `from`…`to` (inclusive), by date and time, with client name and readiness. */
export function upcomingInspections(ctx: ServiceContext, input: Parsed<'inspections.upcoming'>): Out<'inspections.upcoming'> {
  const rows = stmt(ctx.db, 
      `SELECT i.*, c.name AS client_name FROM inspections i JOIN clients c ON c.id = i.client_id
       WHERE i.inspection_date BETWEEN ? AND ? AND i.outcome IS NULL AND c.archived = 0
       ORDER BY i.inspection_date, i.inspection_time NULLS LAST, i.id LIMIT 200`,
    )
    .all(input.from, input.to) as Row[];
  const full = hydrateInspections(ctx, rows);
  return full.map((i, k) => ({ id: i.id, clientId: i.clientId, clientName: rows[k].client_name as string, date: i.date, time: i.time, readiness: i.readiness }));
}
