import { describe, expect, it } from 'vitest';
import { testContext } from '../helpers/context';
import { makeUscc, ok } from '../helpers/call';
import type { StageKey } from '../../shared/domain/stages';

/**
 * The dashboard's per-city counts and "no progress note this week" list, read from indexes since issue 16: the same
 * answers as before (ties in division-code order; every stage but aftercare counts as in progress).
 */
describe('dashboard counts and clients without a note this week', () => {
  it('orders cities by count, ties by division code, and lists only in-progress clients without a note since Monday', async () => {
    const ctx = testContext('2026-11-27T02:00:00.000Z'); // Friday; the week began on Monday 2026-11-23
    const client = async (name: string, city: string, stage: StageKey) =>
      (await ok(ctx, 'clients.create', { client: { name, uscc: makeUscc(), city }, stage })).client.id as number;
    const noNote = await client('太原未记录网络科技有限公司', '太原市', 'materials');
    await client('大同后续管理网络科技有限公司', '大同市', 'aftercare');
    const noted = await client('大同本周已记录网络科技有限公司', '大同市', 'consultation');
    await ok(ctx, 'notes.create', { clientId: noted, date: '2026-11-24', body: '本周已联系客户' });
    const lastWeek = await client('阳泉上周记录网络科技有限公司', '阳泉市', 'site_inspection');
    await ok(ctx, 'notes.create', { clientId: lastWeek, date: '2026-11-16', body: '上周已联系客户' });
    await client('吕梁后续管理网络科技有限公司', '吕梁市', 'aftercare');
    await client('晋城后续管理网络科技有限公司', '晋城市', 'aftercare');

    const d = await ok(ctx, 'dashboard.get', { limit: 50 });
    // 大同 2; then 1 each in code order 太原 1401, 阳泉 1403, 晋城 1405, 吕梁 1411 (not name or insertion order).
    expect(d.cityCounts).toEqual([
      { city: '大同市', n: 2 }, { city: '太原市', n: 1 }, { city: '阳泉市', n: 1 }, { city: '晋城市', n: 1 }, { city: '吕梁市', n: 1 },
    ]);
    expect(d.noNote.total).toBe(2);
    expect(d.noNote.items.map((x: { clientId: number }) => x.clientId)).toEqual([noNote, lastWeek]);
    expect(d.noNote.items[1]).toMatchObject({ stage: 'site_inspection', lastNoteDate: '2026-11-16' });
  });
});

describe('client_counts (0140) stays equal to counting the clients', () => {
  it('after 300 random creates, stage moves, city changes, archivings and removals, and after a JSON import', async () => {
    const ctx = testContext('2026-11-27T02:00:00.000Z');
    const cities = ['太原市', '大同市', '阳泉市', '长治市', '晋城市'];
    const stages: StageKey[] = ['consultation', 'materials', 'pre_application', 'formal_submission', 'aftercare'];
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const ids: number[] = [];
    const counted = () => ({
      stage: ctx.db.prepare('SELECT stage AS k, count(*) AS n FROM clients WHERE archived = 0 GROUP BY stage ORDER BY stage').all(),
      city: ctx.db.prepare('SELECT city AS k, count(*) AS n FROM clients WHERE archived = 0 GROUP BY city ORDER BY city').all(),
    });
    const stored = () => ({
      stage: ctx.db.prepare("SELECT key AS k, n FROM client_counts WHERE dim = 'stage' AND n > 0 ORDER BY key").all(),
      city: ctx.db.prepare("SELECT key AS k, n FROM client_counts WHERE dim = 'city' AND n > 0 ORDER BY key").all(),
    });
    for (let i = 0; i < 300; i++) {
      const op = ids.length < 5 ? 0 : rand(5);
      const id = ids[rand(ids.length)];
      if (op === 0) {
        ids.push((await ok(ctx, 'clients.create', { client: { name: `计数测试${i}网络科技有限公司`, uscc: makeUscc(), city: cities[rand(5)] }, stage: stages[rand(5)] })).client.id as number);
      } else if (op === 1) {
        await ok(ctx, 'clients.setStage', { id, stage: stages[rand(5)], date: '2026-11-27' });
      } else if (op === 2) {
        const c = await ok(ctx, 'clients.get', { id });
        await ok(ctx, 'clients.update', { id, client: { name: c.name, uscc: c.uscc, city: cities[rand(5)] } });
      } else if (op === 3) {
        ctx.db.prepare('UPDATE clients SET archived = 1 - archived WHERE id = ?').run(id);
      } else {
        await ok(ctx, 'clients.remove', { id });
        ids.splice(ids.indexOf(id), 1);
      }
    }
    expect(stored()).toEqual(counted());
    expect(counted().city.length).toBeGreaterThan(3);
    const d = await ok(ctx, 'dashboard.get', { limit: 5 });
    expect(d.stageCounts).toEqual(counted().stage.map((r) => ({ stage: (r as { k: string }).k, n: (r as { n: number }).n })));

    // Licences (0200's renewal counts): some renewed, one of an archived client.
    const live = ids.slice(0, 6);
    for (const id of live) ctx.db.prepare('UPDATE clients SET archived = 0 WHERE id = ?').run(id);
    for (const [i, id] of live.entries()) {
      await ok(ctx, 'licence.set', { clientId: id, number: `晋B2-2021000${i}`, issuedOn: '2021-11-01', expiresOn: i % 2 ? '2026-12-20' : '2027-02-10', renewalAppliedOn: i === 5 ? '2026-11-02' : null });
    }
    ctx.db.prepare('UPDATE clients SET archived = 1 WHERE id = ?').run(live[4]);
    const renewals = (c: typeof ctx) => c.db.prepare('SELECT expires_on, n FROM renewal_counts WHERE n <> 0 ORDER BY expires_on').all();
    // 12-20: the 2nd and 4th (the 6th is renewed); 02-10: the 1st and 3rd (the 5th is archived).
    expect(renewals(ctx)).toEqual([{ expires_on: '2026-12-20', n: 2 }, { expires_on: '2027-02-10', n: 2 }]);

    // A JSON export imported into an empty database: counted again from the imported clients.
    const exported = await ok(ctx, 'data.exportJson', {});
    const other = testContext('2026-11-27T02:00:00.000Z');
    await ok(other, 'data.importJson', { fileName: exported.fileName, dataBase64: exported.base64 });
    expect(other.db.prepare("SELECT key AS k, n FROM client_counts WHERE dim = 'city' AND n > 0 ORDER BY key").all()).toEqual(counted().city);
    expect(renewals(other)).toEqual(renewals(ctx));
  });
});
