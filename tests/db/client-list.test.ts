/**
 * The register page (clients.list) returns the same rows in the same order whichever way it reads them
 * (sort index or filter first, db/service/client-list.ts): compared with a reference that filters in JavaScript and
 * sorts the whole table without an index. Also: the statement cache and the deferred search index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { planClientList } from '../../db/service/client-list';
import { stmt, MAX_CACHED } from '../../db/service/stmt';
import { withDeferredSearchIndex } from '../../db/search/bulk';
import { CLIENT_SORT_INDEXES } from '../../db/search/sort-indexes';
import { contract, CLIENT_SORT_FIELDS, type ClientListInput, type Out } from '../../shared/contract';
import { toHalfWidth } from '../../shared/domain/text';
import { generatedContext } from '../helpers/generated';
import { testContext } from '../helpers/context';

let gen: ReturnType<typeof generatedContext>;
beforeAll(() => {
  gen = generatedContext({ clients: 800, seed: 5, notesPerClient: 2 });
}, 120_000);
afterAll(() => gen?.cleanup());

const norm = (s: string) => toHalfWidth(s).toLowerCase();

/** Reference page: filter in JS (substring scan), order by the sort column and id over the whole table, NOT INDEXED. */
function reference(input: ClientListInput & { offset: number; limit: number }): { total: number; ids: number[] } {
  const col = CLIENT_SORT_INDEXES[input.sort ?? 'createdAt'].column;
  const dir = input.dir === 'desc' ? 'DESC' : 'ASC';
  const rows = gen.db.prepare(`SELECT * FROM clients NOT INDEXED ORDER BY ${col} ${dir}, id ${dir}`).all() as Record<string, string | number | null>[];
  const terms = norm(input.q ?? '').split(/\s+/).filter(Boolean);
  const fields = ['name', 'uscc', 'legal_rep', 'contact_name', 'contact_phone', 'platform_name', 'domain'];
  const hit = rows.filter((r) =>
    r.archived === 0 &&
    (!input.city || r.city === input.city) && (!input.stage || r.stage === input.stage) && (!input.consultant || r.consultant === input.consultant) &&
    terms.every((t) => fields.some((f) => r[f] !== null && norm(String(r[f])).includes(t))));
  return { total: hit.length, ids: hit.slice(input.offset, input.offset + input.limit).map((r) => r.id as number) };
}

describe('clients.list', () => {
  it('every sort, direction and filter gives the reference rows, whichever strategy reads them', async () => {
    gen.db.prepare('UPDATE clients SET archived = 1 WHERE id IN (3, 30, 300)').run();
    gen.db.prepare('UPDATE clients SET consultant = NULL WHERE id % 50 = 0').run();
    const filters: ClientListInput[] = [{}, { city: '太原市' }, { stage: 'materials' }, { stage: 'aftercare' }, { consultant: '白雪' }, { q: '晋' }, { q: '科技 太原' }, { q: '有限公司' }, { city: '晋中市', q: '网' }];
    const strategies = new Set<string>();
    for (const f of filters) {
      for (const sort of CLIENT_SORT_FIELDS) {
        for (const dir of ['asc', 'desc'] as const) {
          for (const [offset, limit] of [[0, 100], [150, 40]]) {
            const input = { ...f, sort, dir, offset, limit };
            const r = await dispatch(gen, 'clients.list', input);
            if (!r.ok) throw new Error(r.error.message);
            const got = r.value as Out<'clients.list'>;
            expect({ input, total: got.total, ids: got.rows.map((x) => x.id) }).toEqual({ input, ...reference(input) });
            strategies.add(planClientList(gen, contract['clients.list'].input.parse(input)).strategy);
          }
        }
      }
    }
    expect([...strategies].sort()).toEqual(['empty', 'filter-first', 'sort-index']);
  }, 120_000);
});

describe('statement cache', () => {
  it('prepares a statement once per connection and keeps at most MAX_CACHED', () => {
    const ctx = testContext();
    const a = stmt(ctx.db, 'SELECT 1 AS x');
    expect(stmt(ctx.db, 'SELECT 1 AS x')).toBe(a);
    expect(stmt(testContext().db, 'SELECT 1 AS x')).not.toBe(a);
    for (let i = 0; i < MAX_CACHED; i++) stmt(ctx.db, `SELECT ${i + 2} AS x`);
    expect(stmt(ctx.db, 'SELECT 1 AS x')).not.toBe(a);
  });
});

describe('withDeferredSearchIndex', () => {
  it('indexes the rows inserted inside it and restores the triggers; a failure rolls everything back', async () => {
    const ctx = testContext();
    const triggers = () => (ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const before = triggers();
    const ins = (name: string, uscc: string) => ctx.db.prepare("INSERT INTO clients (name, uscc, city, created_at, updated_at) VALUES (?, ?, '太原市', '', '')").run(name, uscc);
    withDeferredSearchIndex(ctx.db, () => ins('晋祠文旅有限公司', 'A1'));
    expect(triggers()).toEqual(before);
    expect(() => withDeferredSearchIndex(ctx.db, () => { ins('汾河农业有限公司', 'A2'); throw new Error('boom'); })).toThrow('boom');
    expect(triggers()).toEqual(before);
    ins('云冈科技有限公司', 'A3'); // the restored insert trigger indexes it
    const list = async (q: string) => ((await dispatch(ctx, 'clients.list', { q })) as { value: Out<'clients.list'> }).value.rows.map((r) => r.name);
    expect(await list('晋祠')).toEqual(['晋祠文旅有限公司']);
    expect(await list('汾河')).toEqual([]);
    expect(await list('云冈')).toEqual(['云冈科技有限公司']);
  });
});
