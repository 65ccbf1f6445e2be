/**
 * Chinese order (issue 14, migration 0070): names and consultants sort by pinyin (长 in 长治 read cháng), cities in
 * official division-code order (太原 1401 … 吕梁 1411) — in the register, its facets and the home page's lists.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { applyPragmas, migrate } from '../../db/open';
import { MIGRATIONS } from '../../db/migrations/index';
import { CITY_CODES_0110 } from '../../db/migrations/0110-chinese-order';
import { registerSearchFunctions } from '../../db/search/sql-functions';
import { pinyinSortKey } from '../../db/sort-keys';
import { CITIES } from '../../shared/domain/cities';
import { testContext } from '../helpers/context';
import { call, sampleUscc } from '../helpers/data';

const client = (i: number, name: string, city = '太原市', consultant: string | null = null) =>
  ({ name, uscc: sampleUscc(i), city, contactName: '王测试', contactPhone: '13800000000', consultant }) as const;

describe('pinyin sort keys', () => {
  it('reads polyphones by word and surnames by their surname reading', () => {
    expect(pinyinSortKey('长治市数据服务有限公司')!.startsWith('chang2 zhi4 ')).toBe(true);
    expect(pinyinSortKey('单顾问', true)!.startsWith('shan4 ')).toBe(true);
    expect(pinyinSortKey('曾顾问', true)!.startsWith('zeng1 ')).toBe(true);
    expect(pinyinSortKey(null)).toBeNull();
  });
});

describe('register order', () => {
  it('sorted by name: 安泽, 北京, 长治, 大同 (pinyin), both directions; facets list consultants in pinyin order', async () => {
    const ctx = testContext();
    const names = ['大同云网科技有限公司', '北京智联科技山西分公司', '长治市数据服务有限公司', '安泽县信息技术有限公司'];
    const consultants = ['赵顾问', '单顾问', '白顾问', '曾顾问'];
    for (const [i, n] of names.entries()) await call(ctx, 'clients.create', { client: client(i + 1, n, '太原市', consultants[i]) });
    await call(ctx, 'clients.create', { client: client(9, '阳泉安达网络有限公司', '太原市', '安顾问') });
    const byName = await call(ctx, 'clients.list', { sort: 'name', dir: 'asc', limit: 10 });
    expect(byName.rows.map((r) => r.name.slice(0, 2))).toEqual(['安泽', '北京', '长治', '大同', '阳泉']);
    const desc = await call(ctx, 'clients.list', { sort: 'name', dir: 'desc', limit: 10 });
    expect(desc.rows.map((r) => r.name.slice(0, 2))).toEqual(['阳泉', '大同', '长治', '北京', '安泽']);
    expect((await call(ctx, 'clients.facets', {})).consultants).toEqual(['安顾问', '白顾问', '单顾问', '曾顾问', '赵顾问']);
    const byConsultant = await call(ctx, 'clients.list', { sort: 'consultant', dir: 'asc', limit: 10 });
    expect(byConsultant.rows.map((r) => r.consultant)).toEqual(['安顾问', '白顾问', '单顾问', '曾顾问', '赵顾问']);
    // A rename keeps the key: 大同… renamed to 阿里… moves first.
    const dt = byName.rows.find((r) => r.name.startsWith('大同'))!;
    await call(ctx, 'clients.update', { id: dt.id, client: client(1, '阿里云山西服务有限公司', '太原市', '赵顾问') });
    expect((await call(ctx, 'clients.list', { sort: 'name', dir: 'asc', limit: 10 })).rows[0].name).toBe('阿里云山西服务有限公司');
  });

  it('sorted by city: 太原 1401 … 吕梁 1411 (division code, not pinyin or code point)', async () => {
    const ctx = testContext();
    const shuffled = [...CITIES].reverse();
    for (const [i, c] of shuffled.entries()) await call(ctx, 'clients.create', { client: client(20 + i, `${c.short}测试科技有限公司`, c.name) });
    const rows = (await call(ctx, 'clients.list', { sort: 'city', dir: 'asc', limit: 20 })).rows;
    expect(rows.map((r) => r.city)).toEqual(['太原市', '大同市', '阳泉市', '长治市', '晋城市', '朔州市', '晋中市', '运城市', '忻州市', '临汾市', '吕梁市']);
  });

  it('the frozen city codes of 0070 equal the domain table', () => {
    expect(CITY_CODES_0110.map(([n, c]) => [n, String(c)])).toEqual(CITIES.map((c) => [c.name, c.code]));
  });
});

describe('migration 0070 (chinese order)', () => {
  it('from 0060 with data: fills the sort keys, adds city_order and the indexes', () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    registerSearchFunctions(db);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 60));
    const now = '2026-11-01T02:00:00.000Z';
    const ins = db.prepare(`INSERT INTO clients (name, uscc, city, stage, consultant, search_text, created_at, updated_at) VALUES (?, ?, ?, 'materials', ?, '', ?, ?)`);
    ins.run('长治市数据服务有限公司', sampleUscc(1), '长治市', '曾顾问', now, now);
    ins.run('大同云网科技有限公司', sampleUscc(2), '大同市', null, now, now);
    expect(migrate(db)).toContain(70);
    const rows = db.prepare('SELECT name_sort, consultant_sort, city_order FROM clients ORDER BY id').all() as { name_sort: string; consultant_sort: string | null; city_order: number }[];
    expect(rows[0].name_sort.startsWith('chang2 zhi4')).toBe(true);
    expect(rows[0].consultant_sort!.startsWith('zeng1')).toBe(true);
    expect(rows.map((r) => r.city_order)).toEqual([1404, 1402]);
    expect(rows[1].consultant_sort).toBeNull();
    const idx = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(idx).toEqual(expect.arrayContaining(['clients_by_name_pinyin', 'clients_by_consultant_pinyin', 'clients_by_city_code']));
    expect(idx).not.toContain('clients_by_name');
  });
});
