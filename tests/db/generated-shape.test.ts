/**
 * The benchmark's generator (bench/generate.ts, which writes rows directly and builds indexes once at the end) leaves
 * data of the same shape as the service writes: a generated client and one created and moved through the service
 * have the same checklist rows, the same event kinds with the same columns filled and the same value formats, note
 * events that reference their note, search text and sort keys, and due dates equal to their derivation.
 */
import { eventAtSql, eventNewValueSql } from '../../db/service/event-columns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedContext } from '../helpers/generated';
import { call, sampleClient } from '../helpers/data';
import { buildSearchText } from '../../db/service/search';
import { noteExcerpt } from '../../db/service/notes';
import { deriveDueDates, storedDueDates } from '../../db/service/due-dates';
import { loadCalendar } from '../../db/service/calendar';
import { STAGE_KEYS } from '../../shared/domain/stages';

let gen: ReturnType<typeof generatedContext>;
let serviceId = 0;

beforeAll(async () => {
  gen = generatedContext({ clients: 40, seed: 11, notesPerClient: 3 });
  // A client created through the service on the same database, moved to 正式申报 with material statuses and notes.
  const { client } = await call(gen, 'clients.create', { client: sampleClient(77), stage: 'consultation' });
  serviceId = client.id;
  for (const stage of STAGE_KEYS.slice(1, STAGE_KEYS.indexOf('formal_submission') + 1)) await call(gen, 'clients.setStage', { id: serviceId, stage, date: '2026-11-27' });
  const mats = await call(gen, 'materials.list', { clientId: serviceId });
  for (const status of ['received', 'checked', 'submitted'] as const) await call(gen, 'materials.setStatus', { id: mats[0].id, status });
  for (const body of ['已联系客户，约定下周一提交营业执照副本', '材料已齐']) await call(gen, 'notes.create', { clientId: serviceId, date: '2026-11-27', body });
}, 120_000);
afterAll(() => gen?.cleanup());

type Ev = { client_id: number; kind: string; at_iso: string; new_value_read: string | null; at_type: string; title_type: string; occurred_on: string; subject: string | null; subject_title: string | null; old_value: string | null; new_value: string | null };
// Stored as recordEvent stores them (0180): the instant's and the title's storage types too.
const pattern = (e: Ev) => `${e.kind} at:${e.at_type} subject:${e.subject !== null} title:${e.title_type} old:${e.old_value !== null} new:${e.new_value !== null}`;

describe('generated data has the shape the service writes', () => {
  it('events: same kinds with the same columns filled, ISO instants, China dates, note references', () => {
    const events = gen.db.prepare(`SELECT e.*, typeof(e.at) AS at_type, typeof(e.subject_title) AS title_type, ${eventAtSql('e')} AS at_iso, ${eventNewValueSql('e')} AS new_value_read FROM events e ORDER BY e.id`).all() as Ev[];
    const service = new Set(events.filter((e) => e.client_id === serviceId).map(pattern));
    const generated = new Set(events.filter((e) => e.client_id !== serviceId).map(pattern));
    // The first stage event of a new client has no old value in both; every generated kind/pattern occurs in the service's.
    expect([...generated].filter((p) => !service.has(p))).toEqual([]);
    expect(generated.size).toBeGreaterThanOrEqual(4);
    for (const e of events) {
      expect(e.at_iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const china = new Date(Date.parse(e.at_iso) + 8 * 3600_000).toISOString().slice(0, 10);
      if (e.client_id !== serviceId) expect(e.occurred_on).toBe(china);
    }
    const notes = new Map((gen.db.prepare('SELECT id, client_id, body FROM notes').all() as Array<{ id: number; client_id: number; body: string }>).map((n) => [String(n.id), n]));
    for (const e of events.filter((x) => x.kind === 'note.create')) {
      const n = notes.get(e.subject!);
      expect(n?.client_id).toBe(e.client_id);
      expect(e.new_value_read).toBe(noteExcerpt(n!.body));
    }
  });

  it('the generated file has the schema a new file gets (compact events, notes_bi without positions), and notes search finds generated notes', async () => {
    const schema = (sql: string) => (gen.db.prepare("SELECT sql FROM sqlite_schema WHERE name = ?").get(sql) as { sql: string }).sql;
    expect(schema('events')).toContain('at ANY NOT NULL');
    expect(schema('notes_bi')).toContain('detail=none');
    expect(schema('clients_bi')).toContain('detail=full');
    const n = gen.db.prepare('SELECT id, body FROM notes WHERE client_id <> ? ORDER BY id LIMIT 1').get(serviceId) as { id: number; body: string };
    const q = [...n.body].slice(2, 7).join('');
    const found = await call(gen, 'notes.search', { q, limit: 200 });
    expect(found.rows.map((r) => r.id)).toContain(n.id);
    expect(found.rows.every((r) => r.body.toLowerCase().includes(q.toLowerCase()))).toBe(true);
  });

  it('materials, search text, sort keys, progress figures and due dates match the service\'s', () => {
    const checklist = (id: number) => gen.db.prepare('SELECT item_key, group_key, title, hint, sort FROM materials WHERE client_id = ? ORDER BY sort').all(id);
    const clients = gen.db.prepare('SELECT * FROM clients ORDER BY id').all() as Array<Record<string, unknown>>;
    for (const c of clients) {
      expect(checklist(c.id as number)).toEqual(checklist(serviceId));
      expect(c.search_text).toBe(buildSearchText([c.name, c.uscc, c.legal_rep, c.contact_name, c.contact_phone, c.platform_name, c.domain] as Array<string | null>));
      expect(c.name_sort).toEqual(expect.any(String));
      const done = (gen.db.prepare("SELECT count(*) AS n FROM materials WHERE client_id = ? AND status IN ('checked', 'submitted', 'accepted')").get(c.id) as { n: number }).n;
      expect(c.materials_done).toBe(done);
      expect(c.materials_total).toBe(17);
    }
    expect(storedDueDates(gen.db)).toEqual(deriveDueDates(gen, loadCalendar(gen), '1 = 1', []));
  });
});
