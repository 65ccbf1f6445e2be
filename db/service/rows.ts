/**
 * The one place where SQL rows (snake_case) become contract objects (camelCase).
 */
import type { Client, ClientRow, Event, Material, Note } from '../../shared/contract';
import type { NoteHit } from '../../shared/contracts/search';

export const CLIENT_COLUMNS = `id, name, uscc, uscc_valid, city, district, address, industry, platform_name, domain, business_scope,
  legal_rep, contact_name, contact_phone, capital_yuan, founded, office_area_m2, insured_staff, consultant, remark,
  stage, stage_since, archived, materials_done, materials_total, last_note_date, created_at, updated_at`;

export const CLIENT_ROW_COLUMNS = `id, name, uscc, uscc_valid, city, industry, stage, consultant, contact_name, contact_phone,
  materials_done, materials_total, last_note_date`;

type Row = Record<string, unknown>;
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function toClient(r: Row): Client {
  return {
    id: r.id as number,
    name: r.name as string,
    uscc: r.uscc as string,
    usccValid: r.uscc_valid === 1,
    city: r.city as string,
    district: s(r.district),
    address: s(r.address),
    industry: r.industry as Client['industry'],
    platformName: s(r.platform_name),
    domain: s(r.domain),
    businessScope: s(r.business_scope),
    legalRep: s(r.legal_rep),
    contactName: s(r.contact_name),
    contactPhone: s(r.contact_phone),
    capitalYuan: (r.capital_yuan as number | null) ?? null,
    founded: s(r.founded),
    officeAreaM2: (r.office_area_m2 as number | null) ?? null,
    insuredStaff: (r.insured_staff as number | null) ?? null,
    consultant: s(r.consultant),
    remark: s(r.remark),
    stage: r.stage as Client['stage'],
    stageSince: s(r.stage_since),
    archived: r.archived === 1,
    materialsDone: r.materials_done as number,
    materialsTotal: r.materials_total as number,
    lastNoteDate: s(r.last_note_date),
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

export function toClientRow(r: Row): ClientRow {
  return {
    id: r.id as number,
    name: r.name as string,
    uscc: r.uscc as string,
    usccValid: r.uscc_valid === 1,
    city: r.city as string,
    industry: r.industry as string,
    stage: r.stage as ClientRow['stage'],
    consultant: s(r.consultant),
    contactName: s(r.contact_name),
    contactPhone: s(r.contact_phone),
    materialsDone: r.materials_done as number,
    materialsTotal: r.materials_total as number,
    lastNoteDate: s(r.last_note_date),
  };
}

export function toMaterial(r: Row): Material {
  return {
    id: r.id as number,
    clientId: r.client_id as number,
    itemKey: r.item_key as string,
    group: r.group_key as string,
    title: r.title as string,
    hint: r.hint as string,
    sort: r.sort as number,
    status: r.status as Material['status'],
    checkComplete: r.check_complete === 1,
    checkAccurate: r.check_accurate === 1,
    checkLegible: r.check_legible === 1,
    note: s(r.note),
    dueDate: s(r.due_date),
    updatedAt: r.updated_at as string,
  };
}

export function toNote(r: Row): Note {
  return {
    id: r.id as number,
    clientId: r.client_id as number,
    date: r.note_date as string,
    body: r.body as string,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

export function toEvent(r: Row): Event {
  return {
    id: r.id as number,
    clientId: r.client_id as number,
    at: r.at as string,
    on: r.occurred_on as string,
    kind: r.kind as string,
    subject: s(r.subject),
    subjectTitle: s(r.subject_title),
    oldValue: s(r.old_value),
    newValue: s(r.new_value),
  };
}

/** A notes.search row (note columns plus `client_name`) as a {@link NoteHit}. */
export function toNoteHit(r: Row): NoteHit {
  return { id: r.id as number, clientId: r.client_id as number, clientName: r.client_name as string, date: r.note_date as string, body: r.body as string };
}
