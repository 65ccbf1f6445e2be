/**
 * The register's facets (clients.facets): the consultants of unarchived clients in pinyin order, read by skipping
 * through the consultant index (issue 16: one seek per consultant, not a scan of every client) — the same list as a
 * DISTINCT over every client's row; the unarchived total from client_counts, equal to a count.
 */
import { describe, expect, it } from 'vitest';
import { FACETS_SQL } from '../../db/service/client-list';
import { testContext } from '../helpers/context';
import { call, sampleUscc } from '../helpers/data';

const client = (i: number, consultant: string | null) =>
  ({ name: `太原测试${i}号科技有限公司`, uscc: sampleUscc(i), city: '太原市', contactName: '王测试', contactPhone: '13800000000', consultant }) as const;

/** The definition the skip-scan must equal: every unarchived client's consultant, distinct, by sort key. */
const DISTINCT_SQL = 'SELECT DISTINCT consultant_sort, consultant FROM clients WHERE archived = 0 AND consultant IS NOT NULL ORDER BY consultant_sort';

describe('clients.facets consultants', () => {
  it('lists each consultant of an unarchived client once, in pinyin order; same-sound names both; archived-only and none left out', async () => {
    const ctx = testContext();
    // 张伟 and 章伟 read alike (zhang1 wei3): two consultants, two keys. 赵敏 has only an archived client.
    const consultants = ['王芳', '张伟', '章伟', '李娜', null, '王芳', '张伟', '安然', '李娜', '赵敏'];
    const ids: number[] = [];
    for (const [i, c] of consultants.entries()) ids.push((await call(ctx, 'clients.create', { client: client(i + 1, c) })).client.id);
    for (let i = 0; i < 30; i++) await call(ctx, 'clients.create', { client: client(100 + i, i % 3 === 0 ? '李娜' : '王芳') });
    ctx.db.prepare('UPDATE clients SET archived = 1 WHERE id = ?').run(ids[9]);
    const facets = await call(ctx, 'clients.facets', {});
    expect(facets.consultants).toEqual(['安然', '李娜', '王芳', '张伟', '章伟']);
    expect(facets.total).toBe(39);
    // The unfiltered register counts the same unarchived clients (from client_counts, not row by row).
    expect((await call(ctx, 'clients.list', { offset: 0, limit: 10 })).total).toBe(39);
    expect((await call(ctx, 'clients.list', { offset: 0, limit: 10, consultant: '赵敏' })).total).toBe(0);
    await call(ctx, 'clients.remove', { id: ids[0] });
    expect((await call(ctx, 'clients.facets', {})).total).toBe(38);
    expect((await call(ctx, 'clients.list', { offset: 0, limit: 10 })).total).toBe(38);
    expect(ctx.db.prepare(FACETS_SQL.consultants).all()).toEqual(ctx.db.prepare(DISTINCT_SQL).all());
  });

  it('is empty without consultants', async () => {
    const ctx = testContext();
    await call(ctx, 'clients.create', { client: client(1, null) });
    expect((await call(ctx, 'clients.facets', {})).consultants).toEqual([]);
  });

  it('seeks the consultant index instead of scanning it', () => {
    const ctx = testContext();
    const plan = (ctx.db.prepare(`EXPLAIN QUERY PLAN ${FACETS_SQL.consultants}`).all() as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.filter((d) => /clients/.test(d))).not.toHaveLength(0);
    expect(plan.filter((d) => /^SCAN clients/.test(d))).toEqual([]);
    expect(plan).toContain('SEARCH clients USING COVERING INDEX clients_by_consultant_pinyin (consultant_sort>?)');
  });
});
