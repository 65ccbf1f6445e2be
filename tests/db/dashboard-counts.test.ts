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
