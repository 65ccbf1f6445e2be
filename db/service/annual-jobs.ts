/**
 * Upkeep of the annual-report jobs (table `annual_reports`, spec §7) outside any read: the dashboard and
 * `annualReports.list` only read them (issue 16: the dashboard used to run this insert on every call).
 *
 * When jobs are created:
 * - a licence saved (`licence.set`): every filing year it covers, in the same transaction (licences.ts
 *   ensureLicenceReportJobs);
 * - at every start of the data folder (db/backup/open-folder.ts) and again when China's year changes while the app
 *   stays open (the host's hourly check, electron/host-context.ts): this year's job of every licence that owes one
 *   ({@link ensureCurrentAnnualJobs}) — covers licences written by other means (a JSON restore, the benchmark's
 *   generator) and the first start of a new year;
 * - once, at the upgrade to schema 130 (migration 0130): every year every existing licence covers, which
 *   `annualReports.list` used to create on first listing.
 */
import { chinaToday } from '../../shared/domain/weeks';
import { writeTransaction } from '../tx';
import type { DB } from '../open';
import type { ServiceContext } from './context';
import { ensureAnnualReportJobs } from './licences';

const ensuredYear = new WeakMap<DB, number>();

/**
 * Creates this year's (China's calendar year of `ctx.now()`) annual-report job of every licence that owes one, in one
 * IMMEDIATE transaction, unless this connection did so already for that year. One INSERT … SELECT over the licences
 * (about 2 ms at 8,000 licences). Returns how many jobs were created (0 when already done this year).
 */
export function ensureCurrentAnnualJobs(ctx: Pick<ServiceContext, 'db' | 'now'> & Partial<ServiceContext>): number {
  const year = Number(chinaToday(ctx.now()).slice(0, 4));
  if (ensuredYear.get(ctx.db) === year) return 0;
  const hasTable = ctx.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'annual_reports'").get();
  const created = hasTable ? writeTransaction(ctx.db, () => ensureAnnualReportJobs(ctx as ServiceContext, year)) : 0;
  ensuredYear.set(ctx.db, year);
  return created;
}

/**
 * Runs {@link ensureCurrentAnnualJobs} every `everyMs` (default one hour) while the app stays open, so a new year's
 * jobs exist from its first hour without any read creating them. Failures (e.g. the write lock held past
 * busy_timeout) are logged and retried at the next tick. Returns a function that stops the timer; the timer never
 * keeps the process alive.
 */
export function startAnnualJobsTimer(ctx: ServiceContext, everyMs = 3_600_000): () => void {
  const timer = setInterval(() => {
    if ((ctx.health?.state ?? 'ok') !== 'ok' || ctx.busy || !ctx.db.open) return;
    try {
      ensureCurrentAnnualJobs(ctx);
    } catch (e) {
      console.error(`[annual-jobs] ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`);
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
