import { clientEventColumns, decodeClientEvents } from './event-columns';
import type { ClientInput, ClientWarning, ExtraInfoItem, Parsed, Out } from '../../shared/contract';
import { cleanMultiline } from '../../shared/domain/text';
import { ClientInput as ClientInputSchema } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg, zhText } from '../../shared/messages';
import { validateUscc, usccCityCode } from '../../shared/domain/uscc';
import { cityByCode } from '../../shared/domain/cities';
import { stageOf, type StageKey } from '../../shared/domain/stages';
import { chinaToday } from '../../shared/domain/weeks';
import { tidyPhone } from '../../shared/domain/parse';
import { isMaskedIdNumber, maskIdNumber, validateIdNumber } from '../../shared/domain/id-number';
import type { ServiceContext } from './context';
import { recordEvent } from './events';
import { CLIENT_COLUMNS, toClient, toEvent } from './rows';
import { buildSearchText } from './search';
import { checklistSize, createChecklist, refreshProgress } from './materials';
import { stmt } from './stmt';
import { deleteClientRows, purgeClientCopies, type ClientIdentity } from '../backup/purge';
import { effectiveDate } from './effective-date';
import { writeTransaction } from '../tx';
import { releaseFile } from './attachments';

/** Warnings for a client that is saved anyway: the city does not match the USCC's division code (spec §2). */
export function clientWarnings(c: Pick<ClientInput, 'uscc' | 'city'>, usccValid: boolean): ClientWarning[] {
  const w: ClientWarning[] = [];
  if (!usccValid) w.push({ code: 'uscc_check', message: '统一社会信用代码校验位不正确，请核对营业执照' });
  const code = usccCityCode(c.uscc);
  if (code && !code.startsWith('14')) {
    w.push({ code: 'outside_shanxi', message: `统一社会信用代码的行政区划（${code}）不在山西省` });
  } else if (code) {
    const byCode = cityByCode(code);
    if (byCode && byCode !== c.city) {
      w.push({ code: 'city_mismatch', message: `统一社会信用代码显示该企业登记在${byCode}，与所选城市（${c.city}）不一致` });
    }
  }
  return w;
}

/** The client row's `search_text` (normalised name, USCC, people, phone, platform, domain). */
export function searchTextOf(c: Pick<ClientInput, 'name' | 'uscc' | 'legalRep' | 'contactName' | 'contactPhone' | 'platformName' | 'domain'>): string {
  return buildSearchText([c.name, c.uscc, c.legalRep, c.contactName, c.contactPhone, c.platformName, c.domain]);
}

/** Normalises and checks the USCC; throws VALIDATION naming the field unless `allowBadCheck` and only the check character is wrong. */
export function checkUscc(raw: string, allowBadCheck: boolean): { uscc: string; valid: boolean } {
  const r = validateUscc(raw);
  if (r.ok) return { uscc: r.uscc, valid: true };
  if (r.reason === 'check' && allowBadCheck) return { uscc: r.uscc, valid: false };
  throw AppError.of('VALIDATION', r.msg, { fields: [{ path: 'client.uscc', message: r.message }] });
}

/**
 * Resolves the legal representative's ID number to store: null, a validated full number, or — when the input is the
 * masked form of the stored number (an edit form that did not touch it) — the stored number. Throws VALIDATION.
 */
export function resolveIdNumber(ctx: ServiceContext, input: string | null, clientId?: number): string | null {
  if (!input) return null;
  if (isMaskedIdNumber(input) && clientId !== undefined) {
    const stored = (ctx.db.prepare('SELECT legal_rep_id_number AS v FROM clients WHERE id = ?').get(clientId) as { v: string | null } | undefined)?.v ?? null;
    if (stored && maskIdNumber(stored) === input) return stored;
  }
  const r = validateIdNumber(input, chinaToday(ctx.now()));
  if (!r.ok) throw AppError.of('VALIDATION', r.msg, { fields: [{ path: 'client.legalRepIdNumber', message: r.message }] });
  return r.id;
}

function assertUniqueUscc(ctx: ServiceContext, uscc: string, exceptId?: number): void {
  const hit = stmt(ctx.db, 'SELECT id, name FROM clients WHERE uscc = ?').get(uscc) as { id: number; name: string } | undefined;
  if (hit && hit.id !== exceptId) throw usccExistsError(hit);
}

/** CONFLICT uscc_exists naming the client that holds the USCC (field client.uscc, details.clientId). */
export function usccExistsError(hit: { id: number; name: string }): AppError {
  const m = msg('uscc_exists', { name: hit.name });
  return AppError.of('CONFLICT', m, { fields: [{ path: 'client.uscc', message: zhText(m), key: m.code, params: m.params }], clientId: hit.id });
}

/**
 * Inserts one client with its materials checklist from the current template and a 'client.create' event.
 * `stageSince`: the stage date (omitted → today; null → unknown). `checklistAccepted`: every item starts 已通过
 * (a client imported past 发证). Runs inside the caller's transaction. Throws VALIDATION / CONFLICT (nothing written by this call).
 */
export function insertClient(
  ctx: ServiceContext,
  input: ClientInput,
  opts: { stage?: StageKey; stageSince?: string | null; checklistAccepted?: boolean; allowBadCheck?: boolean; eventKind?: 'client.create' | 'client.import' } = {},
): { id: number; warnings: ClientWarning[] } {
  const { uscc, valid } = checkUscc(input.uscc, !!opts.allowBadCheck);
  const c = { ...input, uscc, contactPhone: tidyPhone(input.contactPhone ?? null), legalRepIdNumber: resolveIdNumber(ctx, input.legalRepIdNumber ?? null) };
  assertUniqueUscc(ctx, uscc);
  const now = ctx.now().toISOString();
  const stage = opts.stage ?? 'consultation';
  // undefined → today; null → unknown (a client imported past 发证 without a stage date in the sheet).
  const stageSince = opts.stageSince === undefined ? chinaToday(ctx.now()) : opts.stageSince;
  const info = stmt(ctx.db,
    `INSERT INTO clients (name, uscc, uscc_valid, city, district, address, industry, platform_name, domain, icp_filing_no, server_location, business_scope,
        legal_rep, legal_rep_id_number, contact_name, contact_phone, capital_yuan, founded, office_area_m2, insured_staff, consultant, remark,
        stage, stage_since, materials_total, search_text, created_at, updated_at)
       VALUES (@name, @uscc, @usccValid, @city, @district, @address, @industry, @platformName, @domain, @icpFilingNo, @serverLocation, @businessScope,
        @legalRep, @legalRepIdNumber, @contactName, @contactPhone, @capitalYuan, @founded, @officeAreaM2, @insuredStaff, @consultant, @remark,
        @stage, @stageSince, @total, @searchText, @now, @now)`,
  ).run({ ...c, usccValid: valid ? 1 : 0, stage, stageSince, total: checklistSize(ctx), searchText: searchTextOf(c), now });
  const id = Number(info.lastInsertRowid);
  createChecklist(ctx, id);
  if (opts.checklistAccepted) {
    stmt(ctx.db, "UPDATE materials SET status = 'accepted' WHERE client_id = ?").run(id);
    refreshProgress(ctx, id);
  }
  recordEvent(ctx, { clientId: id, kind: opts.eventKind ?? 'client.create', newValue: c.name });
  recordEvent(ctx, { clientId: id, kind: 'stage', newValue: stage });
  return { id, warnings: clientWarnings(c, valid) };
}

export function getClient(ctx: ServiceContext, id: number) {
  const r = stmt(ctx.db, `SELECT ${CLIENT_COLUMNS} FROM clients WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!r) throw AppError.of('NOT_FOUND', msg('client_not_found'), { id });
  return { ...toClient(r), extraInfo: extraInfoOf(ctx, id) };
}

/** A client's 其他信息 (client_extra, migration 0070), in order. */
export function extraInfoOf(ctx: ServiceContext, clientId: number): ExtraInfoItem[] {
  return stmt(ctx.db, 'SELECT label, value FROM client_extra WHERE client_id = ? ORDER BY position, id').all(clientId) as ExtraInfoItem[];
}

/** Appends 其他信息 entries to a client (inside the caller's transaction); empty values are skipped. @returns how many were stored */
export function insertExtraInfo(ctx: ServiceContext, clientId: number, items: readonly ExtraInfoItem[], from = 0): number {
  const ins = stmt(ctx.db, 'INSERT INTO client_extra (client_id, position, label, value) VALUES (?, ?, ?, ?)');
  let n = 0;
  for (const it of items) {
    if (it.value === '') continue;
    ins.run(clientId, from + n, it.label, it.value);
    n++;
  }
  return n;
}

/**
 * Replaces a client's 其他信息 with `items` (edited or removed on the client page) in one IMMEDIATE transaction, and
 * records a 'client.update' event naming 其他信息. Throws NOT_FOUND for an unknown client.
 */
export function setExtraInfo(ctx: ServiceContext, input: Parsed<'clients.setExtraInfo'>): Out<'clients.setExtraInfo'> {
  return writeTransaction(ctx.db, () => {
    const before = getClient(ctx, input.id);
    const items = input.items.map((it) => ({ label: it.label.trim(), value: cleanMultiline(it.value) }));
    stmt(ctx.db, 'DELETE FROM client_extra WHERE client_id = ?').run(input.id);
    insertExtraInfo(ctx, input.id, items);
    const oldText = JSON.stringify(before.extraInfo);
    const after = getClient(ctx, input.id);
    if (oldText !== JSON.stringify(after.extraInfo)) {
      stmt(ctx.db, 'UPDATE clients SET updated_at = ? WHERE id = ?').run(ctx.now().toISOString(), input.id);
      recordEvent(ctx, { clientId: input.id, kind: 'client.update', subject: 'extraInfo', subjectTitle: '其他信息', oldValue: oldText, newValue: JSON.stringify(after.extraInfo) });
    }
    return getClient(ctx, input.id);
  });
}

export function createClient(ctx: ServiceContext, input: Parsed<'clients.create'>): Out<'clients.create'> {
  return writeTransaction(ctx.db, () => {
    const { id, warnings } = insertClient(ctx, input.client, { stage: input.stage });
    return { client: getClient(ctx, id), warnings };
  });
}

const TRACKED_FIELDS = Object.keys(ClientInputSchema.shape) as (keyof ClientInput)[];

export function updateClient(ctx: ServiceContext, input: Parsed<'clients.update'>): Out<'clients.update'> {
  return writeTransaction(ctx.db, () => {
    const before = getClient(ctx, input.id);
    const { uscc, valid } = checkUscc(input.client.uscc, !before.usccValid && input.client.uscc === before.uscc);
    const c = { ...input.client, uscc, contactPhone: tidyPhone(input.client.contactPhone ?? null), legalRepIdNumber: resolveIdNumber(ctx, input.client.legalRepIdNumber ?? null, input.id) };
    assertUniqueUscc(ctx, uscc, input.id);
    stmt(ctx.db,
      `UPDATE clients SET name=@name, uscc=@uscc, uscc_valid=@usccValid, city=@city, district=@district, address=@address,
          industry=@industry, platform_name=@platformName, domain=@domain, icp_filing_no=@icpFilingNo, server_location=@serverLocation, business_scope=@businessScope, legal_rep=@legalRep, legal_rep_id_number=@legalRepIdNumber,
          contact_name=@contactName, contact_phone=@contactPhone, capital_yuan=@capitalYuan, founded=@founded,
          office_area_m2=@officeAreaM2, insured_staff=@insuredStaff, consultant=@consultant, remark=@remark,
          search_text=@searchText, updated_at=@now WHERE id=@id`,
    ).run({ ...c, id: input.id, usccValid: valid ? 1 : 0, searchText: searchTextOf(c), now: ctx.now().toISOString() });
    for (const f of TRACKED_FIELDS) {
      const o = before[f] ?? null;
      // The ID number is personal data: compare and record it masked only (before[] is already masked).
      const n = f === 'legalRepIdNumber' ? (c.legalRepIdNumber ? maskIdNumber(c.legalRepIdNumber) : null) : c[f] ?? null;
      if (String(o) !== String(n)) {
        recordEvent(ctx, { clientId: input.id, kind: 'client.update', subject: f, oldValue: o === null ? null : String(o), newValue: n === null ? null : String(n) });
      }
    }
    return { client: getClient(ctx, input.id), warnings: clientWarnings(c, valid) };
  });
}

/**
 * Deletes a client with everything keyed to it (cascades), drops its terms from the full-text indexes, and
 * checkpoints the WAL with TRUNCATE so the deleted rows do not linger in the -wal file (secure_delete zeroes them in
 * the database). With `purgeBackups`, also rewrites every backup and set-aside copy in the data folder without the
 * client (db/backup/purge.ts) and reports the counts; otherwise `purge` is null and the copies keep it until pruned.
 * @throws AppError('NOT_FOUND') for an unknown client
 */
export async function removeClient(ctx: ServiceContext, input: Parsed<'clients.remove'>): Promise<Out<'clients.remove'>> {
  const who = stmt(ctx.db, 'SELECT id, uscc, created_at AS createdAt FROM clients WHERE id = ?').get(input.id) as ClientIdentity | undefined;
  if (!who) throw AppError.of('NOT_FOUND', msg('client_not_found'), { id: input.id });
  const files = (stmt(ctx.db, 'SELECT DISTINCT sha256 FROM attachments WHERE client_id = ?').all(who.id) as { sha256: string }[]).map((f) => f.sha256);
  deleteClientRows(ctx.db, [who.id]);
  for (const sha of files) releaseFile(ctx, sha); // the attachment rows went with the client (ON DELETE CASCADE)
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  // An in-memory database has no data folder and so no copies.
  const purge = input.purgeBackups ? (ctx.dbPath === ':memory:' ? { checked: 0, cleaned: 0, failed: [] } : await purgeClientCopies(ctx.dataDir, who)) : null;
  return { ok: true, purge };
}

/**
 * Moves the application to `stage`, dated `date` (the day it happened, China date; may be back-dated); records a
 * 'stage' event on that date. @throws VALIDATION when `date` is after today in China
 */
export function setStage(ctx: ServiceContext, input: Parsed<'clients.setStage'>): Out<'clients.setStage'> {
  return writeTransaction(ctx.db, () => {
    const before = getClient(ctx, input.id);
    stageOf(input.stage);
    if (before.stage === input.stage) return before;
    effectiveDate(ctx, input.date, 'date');
    stmt(ctx.db, 'UPDATE clients SET stage = ?, stage_since = ?, updated_at = ? WHERE id = ?').run(input.stage, input.date, ctx.now().toISOString(), input.id);
    recordEvent(ctx, { clientId: input.id, kind: 'stage', oldValue: before.stage, newValue: input.stage, on: input.date });
    return getClient(ctx, input.id);
  });
}

/** The client's activity timeline: newest first. Throws NOT_FOUND for an unknown client. */
export function clientTimeline(ctx: ServiceContext, input: Parsed<'clients.timeline'>): Out<'clients.timeline'> {
  if (!stmt(ctx.db, 'SELECT 1 FROM clients WHERE id = ?').get(input.id)) throw AppError.of('NOT_FOUND', msg('client_not_found'), { id: input.id });
  // Read as stored and decoded in JS (event-columns.ts): a third of the time of decoding in SQL row by row.
  const rows = stmt(ctx.db, `SELECT ${clientEventColumns(ctx.db, 'e')} FROM events e WHERE e.client_id = ? ORDER BY e.id DESC LIMIT ?`).all(input.id, input.limit) as Record<string, unknown>[];
  return decodeClientEvents(ctx.db, input.id, rows).map(toEvent);
}
