import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../bench/generate';
import { dispatch } from '../../db/dispatch';
import { loadCalendar } from '../../db/service/calendar';
import { deriveDueDates, storedDueDates } from '../../db/service/due-dates';
import { getDashboard } from '../../db/service/dashboard';
import { collectProcessDeadlines } from '../../db/service/deadlines';
import { contract } from '../../shared/contract';
import { STAGE_KEYS } from '../../shared/domain/stages';
import { MATERIAL_STATUSES } from '../../shared/domain/materials';
import { PROCESS_DATE_FIELDS } from '../../shared/domain/deadlines';
import { CHANGE_KIND_KEYS } from '../../shared/domain/licence';
import { generatedContext } from '../helpers/generated';

let gen: ReturnType<typeof generatedContext>;
beforeAll(() => {
  gen = generatedContext({ clients: 2000, seed: 16, notesPerClient: 1, activeShare: 0.5, licences: 300 });
}, 120_000);
afterAll(() => gen?.cleanup());

const ids = (sql: string) => (gen.db.prepare(sql).all() as Array<{ id: number }>).map((r) => r.id);
/** The table as derived from scratch for every client. */
const derived = () => deriveDueDates(gen, loadCalendar(gen), '1 = 1', []);

describe('materialised due dates (issue 16)', () => {
  it('equal the from-scratch derivation for every client of a 2,000-client database, after 500 random changes of every kind', async () => {
    // After the migration every client is marked; the first call recomputes them all.
    expect((await dispatch(gen, 'dashboard.get', {})).ok).toBe(true);
    const start = storedDueDates(gen.db);
    expect(start.length).toBeGreaterThan(500);
    expect(start).toEqual(derived());

    const r = rng(1616);
    const day = () => `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const kinds = new Map<string, number>();
    let removed = 0;
    for (let step = 0; step < 500; step++) {
      const clients = ids('SELECT id FROM clients');
      const clientId = r.pick(clients);
      const kind = r.pick(['stage', 'process', 'materialDue', 'materialStatus', 'licence', 'change', 'calendar', 'remove'] as const);
      let call: [string, unknown];
      if (kind === 'stage') call = ['clients.setStage', { id: clientId, stage: r.pick(STAGE_KEYS), date: day() }];
      else if (kind === 'process') {
        const dates = Object.fromEntries(PROCESS_DATE_FIELDS.map((f) => [f, r.chance(0.5) ? day() : null]));
        call = ['process.set', { clientId, dates }];
      } else if (kind === 'materialDue' || kind === 'materialStatus') {
        const m = r.pick(ids(`SELECT id FROM materials WHERE client_id = ${clientId}`));
        call = kind === 'materialDue'
          ? ['materials.update', { id: m, note: null, dueDate: r.chance(0.8) ? day() : null }]
          : ['materials.setStatus', { id: m, status: r.pick(MATERIAL_STATUSES) }];
      } else if (kind === 'licence') {
        call = r.chance(0.7)
          ? ['licence.set', { clientId, number: `晋B2-2026${String(r.int(1000, 9999))}`, issuedOn: day(), expiresOn: null, renewalAppliedOn: null }]
          : ['licence.remove', { clientId }];
      } else if (kind === 'change') {
        const open = ids('SELECT id FROM change_filings');
        const c = r.next();
        call = c < 0.5 || !open.length
          ? ['changes.create', { clientId, kind: r.pick(CHANGE_KIND_KEYS), changedOn: day(), newValue: '新值' }]
          : c < 0.8 ? ['changes.setFiled', { id: r.pick(open), filedOn: r.chance(0.7) ? day() : null }] : ['changes.remove', { id: r.pick(open) }];
      } else if (kind === 'calendar') {
        const year = r.pick([2026, 2027]);
        call = r.chance(0.6)
          ? ['calendar.setYear', { year, source: '测试通知', holidays: [{ date: `${year}-0${r.int(1, 9)}-1${r.int(0, 8)}`, name: '测试假日' }, { date: `${year}-10-0${r.int(1, 7)}`, name: '国庆节' }], workdays: [] }]
          : ['calendar.removeYear', { year }];
      } else {
        if (removed >= 20) continue;
        removed++;
        call = ['clients.remove', { id: clientId }];
      }
      const res = await dispatch(gen, call[0], call[1]);
      // A refused change (e.g. no licence to remove) changes nothing; everything else must have gone through.
      if (res.ok) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      else expect(['NOT_FOUND', 'VALIDATION', 'CONFLICT'], `${call[0]} ${JSON.stringify(call[1])}: ${res.error.message}`).toContain(res.error.code);
    }
    for (const k of ['stage', 'process', 'materialDue', 'materialStatus', 'licence', 'change', 'calendar', 'remove']) expect(kinds.get(k) ?? 0).toBeGreaterThan(5);

    // Read the table as stored (no recompute): every mark was settled after its call.
    expect(gen.db.prepare('SELECT count(*) AS n FROM due_dirty').get()).toEqual({ n: 0 });
    expect(storedDueDates(gen.db)).toEqual(derived());
  }, 240_000);

  it('the dashboard shows exactly the overdue and next-14-day deadlines of the full derivation', async () => {
    const today = '2026-11-27';
    // Settles the marks left by the migration (or by the test before): getDashboard reads the table as stored.
    expect((await dispatch(gen, 'dashboard.get', {})).ok).toBe(true);
    const dash = getDashboard(gen, contract['dashboard.get'].input.parse({ today, limit: 500 }));
    const key = (d: { clientId: number; rule: string; start: string; due: string }) => `${d.clientId}|${d.rule}|${d.start}|${d.due}`;
    const shown = [...dash.overdue.items, ...dash.thisWeek.items, ...dash.upcoming.items].map(key);
    const full = new Set(derived().filter((d) => d.due <= '2026-12-11').map(key));
    // The process deadlines as the client page derives them, cut to the same window, are all in it.
    const fromPages = collectProcessDeadlines(gen, loadCalendar(gen), today).flatMap((c) => c.deadlines.filter((d) => d.due <= '2026-12-11').map((d) => key({ ...d, clientId: c.clientId })));
    expect(fromPages.length).toBeGreaterThan(50);
    for (const k of fromPages) expect(full.has(k), k).toBe(true);
    expect(dash.overdue.total + dash.thisWeek.total + dash.upcoming.total).toBe(full.size);
    for (const k of shown) expect(full.has(k), k).toBe(true);
  });
});
