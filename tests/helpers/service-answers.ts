/**
 * What every service call that reads a client's history answers on a database, as JSON keyed by call — compared
 * before and after a migration that changes how events, notes or materials are stored (tests/db/migration-0180 and
 * -0190): per client the timeline, materials, deadlines, process dates, eligibility, notes and the client; per ISO week
 * from a week before the first event to a week after the last, the roll-up and every client's weekly summary; the
 * dashboard and the database stats; with `notesSearch`, notes.search for every 1-, 2-, 3- and 6-character piece of
 * every note (every 7th start).
 */
import type { DB } from '../../db/open';
import type { ServiceContext } from '../../db/service/context';
import { databaseStats } from '../../db/backup/inspect';
import { addCalendarDays } from '../../shared/domain/calendar';
import { isoWeekId, isoWeekOf } from '../../shared/domain/weeks';
import { call } from './data';

export async function serviceAnswers(ctx: ServiceContext & { db: DB }, opts: { notesSearch?: boolean } = {}): Promise<Map<string, string>> {
  const { db } = ctx;
  const out = new Map<string, string>();
  const ids = (db.prepare('SELECT id FROM clients ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
  for (const id of ids) {
    out.set(`timeline ${id}`, JSON.stringify(await call(ctx, 'clients.timeline', { id, limit: 500 })));
    out.set(`materials ${id}`, JSON.stringify(await call(ctx, 'materials.list', { clientId: id })));
    out.set(`deadlines ${id}`, JSON.stringify(await call(ctx, 'deadlines.client', { clientId: id })));
    out.set(`process ${id}`, JSON.stringify(await call(ctx, 'process.get', { clientId: id })));
    out.set(`eligibility ${id}`, JSON.stringify(await call(ctx, 'eligibility.get', { clientId: id })));
    out.set(`notes ${id}`, JSON.stringify(await call(ctx, 'notes.list', { clientId: id })));
    out.set(`client ${id}`, JSON.stringify(await call(ctx, 'clients.get', { id })));
  }
  const range = db.prepare('SELECT min(occurred_on) AS lo, max(occurred_on) AS hi FROM events').get() as { lo: string; hi: string };
  for (let d = addCalendarDays(range.lo, -7); d <= addCalendarDays(range.hi, 7); d = addCalendarDays(d, 7)) {
    const week = isoWeekId(isoWeekOf(d));
    out.set(`rollup ${week}`, JSON.stringify(await call(ctx, 'weekly.rollup', { week })));
    for (const clientId of ids) out.set(`weekly ${clientId} ${week}`, JSON.stringify(await call(ctx, 'weekly.client', { clientId, week })));
  }
  out.set('dashboard', JSON.stringify(await call(ctx, 'dashboard.get', {})));
  if (opts.notesSearch) {
    for (const { body } of db.prepare('SELECT body FROM notes ORDER BY id').all() as Array<{ body: string }>) {
      const chars = [...body];
      for (const len of [1, 2, 3, 6]) {
        for (let i = 0; i + len <= chars.length; i += 7) {
          const q = chars.slice(i, i + len).join('');
          if (q.trim()) out.set(`search ${q}`, JSON.stringify(await call(ctx, 'notes.search', { q, limit: 50 })));
        }
      }
    }
  }
  out.set('stats', JSON.stringify(databaseStats(db)));
  return out;
}
