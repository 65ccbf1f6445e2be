/**
 * The one place where SQL rows (snake_case) become contract objects (camelCase).
 */
import type { Client, ClientRow, Event, Material, Note } from '../../shared/contract';
import { maskIdNumber } from '../../shared/domain/id-number';
import type { NoteHit } from '../../shared/contracts/search';
import { hasColumn } from './stmt';

export const CLIENT_COLUMNS = `id, name, uscc, uscc_valid, city, district, address, industry, platform_name, domain, icp_filing_no, server_location, business_scope,
  legal_rep, legal_rep_id_number, contact_name, contact_phone, capital_yuan, founded, office_area_m2, insured_staff, consultant, remark,
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
    icpFilingNo: s(r.icp_filing_no),
    serverLocation: s(r.server_location),
    businessScope: s(r.business_scope),
    legalRep: s(r.legal_rep),
    legalRepIdNumber: r.legal_rep_id_number ? maskIdNumber(String(r.legal_rep_id_number)) : null,
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
    extraInfo: [],
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
    updatedAt: isoOfStored(r.updated_ms ?? r.updated_at),
  };
}

/**
 * The ISO text of an instant stored as 0190 stores notes' and materials' times: UTC milliseconds (an integer, read as
 * a number) → `toISOString()`, which is what the generated `created_at` / `updated_at` columns give in SQL (0180's
 * exactness rule: only instants that round-trip are stored as numbers); text as it is.
 */
export function isoOfStored(v: unknown): string {
  return typeof v === 'number' || typeof v === 'bigint' ? new Date(Number(v)).toISOString() : (v as string);
}

const STORED_COLUMNS: Readonly<Record<'notes' | 'materials', string>> = {
  notes: 'id, client_id, note_date, body, created_ms, updated_ms',
  materials: 'id, client_id, item_key, group_key, title, hint, sort, status, check_complete, check_accurate, check_legible, note, due_date, updated_ms',
};

/**
 * The columns to select from `notes` / `materials` for {@link toNote} / {@link toMaterial}: from 0190 on the stored
 * ones (instants in ms, decoded in JS by {@link isoOfStored}: the generated ISO columns cost 1–2 µs a row in SQL's
 * strftime), else `*` (a file at an older schema, e.g. the tests' "before" copies). Checked once per connection.
 */
export function readColumns(db: { prepare(sql: string): { get(...a: unknown[]): unknown } }, table: 'notes' | 'materials'): string {
  return hasColumn(db, table, table === 'notes' ? 'created_ms' : 'updated_ms') ? STORED_COLUMNS[table] : '*';
}

/** A note row read with {@link readColumns} (or `*`). */
export function toNote(r: Row): Note {
  return {
    id: r.id as number,
    clientId: r.client_id as number,
    date: r.note_date as string,
    body: r.body as string,
    createdAt: isoOfStored(r.created_ms ?? r.created_at),
    updatedAt: isoOfStored(r.updated_ms ?? r.updated_at),
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

/** A licences row (without derived renewal data). */
export function toLicence(r: Row) {
  return {
    id: r.id as number,
    clientId: r.client_id as number,
    number: r.number as string,
    issuedOn: r.issued_on as string,
    expiresOn: r.expires_on as string,
    scope: s(r.scope),
    renewalAppliedOn: s(r.renewal_applied_on),
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

/** An annual_reports row (without derived window/state). */
export function toAnnualReportRow(r: Row) {
  return { id: r.id as number, clientId: r.client_id as number, year: r.year as number, filedOn: s(r.filed_on), note: s(r.note) };
}

/** A change_filings row (without derived deadlines). */
export function toChangeFilingRow(r: Row) {
  return {
    id: r.id as number,
    clientId: r.client_id as number,
    kind: r.kind as 'name' | 'domain' | 'scope' | 'legal_rep',
    changedOn: r.changed_on as string,
    oldValue: s(r.old_value),
    newValue: s(r.new_value),
    filedOn: s(r.filed_on),
    note: s(r.note),
  };
}

const tri = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === 1);

/** A client_facts row as eligibility facts (see shared/domain/eligibility.ts EligibilityFacts). */
export function toEligibilityFacts(r: Row) {
  return {
    entityType: (s(r.entity_type) as 'enterprise' | 'branch' | 'individual' | 'other' | null),
    crossProvince: r.cross_province === 1,
    fireFiling: tri(r.fire_filing),
    hasComputers: tri(r.has_computers),
    hasServer: tri(r.has_server),
    hasFirewall: tri(r.has_firewall),
    staffTechLead: tri(r.staff_tech_lead),
    staffCustomerService: tri(r.staff_customer_service),
    staffSecurity: tri(r.staff_security),
    secEncryption: tri(r.sec_encryption),
    secFirewallIds: tri(r.sec_firewall_ids),
    secPrivacy: tri(r.sec_privacy),
    operationRules: tri(r.operation_rules),
    violations2y: tri(r.violations_2y),
    abnormalList: tri(r.abnormal_list),
    creditCheckedOn: s(r.credit_checked_on),
    platformBusiness: s(r.platform_business),
    leaseAddress: s(r.lease_address),
  };
}

/** A notes.search row (note columns plus `client_name`) as a {@link NoteHit}. */
export function toNoteHit(r: Row): NoteHit {
  return { id: r.id as number, clientId: r.client_id as number, clientName: r.client_name as string, date: r.note_date as string, body: r.body as string };
}
