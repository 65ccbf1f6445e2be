import { describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context';
import { makeUscc, ok } from '../helpers/call';
import { UNFILED_BY_NAME, UNFILED_BY_YEAR } from '../../db/service/dashboard';
import { FILES_PER_ITEM_SQL } from '../../db/service/weekly';

/**
 * annual_counts (0170): the dashboard's annual-report totals per filing year, kept by triggers on annual_reports,
 * licences and clients, must equal counting the jobs the dashboard shows (client not archived, licence present) after
 * any sequence of changes; and the two ways of listing the unfiled jobs (by year index, by walking clients in name
 * order) return the same rows in the same order.
 */
type Ctx = ReturnType<typeof testContext>;

/** The derivation from scratch: jobs of unarchived clients with a licence, per year and filed / unfiled. */
const counted = (ctx: Ctx) => ctx.db.prepare(
  `SELECT a.year, a.filed_on IS NOT NULL AS filed, count(*) AS n FROM annual_reports a JOIN clients c ON c.id = a.client_id
   WHERE c.archived = 0 AND EXISTS (SELECT 1 FROM licences l WHERE l.client_id = a.client_id) GROUP BY 1, 2 ORDER BY 1, 2`,
).all();
const stored = (ctx: Ctx) => ctx.db.prepare('SELECT year, filed, n FROM annual_counts WHERE n <> 0 ORDER BY year, filed').all();

describe('annual_counts (0170) stays equal to counting the jobs', () => {
  it('after 400 random licence saves and removals, filings and reopenings, archivings, client removals (service and cascade), and a JSON import', async () => {
    const ctx = testContext('2026-11-27T02:00:00.000Z');
    let seed = 11;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const ids: number[] = [];
    const issued = ['2020-06-15', '2022-03-01', '2023-12-31', '2024-01-01', '2025-07-20', '2026-02-10'];
    let filings = 0;
    let hiddenSeen = 0; // jobs of archived or unlicensed clients, at most at one checkpoint
    for (let i = 0; i < 400; i++) {
      const op = ids.length < 6 ? 0 : rand(7);
      const id = ids[rand(ids.length)];
      if (op === 0) {
        ids.push((await ok(ctx, 'clients.create', { client: { name: `年报计数${i}网络科技有限公司`, uscc: makeUscc(), city: '太原市' }, stage: 'aftercare' })).client.id as number);
      } else if (op === 1 || op === 2) {
        // A licence saved: creates the jobs of every filing year it covers (from the year after issue).
        await ok(ctx, 'licence.set', { clientId: id, number: `晋B2-2020${String(1000 + i).slice(-4)}`, issuedOn: issued[rand(issued.length)], expiresOn: null });
      } else if (op === 3) {
        if (ctx.db.prepare('SELECT 1 FROM licences WHERE client_id = ?').get(id)) await ok(ctx, 'licence.remove', { clientId: id });
      } else if (op === 4) {
        const jobs = await ok(ctx, 'annualReports.list', { clientId: id });
        if (jobs.length) {
          const job = jobs[rand(jobs.length)];
          await ok(ctx, 'annualReports.setFiled', { id: job.id, filedOn: job.filedOn ? null : '2026-03-20', note: null });
          filings++;
        }
      } else if (op === 5) {
        ctx.db.prepare('UPDATE clients SET archived = 1 - archived WHERE id = ?').run(id);
      } else {
        // The service deletes the client's rows table by table; a bare DELETE leaves the jobs and licence to the cascade.
        if (rand(2)) await ok(ctx, 'clients.remove', { id });
        else ctx.db.prepare('DELETE FROM clients WHERE id = ?').run(id);
        ids.splice(ids.indexOf(id), 1);
      }
      if (i % 20 === 19) {
        expect(stored(ctx), `after change ${i + 1}`).toEqual(counted(ctx));
        const all = (ctx.db.prepare('SELECT count(*) AS n FROM annual_reports').get() as { n: number }).n;
        hiddenSeen = Math.max(hiddenSeen, all - (counted(ctx) as Array<{ n: number }>).reduce((sum, r) => sum + r.n, 0));
      }
    }
    // The sequence exercised what it is meant to: several years, filed and unfiled jobs, hidden (archived / unlicensed) jobs.
    const years = new Set((counted(ctx) as Array<{ year: number }>).map((r) => r.year));
    expect(years.size).toBeGreaterThan(3);
    expect(filings).toBeGreaterThan(20);
    expect(hiddenSeen).toBeGreaterThan(5);
    expect(stored(ctx)).toEqual(counted(ctx));

    // The dashboard's totals for 2026 are the counted ones (filed → done; unfiled in late November → missed).
    const d = await ok(ctx, 'dashboard.get', { limit: 500 });
    const of2026 = (filed: number) => (counted(ctx) as Array<{ year: number; filed: number; n: number }>).find((r) => r.year === 2026 && r.filed === filed)?.n ?? 0;
    expect(d.annual.counts).toMatchObject({ done: of2026(1), missed: of2026(0), open: 0, late: 0, upcoming: 0 });

    // A JSON export imported into an empty database: counted again from the imported rows.
    const exported = await ok(ctx, 'data.exportJson', {});
    const other = testContext('2026-11-27T02:00:00.000Z');
    await ok(other, 'data.importJson', { fileName: exported.fileName, dataBase64: exported.base64 });
    expect(stored(other)).toEqual(counted(ctx));
  });

  it('lists the same unfiled jobs in the same name order whichever way it reads them, and the dashboard shows them', async () => {
    const ctx = testContext('2026-11-27T02:00:00.000Z');
    // Names chosen so pinyin order differs from insertion and id order; two clients share a name (ties by id).
    const names = ['张家口网络科技有限公司', '阿坝网络科技有限公司', '北京网络科技有限公司', '阿坝网络科技有限公司', '晋城网络科技有限公司', '大同网络科技有限公司', '运城网络科技有限公司', '长治网络科技有限公司'];
    const ids: number[] = [];
    for (const [i, name] of names.entries()) {
      const id = (await ok(ctx, 'clients.create', { client: { name, uscc: makeUscc(), city: '太原市' }, stage: 'aftercare' })).client.id as number;
      ids.push(id);
      if (i !== 6) await ok(ctx, 'licence.set', { clientId: id, number: `晋B2-2025000${i}`, issuedOn: '2025-05-01', expiresOn: null });
    }
    // 晋城 filed, 长治 archived, 运城 without a licence: not listed.
    const jincheng = (await ok(ctx, 'annualReports.list', { clientId: ids[4] })).find((j: { year: number }) => j.year === 2026);
    await ok(ctx, 'annualReports.setFiled', { id: jincheng!.id, filedOn: '2026-03-02', note: null });
    ctx.db.prepare('UPDATE clients SET archived = 1 WHERE id = ?').run(ids[7]);
    const expected = [ids[1], ids[3], ids[2], ids[5], ids[0]]; // 阿坝 (two, by id), 北京, 大同, 张家口
    for (const limit of [1, 2, 3, 5, 50]) {
      const byYear = ctx.db.prepare(UNFILED_BY_YEAR).all(2026, limit) as Array<{ client_id: number }>;
      const byName = ctx.db.prepare(UNFILED_BY_NAME).all(2026, limit) as Array<{ client_id: number }>;
      expect(byName).toEqual(byYear);
      expect(byName.map((r) => r.client_id)).toEqual(expected.slice(0, limit));
    }
    const d = await ok(ctx, 'dashboard.get', { limit: 3 });
    expect(d.annual.counts).toMatchObject({ done: 1, missed: 5 });
    expect(d.annual.items.map((x: { clientId: number }) => x.clientId)).toEqual(expected.slice(0, 3));
  });

  it('reads the unfiled jobs by index either way (no scan of the jobs, no sort when walking names)', () => {
    const ctx = testContext('2026-11-27T02:00:00.000Z');
    const plan = (sql: string) => (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(2026, 10) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan(UNFILED_BY_NAME)).toMatch(/^SCAN c USING INDEX clients_by_name_pinyin \| SEARCH a USING INDEX sqlite_autoindex_annual_reports_1 \(client_id=\? AND year=\?\)/);
    expect(plan(UNFILED_BY_NAME)).not.toContain('TEMP B-TREE');
    expect(plan(UNFILED_BY_YEAR)).toMatch(/^SEARCH a USING INDEX annual_reports_year \(year=\? AND filed_on=\?\)/);
  });

  it('0170: the weekly roll-up counts files per item from the attachments index alone', () => {
    const ctx = testContext('2026-11-27T02:00:00.000Z');
    const plan = (ctx.db.prepare(`EXPLAIN QUERY PLAN ${FILES_PER_ITEM_SQL}`).all('[1,2]', '2026-11-29T16:00:00.000Z') as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan[0]).toBe('SEARCH a USING COVERING INDEX attachments_by_client_added (client_id=? AND added_at<?)');
  });
});
