/**
 * After-care (spec §7): the client's licence with its renewal dates, the annual-report jobs (one per licensed client
 * per filing year, created on demand — when the dashboard or the client's list is shown and when a licence is saved;
 * no cron, no network) and change filings. Every change is recorded in the events log.
 */
import { assertPastDate } from './effective-date';
import type { Out, Parsed } from '../../shared/contract';
import type { WorkCalendar } from '../../shared/domain/calendar';
import { annualReportApplies, annualReportStatus, changeFilingStatus, CHANGE_KINDS, defaultExpiry, parseLicenceNumber, renewalStatus } from '../../shared/domain/licence';
import { chinaToday } from '../../shared/domain/weeks';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import type { ServiceContext } from './context';
import { stmt } from './stmt';
import { getClient } from './clients';
import { loadCalendar } from './calendar';
import { recordEvent } from './events';
import { toAnnualReportRow, toChangeFilingRow, toLicence } from './rows';
import { writeTransaction } from '../tx';

const todayOf = (ctx: ServiceContext, today: string | null) => today ?? chinaToday(ctx.now());

export function findLicence(ctx: ServiceContext, clientId: number) {
  const r = stmt(ctx.db, 'SELECT * FROM licences WHERE client_id = ?').get(clientId) as Record<string, unknown> | undefined;
  return r ? toLicence(r) : null;
}

export function getLicence(ctx: ServiceContext, input: Parsed<'licence.get'>): Out<'licence.get'> {
  getClient(ctx, input.clientId);
  const licence = findLicence(ctx, input.clientId);
  if (!licence) return { licence: null, renewal: null };
  const r = renewalStatus(licence.expiresOn, licence.renewalAppliedOn, loadCalendar(ctx), todayOf(ctx, input.today));
  return { licence, renewal: { expiresOn: r.expiresOn, remindOn: r.remindOn, warnFrom: r.warnFrom, legalLast: r.legalLast, state: r.state, daysToExpiry: r.daysToExpiry, deadline: r.deadline } };
}

const licenceText = (l: { number: string; issuedOn: string; expiresOn: string; renewalAppliedOn: string | null }) =>
  `${l.number}（${l.issuedOn} 至 ${l.expiresOn}）${l.renewalAppliedOn ? `，续期已申请 ${l.renewalAppliedOn}` : ''}`;

/**
 * Saves the client's licence (creating or replacing it). The number is normalised and checked against
 * 晋B2-YYYYNNNN[-N]; expiry defaults to issue + 5 years. Creates the annual-report job of every filing year the
 * licence covers ({@link ensureLicenceReportJobs}), so the first window shows from the week the licence is issued.
 * @throws VALIDATION naming the field (bad number, expiry not after issue); CONFLICT naming the client that already
 * holds the number; NOT_FOUND for an unknown client
 */
export function setLicence(ctx: ServiceContext, input: Parsed<'licence.set'>): Out<'licence.set'> {
  return writeTransaction(ctx.db, () => {
    getClient(ctx, input.clientId);
    const n = parseLicenceNumber(input.number);
    if (!n.ok) throw AppError.field('VALIDATION', 'number', n.msg);
    const holder = stmt(ctx.db, 'SELECT c.name FROM licences l JOIN clients c ON c.id = l.client_id WHERE l.number = ? AND l.client_id <> ?')
      .get(n.number, input.clientId) as { name: string } | undefined;
    if (holder) {
      throw AppError.field('CONFLICT', 'number', msg('licence_number_taken', { number: n.number, name: holder.name }));
    }
    const expiresOn = input.expiresOn ?? defaultExpiry(input.issuedOn);
    if (expiresOn <= input.issuedOn) {
      throw AppError.field('VALIDATION', 'expiresOn', msg('licence_expiry_before_issue'));
    }
    const before = findLicence(ctx, input.clientId);
    assertPastDate(ctx, input.issuedOn, 'issuedOn', before?.issuedOn);
    assertPastDate(ctx, input.renewalAppliedOn, 'renewalAppliedOn', before?.renewalAppliedOn);
    const now = ctx.now().toISOString();
    stmt(ctx.db,
        `INSERT INTO licences (client_id, number, issued_on, expires_on, scope, renewal_applied_on, created_at, updated_at)
         VALUES (@clientId, @number, @issuedOn, @expiresOn, @scope, @renewalAppliedOn, @now, @now)
         ON CONFLICT(client_id) DO UPDATE SET number = excluded.number, issued_on = excluded.issued_on, expires_on = excluded.expires_on,
           scope = excluded.scope, renewal_applied_on = excluded.renewal_applied_on, updated_at = excluded.updated_at`,
      )
      .run({ clientId: input.clientId, number: n.number, issuedOn: input.issuedOn, expiresOn, scope: input.scope, renewalAppliedOn: input.renewalAppliedOn, now });
    const after = findLicence(ctx, input.clientId)!;
    const oldText = before ? licenceText(before) : null;
    if (oldText !== licenceText(after) || before?.scope !== after.scope) recordEvent(ctx, { clientId: input.clientId, kind: 'licence.set', oldValue: oldText, newValue: licenceText(after) });
    ensureLicenceReportJobs(ctx, input.clientId);
    return after;
  });
}

/** Removes the client's licence record (its filed annual reports and change filings stay). */
export function removeLicence(ctx: ServiceContext, input: Parsed<'licence.remove'>): Out<'licence.remove'> {
  return writeTransaction(ctx.db, () => {
    const before = findLicence(ctx, input.clientId);
    if (!before) throw new AppError('NOT_FOUND', msg('licence_not_found'), { clientId: input.clientId });
    stmt(ctx.db, 'DELETE FROM licences WHERE client_id = ?').run(input.clientId);
    recordEvent(ctx, { clientId: input.clientId, kind: 'licence.remove', oldValue: licenceText(before) });
    return { ok: true as const };
  });
}

/**
 * Creates the annual-report job of filing year `year` for every licence that owes it (issued before 01-01 of
 * `year`, valid on some day of the year reported — shared/domain/licence.ts annualReportApplies), optionally for one
 * client only. Idempotent. Returns how many jobs were created.
 */
export function ensureAnnualReportJobs(ctx: ServiceContext, year: number, clientId?: number): number {
  const now = ctx.now().toISOString();
  const info = stmt(ctx.db,
      `INSERT OR IGNORE INTO annual_reports (client_id, year, created_at, updated_at)
       SELECT client_id, @year, @now, @now FROM licences WHERE issued_on < @opens AND expires_on >= @reportedStart ${clientId ? 'AND client_id = @clientId' : ''}`,
    )
    .run({ year, now, opens: `${year}-01-01`, reportedStart: `${year - 1}-01-01`, ...(clientId ? { clientId } : {}) });
  return info.changes;
}

/**
 * Creates the annual-report jobs of every filing year a client's licence covers: from the year after issue to the
 * year after expiry, each where {@link annualReportApplies} (licence 2026-12-01 … 2031-12-01 → 2027 … 2032).
 * Idempotent; filed jobs are kept. Returns how many jobs were created.
 */
export function ensureLicenceReportJobs(ctx: ServiceContext, clientId: number): number {
  const l = findLicence(ctx, clientId);
  if (!l) return 0;
  let created = 0;
  for (let year = Number(l.issuedOn.slice(0, 4)) + 1; year <= Number(l.expiresOn.slice(0, 4)) + 1; year++) {
    if (annualReportApplies(l.issuedOn, l.expiresOn, year)) created += ensureAnnualReportJobs(ctx, year, clientId);
  }
  return created;
}

/** An annual_reports row with its window and state as of `today`. */
export function withAnnualStatus(row: ReturnType<typeof toAnnualReportRow>, cal: WorkCalendar, today: string): Out<'annualReports.setFiled'> {
  const s = annualReportStatus(row.year, row.filedOn, cal, today);
  return { ...row, opens: s.opens, due: s.due, lateUntil: s.lateUntil, state: s.state, remaining: s.deadline.remaining };
}

export function listAnnualReports(ctx: ServiceContext, input: Parsed<'annualReports.list'>): Out<'annualReports.list'> {
  getClient(ctx, input.clientId);
  const today = todayOf(ctx, input.today);
  const cal = loadCalendar(ctx);
  const rows = stmt(ctx.db, 'SELECT * FROM annual_reports WHERE client_id = ? ORDER BY year DESC').all(input.clientId) as Array<Record<string, unknown>>;
  return rows.map((r) => withAnnualStatus(toAnnualReportRow(r), cal, today));
}

/** Marks a job filed on `filedOn` (null reopens it) with an optional note; records the change. */
export function setAnnualReportFiled(ctx: ServiceContext, input: Parsed<'annualReports.setFiled'>): Out<'annualReports.setFiled'> {
  return writeTransaction(ctx.db, () => {
    const r = stmt(ctx.db, 'SELECT * FROM annual_reports WHERE id = ?').get(input.id) as Record<string, unknown> | undefined;
    if (!r) throw new AppError('NOT_FOUND', msg('annual_report_not_found'), { id: input.id });
    const before = toAnnualReportRow(r);
    assertPastDate(ctx, input.filedOn, 'filedOn', before.filedOn);
    stmt(ctx.db, 'UPDATE annual_reports SET filed_on = ?, note = ?, updated_at = ? WHERE id = ?').run(input.filedOn, input.note, ctx.now().toISOString(), input.id);
    if (before.filedOn !== input.filedOn) {
      recordEvent(ctx, { clientId: before.clientId, kind: 'annual.filed', subject: String(before.year), subjectTitle: `${before.year}年报`, oldValue: before.filedOn, newValue: input.filedOn });
    }
    const after = toAnnualReportRow(stmt(ctx.db, 'SELECT * FROM annual_reports WHERE id = ?').get(input.id) as Record<string, unknown>);
    return withAnnualStatus(after, loadCalendar(ctx), todayOf(ctx, input.today));
  });
}

/** A change_filings row with its two deadlines and state as of `today`. */
export function withChangeStatus(row: ReturnType<typeof toChangeFilingRow>, cal: WorkCalendar, today: string): Out<'changes.setFiled'> {
  const s = changeFilingStatus(row.changedOn, row.filedOn, cal, today);
  return { ...row, agencyDue: s.agency.due, legalDue: s.legal.due, state: s.state, remaining: s.agency.remaining };
}

const kindZh = (k: string) => CHANGE_KINDS.find((c) => c.key === k)?.zh ?? k;

function getChange(ctx: ServiceContext, id: number) {
  const r = stmt(ctx.db, 'SELECT * FROM change_filings WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!r) throw new AppError('NOT_FOUND', msg('change_filing_not_found'), { id });
  return toChangeFilingRow(r);
}

export function listChanges(ctx: ServiceContext, input: Parsed<'changes.list'>): Out<'changes.list'> {
  getClient(ctx, input.clientId);
  const cal = loadCalendar(ctx);
  const today = todayOf(ctx, input.today);
  const rows = stmt(ctx.db, 'SELECT * FROM change_filings WHERE client_id = ? ORDER BY changed_on DESC, id DESC').all(input.clientId) as Array<Record<string, unknown>>;
  return rows.map((r) => withChangeStatus(toChangeFilingRow(r), cal, today));
}

/** Records a change (name, domain, scope or legal representative) dated `changedOn`; its filing is then due. */
export function createChange(ctx: ServiceContext, input: Parsed<'changes.create'>): Out<'changes.create'> {
  return writeTransaction(ctx.db, () => {
    getClient(ctx, input.clientId);
    const now = ctx.now().toISOString();
    const info = stmt(ctx.db, 'INSERT INTO change_filings (client_id, kind, changed_on, old_value, new_value, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(input.clientId, input.kind, input.changedOn, input.oldValue, input.newValue, input.note, now, now);
    recordEvent(ctx, { clientId: input.clientId, kind: 'change.create', subject: input.kind, subjectTitle: kindZh(input.kind), oldValue: input.oldValue, newValue: input.newValue, on: input.changedOn });
    return withChangeStatus(getChange(ctx, Number(info.lastInsertRowid)), loadCalendar(ctx), todayOf(ctx, input.today));
  });
}

/** Marks a change filed on `filedOn` (null reopens it); records the change. */
export function setChangeFiled(ctx: ServiceContext, input: Parsed<'changes.setFiled'>): Out<'changes.setFiled'> {
  return writeTransaction(ctx.db, () => {
    const before = getChange(ctx, input.id);
    assertPastDate(ctx, input.filedOn, 'filedOn', before.filedOn);
    stmt(ctx.db, 'UPDATE change_filings SET filed_on = ?, updated_at = ? WHERE id = ?').run(input.filedOn, ctx.now().toISOString(), input.id);
    if (before.filedOn !== input.filedOn) {
      recordEvent(ctx, { clientId: before.clientId, kind: 'change.filed', subject: before.kind, subjectTitle: kindZh(before.kind), oldValue: before.filedOn, newValue: input.filedOn });
    }
    return withChangeStatus(getChange(ctx, input.id), loadCalendar(ctx), todayOf(ctx, input.today));
  });
}

export function removeChange(ctx: ServiceContext, input: Parsed<'changes.remove'>): Out<'changes.remove'> {
  return writeTransaction(ctx.db, () => {
    const before = getChange(ctx, input.id);
    stmt(ctx.db, 'DELETE FROM change_filings WHERE id = ?').run(input.id);
    recordEvent(ctx, { clientId: before.clientId, kind: 'change.remove', subject: before.kind, subjectTitle: kindZh(before.kind), oldValue: `${before.changedOn} ${before.newValue ?? ''}`.trim() });
    return { ok: true as const };
  });
}
