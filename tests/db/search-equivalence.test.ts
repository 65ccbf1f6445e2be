/**
 * Search returns exactly what a case-insensitive substring scan returns (full-width Latin = half-width, LIKE
 * wildcards literal, several terms = AND), in both scopes: clients (clients.list) and notes (notes.search), on a
 * generated register of 2,000 clients and 40,000 notes plus hand-made special cases written through the service
 * (so the index triggers for insert, update and delete are exercised too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { noteMatchSql } from '../../db/service/note-search';
import type { In, Method, Out } from '../../shared/contract';
import { NOTE_SEARCH_COUNT_CAP } from '../../shared/contracts/search';
import { toHalfWidth } from '../../shared/domain/text';
import { makeUscc, rng } from '../../bench/generate';
import { generatedContext } from '../helpers/generated';

type Ctx = ReturnType<typeof generatedContext>;
let ctx: Ctx;

async function ok<M extends Method>(m: M, input: In<M>): Promise<Out<M>> {
  const r = await dispatch(ctx, m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as Out<M>;
}

/** The reference: the spec's matching, written independently of the index (half-width, lower case, includes). */
const norm = (s: string) => toHalfWidth(s).toLowerCase();
const termsOf = (q: string) => norm(q).split(/\s+/).filter(Boolean);
/** `normalized` holds norm() of each field, computed once. */
const matches = (normalized: string[], terms: string[]) => terms.every((t) => normalized.some((f) => f.includes(t)));

interface ClientFields { id: number; fields: Array<string | null>; normalized: string[] }
interface NoteRow { id: number; body: string; normalized: string[] }
let clients: ClientFields[] = [];
let notes: NoteRow[] = [];

const SPECIAL = {
  fullWidth: { name: '山西ＡＢＣ数据服务有限公司', platformName: 'ＡＢＣ云', domain: 'abc-data.cn' },
  halfWidth: { name: '太原abc网络科技有限公司', platformName: '晋享Mall', domain: 'jin_xiang.com' },
  wildcards: { name: '百分百100%信息咨询有限公司', platformName: '折扣％优选', domain: 'a_b.net.cn' },
  mixed: { name: '晋B2科技有限公司', platformName: 'JinShop晋品', domain: 'jinshop.cn' },
  // The name ends as the USCC begins ('…司9' + '91…'): '司91' must not match across the two fields.
  boundary: { name: '晋享数据服务公司9', platformName: null, domain: null },
};
const SPECIAL_NOTES = ['客户ABC已提交材料，进度100%。', '域名a_b.net.cn已备案；许可证编号晋B2-20150015。', '全角ＡＢＣ与半角abc都应能搜到；折扣％不是通配符。', '仅一个字：晋',
  // Every bigram of 甲乙丙丁 and of xyzw is here, but neither term is (notes_bi keeps no positions from 0180 on).
  '甲乙丙，乙丙丁；xyz与yzw',
  // GLOB's special characters are literal in a search (the check of 3+ character terms uses GLOB, 0180).
  '编号a[b]c*d?e^f-g结束'];

beforeAll(async () => {
  ctx = generatedContext({ clients: 2000, seed: 11 });
  const r = rng(99);
  const ids: number[] = [];
  let serial = 900_000;
  for (const s of Object.values(SPECIAL)) {
    const { client } = await ok('clients.create', { client: { ...s, uscc: makeUscc('1401', 5, serial++, r), city: '太原市', contactName: '王ＡＢ', contactPhone: '13800138000' } });
    ids.push(client.id);
  }
  for (const [i, body] of SPECIAL_NOTES.entries()) await ok('notes.create', { clientId: ids[i % ids.length], date: '2026-11-20', body });
  // Update and delete through the service: the index must follow.
  const c = await ok('clients.get', { id: 5 });
  await ok('clients.update', { id: 5, client: { ...c, name: '改名后的ＸＹＺ晋城公司' } });
  await ok('clients.remove', { id: 6 });
  const [n1, n2] = await ok('notes.list', { clientId: 7 });
  await ok('notes.update', { id: n1.id, date: n1.date, body: '更新后的进度：营业执照已核对ＯＫ' });
  await ok('notes.remove', { id: n2.id });
  clients = (ctx.db.prepare('SELECT id, name, uscc, legal_rep, contact_name, contact_phone, platform_name, domain FROM clients WHERE archived = 0').all() as Record<string, string | number | null>[])
    .map((row) => {
      const fields = ['name', 'uscc', 'legal_rep', 'contact_name', 'contact_phone', 'platform_name', 'domain'].map((k) => row[k] as string | null);
      return { id: row.id as number, fields, normalized: fields.filter((f): f is string => f !== null).map(norm) };
    });
  notes = (ctx.db.prepare('SELECT id, body FROM notes').all() as { id: number; body: string }[]).map((n) => ({ ...n, normalized: [norm(n.body)] }));
}, 180_000);

afterAll(() => ctx?.cleanup());

async function clientIds(q: string): Promise<{ total: number; ids: number[] }> {
  const ids: number[] = [];
  let total = 0;
  for (let offset = 0; ; offset += 500) {
    const page = await ok('clients.list', { q, offset, limit: 500 });
    total = page.total;
    ids.push(...page.rows.map((x) => x.id));
    if (offset + 500 >= page.total) break;
  }
  return { total, ids };
}

/** Queries: the special cases, then random substrings (1–6 characters) of the data, some made full-width, upper case, or two terms. */
function queries(): string[] {
  const r = rng(2026);
  const special = ['司91', '司9', '晋', '太原', 'ＡＢＣ', 'abc', 'AbC', 'ａｂｃ', '％', '%', '_', 'a_b', '100%', '％优', '晋B2', '晋b2', 'jinshop晋', 'ＸＹＺ晋城', '营业执照 ＯＫ', '(', '.cn', '9114', '有限公司 太原', '王ａｂ', 'zzzz不存在', '"', '*', 'AND', 'NEAR'];
  const fullWidth = (s: string) => [...s].map((ch) => (/[!-~]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');
  const fragment = (): string => {
    const text = r.chance(0.6) ? (r.pick(r.pick(clients).fields.filter((f): f is string => !!f)) ?? '') : r.pick(notes).body;
    const chars = [...text];
    const len = Math.min(chars.length, r.int(1, 6));
    const start = r.int(0, chars.length - len);
    const frag = chars.slice(start, start + len).join('').replace(/\s+/g, '');
    return frag || '晋';
  };
  const out = [...special];
  while (out.length < 300 + special.length) {
    let q = fragment();
    if (r.chance(0.15)) q = fullWidth(q);
    else if (r.chance(0.15)) q = q.toUpperCase();
    if (r.chance(0.15)) q = `${q} ${fragment()}`;
    out.push(q);
  }
  return out;
}

describe('search equals a substring scan', () => {
  it('clients: 300+ queries, totals and every id (clients.list pages)', async () => {
    for (const q of queries()) {
      const expected = clients.filter((c) => matches(c.normalized, termsOf(q))).map((c) => c.id).sort((a, b) => a - b);
      const got = await clientIds(q);
      expect({ q, total: got.total, ids: [...got.ids].sort((a, b) => a - b) }).toEqual({ q, total: expected.length, ids: expected });
    }
  }, 120_000);

  it('notes: 300+ queries, the full match set, the capped total and the first page newest first (notes.search)', async () => {
    for (const q of queries()) {
      const expected = notes.filter((n) => matches(n.normalized, termsOf(q))).map((n) => n.id).sort((a, b) => b - a);
      const m = noteMatchSql(q)!;
      const all = (ctx.db.prepare(m.sql).all(...m.params) as { id: number }[]).map((x) => x.id);
      expect({ q, ids: all }).toEqual({ q, ids: expected });
      const page = await ok('notes.search', { q, limit: 50 });
      expect({ q, total: page.total, capped: page.capped, first: page.rows.map((x) => x.id) })
        .toEqual({ q, total: Math.min(expected.length, NOTE_SEARCH_COUNT_CAP), capped: expected.length > NOTE_SEARCH_COUNT_CAP, first: expected.slice(0, 50) });
    }
  }, 120_000);

  it('the special cases find what they should', async () => {
    const names = async (q: string) => (await clientIds(q)).ids.map((id) => clients.find((c) => c.id === id)!.fields[0]).sort();
    expect(await names('ＡＢＣ')).toEqual(expect.arrayContaining(['山西ＡＢＣ数据服务有限公司', '太原abc网络科技有限公司']));
    expect(await names('%')).toEqual(['百分百100%信息咨询有限公司']);
    expect(await names('％')).toEqual(['百分百100%信息咨询有限公司']);
    expect(await names('_')).toEqual(expect.arrayContaining(['太原abc网络科技有限公司', '百分百100%信息咨询有限公司']));
    expect(await names('晋b2 jinshop')).toEqual(['晋B2科技有限公司']);
    expect(await names('ＸＹＺ晋城')).toEqual(['改名后的ＸＹＺ晋城公司']);
    expect(await names('司9')).toContain('晋享数据服务公司9');
    expect(await names('司91')).not.toContain('晋享数据服务公司9');
    expect((await ok('notes.search', { q: '折扣％' })).rows.map((n) => n.body)).toEqual(['全角ＡＢＣ与半角abc都应能搜到；折扣％不是通配符。']);
    const hit = (await ok('notes.search', { q: 'a_b 晋B2' })).rows;
    expect(hit.map((n) => [n.body, n.clientName])).toEqual([['域名a_b.net.cn已备案；许可证编号晋B2-20150015。', '太原abc网络科技有限公司']]);
    expect((await ok('notes.search', { q: '   ' })).total).toBe(0);
    const bodies = async (q: string) => (await ok('notes.search', { q })).rows.map((n) => n.body);
    expect(await bodies('甲乙丙丁')).toEqual([]);
    expect(await bodies('ＸＹＺＷ')).toEqual([]);
    expect(await bodies('xyzw 甲乙')).toEqual([]);
    expect(await bodies('乙丙丁')).toEqual(['甲乙丙，乙丙丁；xyz与yzw']);
    expect(await bodies('ＹＺＷ 甲乙丙')).toEqual(['甲乙丙，乙丙丁；xyz与yzw']);
    expect(await bodies('Ｂ]c*D?')).toEqual(['编号a[b]c*d?e^f-g结束']);
    expect(await bodies('e^f-g结')).toEqual(['编号a[b]c*d?e^f-g结束']);
    expect(await bodies('c?d')).toEqual([]);
  });
});
