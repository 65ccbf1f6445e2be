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
import { referenceDashboard } from '../helpers/dashboard-reference';

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

  it('the dashboard, reading only what it shows, answers as reading every row of its windows did', async () => {
    // Archived clients (their licences leave the renewal counts) and clients without a note this week.
    for (const id of ids('SELECT id FROM clients ORDER BY id LIMIT 40')) gen.db.prepare('UPDATE clients SET archived = 1 WHERE id = ?').run(id);
    gen.db.prepare("UPDATE clients SET last_note_date = NULL WHERE id IN (SELECT id FROM clients WHERE archived = 0 ORDER BY id DESC LIMIT 30)").run();
    // Licences at the window's edges for 2026-11-27: expired exactly 90 days before (still listed), 91 days (not), and
    // one a day around six months on (where reminders start).
    const edge = ids('SELECT l.client_id AS id FROM licences l JOIN clients c ON c.id = l.client_id WHERE c.archived = 0 ORDER BY l.id DESC LIMIT 14');
    const edgeDays = ['2026-08-29', '2026-08-28', ...Array.from({ length: 12 }, (_, i) => `2027-05-${String(22 + i).padStart(2, '0')}`.replace('2027-05-32', '2027-06-01').replace('2027-05-33', '2027-06-02'))];
    edge.forEach((id, i) => gen.db.prepare('UPDATE licences SET expires_on = ?, renewal_applied_on = NULL WHERE client_id = ?').run(edgeDays[i], id));
    const recount = () => gen.db.prepare(`SELECT l.expires_on, count(*) AS n FROM licences l JOIN clients c ON c.id = l.client_id
      WHERE c.archived = 0 AND l.renewal_applied_on IS NULL GROUP BY 1 ORDER BY 1`).all();
    const stored = () => gen.db.prepare('SELECT expires_on, n FROM renewal_counts WHERE n <> 0 ORDER BY 1').all();
    expect(stored()).toEqual(recount());
    const compare = async (days: string[], limits: number[]) => {
      expect((await dispatch(gen, 'dashboard.get', {})).ok).toBe(true); // settles the due-date marks
      const cal = loadCalendar(gen);
      let seen = 0;
      for (const today of days) {
        for (const limit of limits) {
          const d = getDashboard(gen, contract['dashboard.get'].input.parse({ today, limit }));
          const ref = referenceDashboard(gen, cal, today, limit);
          expect({ missingYears: d.missingYears, overdue: d.overdue, thisWeek: d.thisWeek, upcoming: d.upcoming, renewals: d.renewals, noNote: d.noNote }, `${today} limit ${limit}`).toEqual(ref);
          seen += ref.overdue.total + ref.thisWeek.total + ref.upcoming.total + ref.renewals.total + ref.noNote.total;
        }
      }
      return seen;
    };
    const days = ['2026-11-27', '2026-11-23', '2026-12-25', '2026-12-31', '2026-03-02', '2027-06-30'];
    expect(await compare(days, [1, 7, 100, 500])).toBeGreaterThan(1000);

    // Years before the bundled holiday data: the window's oldest deadlines were timed across them (each distinct
    // rule and start timed). Then with those years entered and 2027 removed (a window reaching into 2027: each timed
    // again, none crossing a missing year), and with every year entered (no timing needed).
    const missing = getDashboard(gen, contract['dashboard.get'].input.parse({ today: '2026-11-27', limit: 5 })).missingYears;
    expect(missing.length).toBeGreaterThan(0);
    for (const year of missing) {
      expect((await dispatch(gen, 'calendar.setYear', { year, source: '测试通知', holidays: [{ date: `${year}-10-01`, name: '国庆节' }], workdays: [] })).ok).toBe(true);
    }
    await dispatch(gen, 'calendar.removeYear', { year: 2027 });
    await compare(['2026-12-25', '2026-12-31', '2026-11-27'], [3, 100]);
    expect(getDashboard(gen, contract['dashboard.get'].input.parse({ today: '2026-11-27', limit: 5 })).missingYears).toEqual([]);
    await dispatch(gen, 'calendar.setYear', { year: 2027, source: '测试通知', holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] });
    await compare(['2026-12-25', '2026-11-27'], [3, 100]);
    expect(getDashboard(gen, contract['dashboard.get'].input.parse({ today: '2026-12-25', limit: 5 })).missingYears).toEqual([]);

    // Licences renewed, moved, removed and restored, clients archived, restored and removed: the counts follow.
    const lic = ids('SELECT client_id AS id FROM licences ORDER BY id');
    expect(lic.length).toBeGreaterThan(20);
    gen.db.prepare("UPDATE licences SET renewal_applied_on = '2026-11-20' WHERE client_id = ?").run(lic[0]);
    gen.db.prepare("UPDATE licences SET expires_on = '2027-01-15' WHERE client_id = ?").run(lic[1]);
    gen.db.prepare('UPDATE clients SET archived = 1 WHERE id = ?').run(lic[2]);
    gen.db.prepare('UPDATE clients SET archived = 0 WHERE id IN (SELECT id FROM clients WHERE archived = 1 LIMIT 5)').run();
    await dispatch(gen, 'licence.remove', { clientId: lic[3] });
    await dispatch(gen, 'clients.remove', { id: lic[4] });
    gen.db.prepare('UPDATE clients SET archived = 1 WHERE id = ?').run(lic[5]);
    await dispatch(gen, 'clients.remove', { id: lic[5] });
    gen.db.prepare("UPDATE licences SET renewal_applied_on = NULL WHERE client_id = ?").run(lic[0]);
    expect(stored()).toEqual(recount());
    await compare(['2026-11-27', '2026-12-25'], [1, 50]);
  }, 120_000);
});

