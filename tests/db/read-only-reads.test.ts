/**
 * Reads write nothing (issue 16): the dashboard used to create this year's annual-report jobs on every call and the
 * client page's annualReports.list the jobs of the client's licence. Jobs are now created at start, when the year
 * changes and when a licence is saved (db/service/annual-jobs.ts), and once for existing licences by migration 0130.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/open';
import { MIGRATIONS } from '../../db/migrations/index';
import { closeDataFolder } from '../../db/backup/clean-shutdown';
import { ensureCurrentAnnualJobs } from '../../db/service/annual-jobs';
import { flushDueDates } from '../../db/service/due-dates';
import { testContext } from '../helpers/context';
import { call, folderContext, sampleClient, tmpDir } from '../helpers/data';

const years = (db: ReturnType<typeof openDatabase>, clientId: number) =>
  (db.prepare('SELECT year FROM annual_reports WHERE client_id = ? ORDER BY year').all(clientId) as Array<{ year: number }>).map((r) => r.year);

/** A licence row written without licence.set (as older versions, a JSON restore or the benchmark leave them). */
function rawLicence(db: ReturnType<typeof openDatabase>, clientId: number, issuedOn: string, expiresOn: string) {
  db.prepare(`INSERT INTO licences (client_id, number, issued_on, expires_on, scope, created_at, updated_at)
    VALUES (?, ?, ?, ?, '信息服务业务（仅限互联网信息服务）', 'x', 'x')`).run(clientId, `晋B2-${issuedOn.slice(0, 4)}${String(clientId).padStart(4, '0')}`, issuedOn, expiresOn);
}

describe('read methods write nothing', () => {
  it('dashboard.get, annualReports.list, weekly.rollup, weekly.client and deadlines.client run on a query_only connection', async () => {
    const ctx = testContext('2026-02-10T02:00:00.000Z');
    const { client } = await call(ctx, 'clients.create', { client: sampleClient(1), stage: 'aftercare' });
    const { client: other } = await call(ctx, 'clients.create', { client: sampleClient(2), stage: 'materials' });
    rawLicence(ctx.db, client.id, '2023-03-01', '2028-03-01');
    flushDueDates(ctx); // the licence's due-date mark, as dispatch settles it after any call
    const changes = ctx.db.prepare('SELECT total_changes() AS n');
    const before = (changes.get() as { n: number }).n;
    ctx.db.pragma('query_only = 1');
    try {
      const dash = await call(ctx, 'dashboard.get', {});
      // No job exists for the raw licence, and the dashboard did not create one.
      expect(dash.annual).toMatchObject({ year: 2026, counts: { open: 0, done: 0 }, items: [] });
      expect(await call(ctx, 'annualReports.list', { clientId: client.id })).toEqual([]);
      expect((await call(ctx, 'weekly.rollup', { week: '2026-W07' })).rows.map((r) => r.clientId)).toEqual([other.id]);
      await call(ctx, 'weekly.client', { clientId: other.id, week: '2026-W07' });
      await call(ctx, 'deadlines.client', { clientId: other.id });
    } finally {
      ctx.db.pragma('query_only = 0');
    }
    expect((changes.get() as { n: number }).n).toBe(before);
    expect(years(ctx.db, client.id)).toEqual([]);
  });

  it('this year\'s jobs are created at start (openDataFolder) and when the year changes, once per year', async () => {
    const dir = tmpDir();
    const first = await folderContext(dir, '2026-02-10T02:00:00.000Z');
    const { client } = await call(first, 'clients.create', { client: sampleClient(3), stage: 'aftercare' });
    rawLicence(first.db, client.id, '2023-03-01', '2028-03-01');
    closeDataFolder(first.db, first.dbPath);

    const ctx = await folderContext(dir, '2026-02-10T02:00:00.000Z');
    expect(years(ctx.db, client.id)).toEqual([2026]);
    const dash = await call(ctx, 'dashboard.get', {});
    expect(dash.annual).toMatchObject({ year: 2026, counts: { open: 1 }, items: [{ clientId: client.id, year: 2026, state: 'open', due: '2026-03-31' }] });
    // Same year: nothing to do. China's new year (2026-12-31T16:00Z = 2027-01-01 00:00 in China): the 2027 job.
    expect(ensureCurrentAnnualJobs(ctx)).toBe(0);
    ctx.setNow('2026-12-31T15:59:00.000Z');
    expect(ensureCurrentAnnualJobs(ctx)).toBe(0);
    ctx.setNow('2026-12-31T16:00:00.000Z');
    expect(ensureCurrentAnnualJobs(ctx)).toBe(1);
    expect(years(ctx.db, client.id)).toEqual([2026, 2027]);
    expect(ensureCurrentAnnualJobs(ctx)).toBe(0);
    closeDataFolder(ctx.db, ctx.dbPath);
  });
});

describe('migration 0130', () => {
  it('creates every filing year of existing licences once, and drops the event indexes no query uses', () => {
    const file = path.join(tmpDir(), 'db.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 130) });
    const ins = old.prepare("INSERT INTO clients (name, uscc, city, created_at, updated_at) VALUES (?, ?, '太原市', 'x', 'x')");
    const a = Number(ins.run('甲网络科技有限公司', sampleClient(4).uscc).lastInsertRowid);
    const b = Number(ins.run('乙网络科技有限公司', sampleClient(5).uscc).lastInsertRowid);
    rawLicence(old, a, '2023-03-01', '2028-03-01');
    rawLicence(old, b, '2026-11-30', '2031-11-30');
    old.prepare("INSERT INTO annual_reports (client_id, year, filed_on, created_at, updated_at) VALUES (?, 2025, '2025-03-01', 'x', 'x')").run(a);
    old.close();

    const db = openDatabase(file);
    // 2023-03-01 … 2028-03-01 reports for 2024 … 2029; 2026-11-30 … 2031-11-30 for 2027 … 2032 (as licence.set creates them).
    expect(years(db, a)).toEqual([2024, 2025, 2026, 2027, 2028, 2029]);
    expect(years(db, b)).toEqual([2027, 2028, 2029, 2030, 2031, 2032]);
    expect(db.prepare('SELECT filed_on FROM annual_reports WHERE client_id = ? AND year = 2025').get(a)).toEqual({ filed_on: '2025-03-01' });
    const indexes = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    expect(indexes).toEqual(['events_client', 'events_stage_moves', 'events_stage_on']);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'notes_date'").get()).toEqual({ n: 0 });
    db.close();
    expect(fs.existsSync(file)).toBe(true);
  });
});
