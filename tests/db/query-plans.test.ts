/**
 * EXPLAIN QUERY PLAN of every statement the hot service calls run (captured as they run, bench/sql-capture.ts):
 * the register page per sort and filter, searches short and long, opening a client, notes by client and notes
 * search. Each names its intended index, and none scans clients, materials or notes without one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { planClientList } from '../../db/service/client-list';
import type { ServiceContext } from '../../db/service/context';
import { STAGE_ORDER_0050 } from '../../db/migrations/0050-search';
import { CLIENT_SORT_INDEXES } from '../../db/search/sort-indexes';
import { contract, CLIENT_SORT_FIELDS } from '../../shared/contract';
import { STAGE_KEYS } from '../../shared/domain/stages';
import { captureSql, type CapturedSql } from '../../bench/sql-capture';
import { generatedContext } from '../helpers/generated';
import { clientRows, usccFor, xlsxOf } from '../helpers/workbooks';
import type { ImportPreview } from '../../shared/contract';

let gen: ReturnType<typeof generatedContext>;
let cap: { ctx: ServiceContext; log: CapturedSql[] };

beforeAll(() => {
  gen = generatedContext({ clients: 600, seed: 3, notesPerClient: 5 });
  const ctx = gen.open();
  cap = { ctx, log: captureSql(ctx.db) };
}, 120_000);
afterAll(() => gen?.cleanup());

/** Runs one call on the capturing connection; returns each statement it ran with its plan lines. */
async function plans(method: string, input: unknown): Promise<Array<{ sql: string; plan: string[] }>> {
  cap.log.length = 0;
  const r = await dispatch(cap.ctx, method, input);
  expect(r.ok, JSON.stringify(r)).toBe(true);
  // Dispatch's own probe for pending due-date marks (before and after every call) is not the method's SQL.
  return cap.log.filter((c) => !/^SELECT 1 FROM due_dirty LIMIT 1$/.test(c.sql.trim())).map((c) => ({
    sql: c.sql,
    plan: (gen.db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as { detail: string }[]).map((x) => x.detail),
  }));
}

/** No plan line reads clients, materials or notes (under any alias) without an index or the primary key. */
function expectNoTableScan(all: Array<{ sql: string; plan: string[] }>) {
  for (const { sql, plan } of all) {
    for (const line of plan) {
      expect({ sql, line }).not.toEqual({ sql, line: expect.stringMatching(/^SCAN (clients|materials|notes|n|c)$/) });
      expect({ sql, line }).not.toEqual({ sql, line: expect.stringMatching(/^SCAN (clients|materials|notes)( AS \w+)?$/) });
    }
  }
}

const planText = (all: Array<{ plan: string[] }>) => all.flatMap((x) => x.plan).join('\n');

describe('query plans of the hot queries', () => {
  it('the stage-order column follows the stages as the domain lists them', () => {
    expect([...STAGE_ORDER_0050]).toEqual([...STAGE_KEYS]);
  });

  it('the runtime sort-index list names, for every register sort, a partial index on its column after all migrations', () => {
    expect(Object.keys(CLIENT_SORT_INDEXES).sort()).toEqual([...CLIENT_SORT_FIELDS].sort());
    for (const { column, index } of Object.values(CLIENT_SORT_INDEXES)) {
      const row = gen.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(index) as { sql: string } | undefined;
      expect(row?.sql, index).toMatch(new RegExp(`ON clients\\s*\\(${column}\\b[^)]*\\)\\s*WHERE archived = 0`, 'i'));
    }
  });

  it('register page: every sort and direction reads its sort index (no filter)', async () => {
    for (const sort of CLIENT_SORT_FIELDS) {
      for (const dir of ['asc', 'desc'] as const) {
        const all = await plans('clients.list', { sort, dir });
        expectNoTableScan(all);
        expect(planText(all)).toContain(`USING INDEX ${CLIENT_SORT_INDEXES[sort].index}`);
        // The index gives the whole order: no temporary sort of a group of ties (the consultant sort had one: every
        // client of the first consultant sorted by id, issue 16).
        const page = all.find((x) => x.sql === planClientList(gen, contract['clients.list'].input.parse({ sort, dir })).pageSql)!;
        expect(page.plan.join('\n'), `${sort} ${dir}`).not.toContain('TEMP B-TREE');
      }
    }
  });

  it('filters: counted on the filter index; the page reads the filter index (few matches) or the sort index (many)', async () => {
    const cases: Array<[object, string]> = [[{ city: '太原市' }, 'clients_by_city'], [{ consultant: '白雪' }, 'clients_by_consultant'], [{ stage: 'materials' }, 'clients_active_stage'], [{ stage: 'aftercare' }, 'clients_active_stage']];
    for (const [filter, index] of cases) {
      for (const sort of ['createdAt', 'name'] as const) {
        const input = { ...filter, sort };
        const all = await plans('clients.list', input);
        expectNoTableScan(all);
        expect(all[0].plan.join('\n'), JSON.stringify(input)).toContain(index);
        const plan = planClientList(gen, contract['clients.list'].input.parse(input));
        const page = all.find((x) => x.sql === plan.pageSql)!;
        expect(page.plan.join('\n'), JSON.stringify(input)).toContain(plan.strategy === 'sort-index' ? CLIENT_SORT_INDEXES[sort].index : index);
      }
    }
  });

  it('search: one character reads clients_uni, longer terms clients_bi; both together; with a filter', async () => {
    for (const [q, tables] of [['晋', ['clients_uni']], ['太原', ['clients_bi']], ['有限公司', ['clients_bi']], ['晋 科技', ['clients_bi', 'clients_uni']]] as const) {
      for (const extra of [{}, { city: '太原市' }, { sort: 'name' }]) {
        const all = await plans('clients.list', { q, ...extra });
        expectNoTableScan(all);
        for (const t of tables) expect(planText(all)).toContain(`SCAN ${t} VIRTUAL TABLE INDEX`);
      }
    }
  });

  it('opening a client: by primary key, materials and notes by client, the timeline by events_client', async () => {
    const id = 42;
    const get = await plans('clients.get', { id });
    expect(planText(get)).toContain('SEARCH clients USING INTEGER PRIMARY KEY (rowid=?)');
    const mats = await plans('materials.list', { clientId: id });
    expect(planText(mats)).toMatch(/SEARCH materials USING INDEX sqlite_autoindex_materials_1 \(client_id=\?\)/);
    const notes = await plans('notes.list', { clientId: id });
    expect(planText(notes)).toMatch(/SEARCH notes USING INDEX notes_client_date \(client_id=\?\)/);
    const tl = await plans('clients.timeline', { id });
    expect(planText(tl)).toMatch(/SEARCH e(vents)? USING INDEX events_client \(client_id=\?\)/);
    expectNoTableScan([...get, ...mats, ...notes, ...tl]);
  });

  it('notes search: read from notes_uni / notes_bi newest first, notes and clients by primary key', async () => {
    for (const q of ['的', '材料', '营业执照', '材料 的']) {
      const all = await plans('notes.search', { q });
      expectNoTableScan(all);
      const text = planText(all);
      expect(text).toMatch(q.length === 1 ? /SCAN notes_uni VIRTUAL TABLE INDEX/ : /SCAN notes_bi VIRTUAL TABLE INDEX/);
      expect(text).toContain('SEARCH n USING INTEGER PRIMARY KEY (rowid=?)');
      expect(text).toContain('SEARCH c USING INTEGER PRIMARY KEY (rowid=?)');
    }
  });

  it('new checklists (a client typed in, an import) read the template in order by material_template_live and sort nothing', async () => {
    const created = await plans('clients.create', { client: { name: '查询计划检查有限公司', uscc: usccFor(90_001), city: '太原市' } });
    const dataBase64 = (await xlsxOf(clientRows(3).map((r, i) => (i ? [r[0], `计划${r[1]}`, usccFor(90_010 + i), r[3]] : r.slice(0, 4))))).toString('base64');
    const preview = await dispatch(cap.ctx, 'import.preview', { fileName: 'plans.xlsx', dataBase64 });
    expect(preview.ok).toBe(true);
    const imported = await plans('import.commit', { fileName: 'plans.xlsx', dataBase64, mapping: (preview as { value: ImportPreview }).value.mapping, force: [] });
    for (const all of [created, imported]) {
      const checklist = all.filter((x) => /INSERT INTO materials/.test(x.sql));
      expect(checklist).toHaveLength(1);
      expect(checklist[0].plan.join('\n')).toMatch(/SEARCH t USING INDEX material_template_live \(retired=\?\)|SEARCH material_template USING INDEX material_template_live \(retired=\?\)/);
      expect(checklist[0].plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    }
  });
});
