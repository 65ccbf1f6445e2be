import type { ClientInput, ClientWarning, Parsed, Out } from '../../shared/contract';
import { ClientInput as ClientInputSchema } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { validateUscc, usccCityCode } from '../../shared/domain/uscc';
import { cityByCode } from '../../shared/domain/cities';
import { stageOf, type StageKey } from '../../shared/domain/stages';
import { chinaToday } from '../../shared/domain/weeks';
import { isMaskedIdNumber, maskIdNumber, validateIdNumber } from '../../shared/domain/id-number';
import type { ServiceContext } from './context';
import { recordEvent } from './events';
import { CLIENT_COLUMNS, toClient, toEvent } from './rows';
import { buildSearchText } from './search';
import { checklistSize, createChecklist } from './materials';
import { stmt } from './stmt';
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

function searchTextOf(c: ClientInput): string {
  return buildSearchText([c.name, c.uscc, c.legalRep, c.contactName, c.contactPhone, c.platformName, c.domain]);
}

/** Normalises and checks the USCC; throws VALIDATION naming the field unless `allowBadCheck` and only the check character is wrong. */
function checkUscc(raw: string, allowBadCheck: boolean): { uscc: string; valid: boolean } {
  const r = validateUscc(raw);
  if (r.ok) return { uscc: r.uscc, valid: true };
  if (r.reason === 'check' && allowBadCheck) return { uscc: r.uscc, valid: false };
  throw new AppError('VALIDATION', r.message, { fields: [{ path: 'client.uscc', message: r.message }] });
}

/**
 * Resolves the legal representative's ID number to store: null, a validated full number, or — when the input is the
 * masked form of the stored number (an edit form that did not touch it) — the stored number. Throws VALIDATION.
 */
function resolveIdNumber(ctx: ServiceContext, input: string | null, clientId?: number): string | null {
  if (!input) return null;
  if (isMaskedIdNumber(input) && clientId !== undefined) {
    const stored = (ctx.db.prepare('SELECT legal_rep_id_number AS v FROM clients WHERE id = ?').get(clientId) as { v: string | null } | undefined)?.v ?? null;
    if (stored && maskIdNumber(stored) === input) return stored;
  }
  const r = validateIdNumber(input, chinaToday(ctx.now()));
  if (!r.ok) throw new AppError('VALIDATION', r.message, { fields: [{ path: 'client.legalRepIdNumber', message: r.message }] });
  return r.id;
}

function assertUniqueUscc(ctx: ServiceContext, uscc: string, exceptId?: number): void {
  const hit = stmt(ctx.db, 'SELECT id, name FROM clients WHERE uscc = ?').get(uscc) as { id: number; name: string } | undefined;
  if (hit && hit.id !== exceptId) {
    const message = `统一社会信用代码已存在：${hit.name}`;
    throw new AppError('CONFLICT', message, { fields: [{ path: 'client.uscc', message }], clientId: hit.id });
  }
}

/**
 * Inserts one client with its materials checklist from the current template and a 'client.create' event.
 * Runs inside the caller's transaction. Throws VALIDATION / CONFLICT (nothing written by this call).
 */
export function insertClient(
  ctx: ServiceContext,
  input: ClientInput,
  opts: { stage?: StageKey; allowBadCheck?: boolean; eventKind?: 'client.create' | 'client.import' } = {},
): { id: number; warnings: ClientWarning[] } {
  const { uscc, valid } = checkUscc(input.uscc, !!opts.allowBadCheck);
  const c = { ...input, uscc, legalRepIdNumber: resolveIdNumber(ctx, input.legalRepIdNumber ?? null) };
  assertUniqueUscc(ctx, uscc);
  const now = ctx.now().toISOString();
  const stage = opts.stage ?? 'consultation';
  const info = stmt(ctx.db,
    `INSERT INTO clients (name, uscc, uscc_valid, city, district, address, industry, platform_name, domain, business_scope,
        legal_rep, legal_rep_id_number, contact_name, contact_phone, capital_yuan, founded, office_area_m2, insured_staff, consultant, remark,
        stage, stage_since, materials_total, search_text, created_at, updated_at)
       VALUES (@name, @uscc, @usccValid, @city, @district, @address, @industry, @platformName, @domain, @businessScope,
        @legalRep, @legalRepIdNumber, @contactName, @contactPhone, @capitalYuan, @founded, @officeAreaM2, @insuredStaff, @consultant, @remark,
        @stage, @stageSince, @total, @searchText, @now, @now)`,
  ).run({ ...c, usccValid: valid ? 1 : 0, stage, stageSince: chinaToday(ctx.now()), total: checklistSize(ctx), searchText: searchTextOf(c), now });
  const id = Number(info.lastInsertRowid);
  createChecklist(ctx, id);
  recordEvent(ctx, { clientId: id, kind: opts.eventKind ?? 'client.create', newValue: c.name });
  recordEvent(ctx, { clientId: id, kind: 'stage', newValue: stage });
  return { id, warnings: clientWarnings(c, valid) };
}

export function getClient(ctx: ServiceContext, id: number) {
  const r = stmt(ctx.db, `SELECT ${CLIENT_COLUMNS} FROM clients WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!r) throw new AppError('NOT_FOUND', '客户不存在或已删除', { id });
  return toClient(r);
}

export function createClient(ctx: ServiceContext, input: Parsed<'clients.create'>): Out<'clients.create'> {
  return ctx.db.transaction(() => {
    const { id, warnings } = insertClient(ctx, input.client, { stage: input.stage });
    return { client: getClient(ctx, id), warnings };
  })();
}

const TRACKED_FIELDS = Object.keys(ClientInputSchema.shape) as (keyof ClientInput)[];

export function updateClient(ctx: ServiceContext, input: Parsed<'clients.update'>): Out<'clients.update'> {
  return ctx.db.transaction(() => {
    const before = getClient(ctx, input.id);
    const { uscc, valid } = checkUscc(input.client.uscc, !before.usccValid && input.client.uscc === before.uscc);
    const c = { ...input.client, uscc, legalRepIdNumber: resolveIdNumber(ctx, input.client.legalRepIdNumber ?? null, input.id) };
    assertUniqueUscc(ctx, uscc, input.id);
    stmt(ctx.db,
      `UPDATE clients SET name=@name, uscc=@uscc, uscc_valid=@usccValid, city=@city, district=@district, address=@address,
          industry=@industry, platform_name=@platformName, domain=@domain, business_scope=@businessScope, legal_rep=@legalRep, legal_rep_id_number=@legalRepIdNumber,
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
  })();
}

export function removeClient(ctx: ServiceContext, input: Parsed<'clients.remove'>): Out<'clients.remove'> {
  const files = (stmt(ctx.db, 'SELECT DISTINCT sha256 FROM attachments WHERE client_id = ?').all(input.id) as { sha256: string }[]).map((f) => f.sha256);
  const info = stmt(ctx.db, 'DELETE FROM clients WHERE id = ?').run(input.id);
  if (!info.changes) throw new AppError('NOT_FOUND', '客户不存在或已删除', { id: input.id });
  for (const sha of files) releaseFile(ctx, sha); // attachment rows went with the client (ON DELETE CASCADE)
  return { ok: true };
}

/** Moves the application to `stage`, dated `date` (the day it happened, China date); records a 'stage' event on that date. */
export function setStage(ctx: ServiceContext, input: Parsed<'clients.setStage'>): Out<'clients.setStage'> {
  return ctx.db.transaction(() => {
    const before = getClient(ctx, input.id);
    stageOf(input.stage);
    if (before.stage === input.stage) return before;
    stmt(ctx.db, 'UPDATE clients SET stage = ?, stage_since = ?, updated_at = ? WHERE id = ?').run(input.stage, input.date, ctx.now().toISOString(), input.id);
    recordEvent(ctx, { clientId: input.id, kind: 'stage', oldValue: before.stage, newValue: input.stage, on: input.date });
    return getClient(ctx, input.id);
  })();
}

/** The client's activity timeline: newest first. Throws NOT_FOUND for an unknown client. */
export function clientTimeline(ctx: ServiceContext, input: Parsed<'clients.timeline'>): Out<'clients.timeline'> {
  if (!stmt(ctx.db, 'SELECT 1 FROM clients WHERE id = ?').get(input.id)) throw new AppError('NOT_FOUND', '客户不存在或已删除', { id: input.id });
  const rows = stmt(ctx.db, 'SELECT * FROM events WHERE client_id = ? ORDER BY id DESC LIMIT ?').all(input.id, input.limit) as Record<string, unknown>[];
  return rows.map(toEvent);
}
