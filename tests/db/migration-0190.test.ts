import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type DB } from '../../db/open';
import { MIGRATIONS } from '../../db/migrations/index';
import { KIND_CODES_0190 } from '../../db/migrations/0190-event-kind-codes';
import type { ServiceContext } from '../../db/service/context';
import { eventColumns, storedKind } from '../../db/service/event-columns';
import { databaseStats } from '../../db/backup/inspect';
import { exportJson, importJson } from '../../db/export/json';
import { addCalendarDays } from '../../shared/domain/calendar';
import { isoWeekId, isoWeekOf } from '../../shared/domain/weeks';
import { call, tmpDir } from '../helpers/data';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/db/v180.sqlite');
const NOW = new Date('2026-11-27T02:00:00Z');
const ctxOf = (db: DB): ServiceContext => ({ db, dbPath: ':memory:', dataDir: tmpDir(), version: 'test', now: () => NOW });
const readEvents = (db: DB) => db.prepare(`SELECT ${eventColumns('e')} FROM events e ORDER BY e.id`).all();

/** What every service call that reads events answers (per client, per week, the dashboard, the stats), as JSON. */
async function eventReaders(db: DB): Promise<Map<string, string>> {
  const ctx = ctxOf(db);
  const out = new Map<string, string>();
  const ids = (db.prepare('SELECT id FROM clients ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
  for (const id of ids) {
    out.set(`timeline ${id}`, JSON.stringify(await call(ctx, 'clients.timeline', { id, limit: 500 })));
    out.set(`materials ${id}`, JSON.stringify(await call(ctx, 'materials.list', { clientId: id })));
    out.set(`deadlines ${id}`, JSON.stringify(await call(ctx, 'deadlines.client', { clientId: id })));
    out.set(`process ${id}`, JSON.stringify(await call(ctx, 'process.get', { clientId: id })));
    out.set(`eligibility ${id}`, JSON.stringify(await call(ctx, 'eligibility.get', { clientId: id })));
  }
  const range = db.prepare('SELECT min(occurred_on) AS lo, max(occurred_on) AS hi FROM events').get() as { lo: string; hi: string };
  for (let d = addCalendarDays(range.lo, -7); d <= addCalendarDays(range.hi, 7); d = addCalendarDays(d, 7)) {
    const week = isoWeekId(isoWeekOf(d));
    out.set(`rollup ${week}`, JSON.stringify(await call(ctx, 'weekly.rollup', { week })));
    for (const clientId of ids) out.set(`weekly ${clientId} ${week}`, JSON.stringify(await call(ctx, 'weekly.client', { clientId, week })));
  }
  out.set('dashboard', JSON.stringify(await call(ctx, 'dashboard.get', {})));
  out.set('stats', JSON.stringify(databaseStats(db)));
  return out;
}

/** The v180 fixture plus an event of a kind without a code (a newer build's, or a hand-edited file), then a migrated copy. */
function copies(): { before: DB; after: DB } {
  const a = path.join(tmpDir(), 'v180.sqlite');
  const b = path.join(tmpDir(), 'v190.sqlite');
  fs.copyFileSync(FIXTURE, a);
  const before = openDatabase(a, { migrations: MIGRATIONS.filter((m) => m.version < 190) });
  expect(before.pragma('user_version', { simple: true })).toBe(180);
  const c = before.prepare('SELECT id FROM clients ORDER BY id LIMIT 1').get() as { id: number };
  before.prepare("INSERT INTO events (client_id, at, occurred_on, kind, subject, old_value, new_value) VALUES (?, 1764208800000, '2026-11-27', 'later.kind', NULL, NULL, '未知类型')").run(c.id);
  before.pragma('wal_checkpoint(TRUNCATE)');
  fs.copyFileSync(a, b);
  const after = openDatabase(b);
  expect(after.pragma('user_version', { simple: true })).toBe(190);
  return { before, after };
}

describe('migration 0190 (event kinds as codes)', () => {
  it('every event reads back as recorded and every service call that reads events answers the same', async () => {
    const { before, after } = copies();
    const recorded = readEvents(before);
    expect(recorded.length).toBe(83); // the fixture's 82 and the one added
    expect(readEvents(after)).toEqual(recorded);
    const a = await eventReaders(before);
    const b = await eventReaders(after);
    expect(a.size).toBeGreaterThan(50);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
    // Stored as codes: every kind of the fixture an integer (material.status = 1, stage = 3), the unknown kind as text.
    const stored = after.prepare('SELECT kind, typeof(kind_code) AS t, kind_code FROM events ORDER BY id').all() as Array<{ kind: string; t: string; kind_code: unknown }>;
    expect(stored.filter((e) => e.t === 'text')).toEqual([{ kind: 'later.kind', t: 'text', kind_code: 'later.kind' }]);
    expect(stored.filter((e) => e.kind === 'material.status').every((e) => e.kind_code === 1)).toBe(true);
    expect(stored.filter((e) => e.kind === 'stage').every((e) => e.kind_code === 3)).toBe(true);
    // Indexes and triggers of events, and the 0180 keep triggers of notes and materials, as they were.
    const schema = (db: DB) => db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE (tbl_name = 'events' AND type <> 'table') OR (type = 'trigger' AND sql LIKE '%events%') ORDER BY name").all();
    expect(schema(after)).toEqual(schema(before));
    expect(schema(after).length).toBeGreaterThanOrEqual(7);
    before.close();
    after.close();
  }, 180_000);

  it('new events are stored as codes and read as text; the partial stage indexes still answer', async () => {
    const { after: db } = copies();
    const ctx = ctxOf(db);
    const c = db.prepare("SELECT id, stage FROM clients WHERE stage = 'consultation' ORDER BY id LIMIT 1").get() as { id: number } | undefined;
    const id = c?.id ?? (db.prepare('SELECT id FROM clients ORDER BY id LIMIT 1').get() as { id: number }).id;
    await call(ctx, 'notes.create', { clientId: id, date: '2026-11-27', body: '已电话沟通，客户下周提交营业执照副本。' });
    const last = db.prepare('SELECT kind, typeof(kind_code) AS t, kind_code FROM events ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({ kind: 'note.create', t: 'integer', kind_code: 2 });
    expect(storedKind('note.create')).toBe(2n);
    expect(storedKind('later.kind')).toBe('later.kind');
    expect(KIND_CODES_0190.length).toBe(30);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT occurred_on FROM events WHERE kind = 'stage' AND occurred_on >= '2026-01-01'").all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('events_stage_on');
    db.close();
  });

  it('JSON export round trip keeps every event; an export made before 0190 imports with its kinds coded', () => {
    const { before, after } = copies();
    const meta = { appVersion: 'test', now: NOW };
    const text = exportJson(after, meta);
    expect(JSON.parse(text).tables.find((t: { name: string }) => t.name === 'events').columns).toContain('kind_code');
    const fresh = openDatabase(':memory:');
    importJson(fresh, text);
    expect(fresh.prepare('SELECT *, kind_code FROM events ORDER BY id').all()).toEqual(after.prepare('SELECT *, kind_code FROM events ORDER BY id').all());
    expect(readEvents(fresh)).toEqual(readEvents(before));
    expect(exportJson(fresh, meta)).toBe(text);

    const oldText = exportJson(before, meta);
    expect(JSON.parse(oldText).tables.find((t: { name: string }) => t.name === 'events').columns).toContain('kind');
    const old = openDatabase(':memory:');
    importJson(old, oldText);
    expect(readEvents(old)).toEqual(readEvents(before));
    expect(old.prepare('SELECT *, kind_code FROM events ORDER BY id').all()).toEqual(after.prepare('SELECT *, kind_code FROM events ORDER BY id').all());
    for (const db of [before, after, fresh, old]) db.close();
  });
});
