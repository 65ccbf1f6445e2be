import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { openDatabase, type DB } from '../../db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrations/index';
import type { ServiceContext } from '../../db/service/context';
import { decodeClientEvents, eventColumns, storedAt, storedEventColumns } from '../../db/service/event-columns';
import { migrationLog, openDataFolder } from '../../db/backup/open-folder';
import { exportJson, importJson } from '../../db/export/json';
import { serviceAnswers } from '../helpers/service-answers';
import { call, sampleClient, tmpDir } from '../helpers/data';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/db/v170.sqlite');
const NOW = new Date('2026-11-27T02:00:00Z');
const ctxOf = (db: DB): ServiceContext => ({ db, dbPath: ':memory:', dataDir: tmpDir(), version: 'test', now: () => NOW });

/** The events as recorded: raw rows of a file before 0180, through eventColumns after. */
const rawEvents = (db: DB) => db.prepare('SELECT id, client_id, at, occurred_on, kind, subject, subject_title, old_value, new_value FROM events ORDER BY id').all();
const readEvents = (db: DB) => db.prepare(`SELECT ${eventColumns('e')} FROM events e ORDER BY e.id`).all();

/**
 * Events a 0170 file may hold besides the fixture's, written as 0170 stored them: instants that must stay text
 * (before 1970, without milliseconds), a material title that is not the item's title now, a NULL title, and an
 * attachment event (title = the item's title, so it is no longer copied).
 */
function seedOddEvents(db: DB, nullTitle: boolean): void {
  const m = db.prepare("SELECT client_id, item_key, title FROM materials ORDER BY id LIMIT 1").get() as { client_id: number; item_key: string; title: string };
  const ins = db.prepare('INSERT INTO events (client_id, at, occurred_on, kind, subject, subject_title, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  ins.run(m.client_id, '1969-12-31T23:59:59.999Z', '2026-03-03', 'material.note', m.item_key, m.title, null, '早于1970的时间');
  ins.run(m.client_id, '2026-03-03T01:02:03Z', '2026-03-03', 'material.due', m.item_key, m.title, null, '2026-03-20');
  ins.run(m.client_id, '2026-03-03T01:02:04.000Z', '2026-03-03', 'material.status', m.item_key, '旧版材料名称', 'missing', 'received');
  // Read by today's service, a 0170 file's NULL material title would show the item's title (the 0180 meaning), so
  // this row is only in the copies compared row by row, not in the service comparison.
  if (nullTitle) {
    ins.run(m.client_id, '2026-03-03T01:02:05.007Z', '2026-03-03', 'material.checks', m.item_key, null, '000', '100');
    const n = db.prepare('SELECT id FROM notes WHERE client_id = ? ORDER BY id LIMIT 1').get(m.client_id) as { id: number };
    ins.run(m.client_id, '2026-03-03T01:02:05.008Z', '2026-03-03', 'note.create', String(n.id), null, null, null);
  }
  ins.run(m.client_id, '2026-03-03T01:02:06.450Z', '2026-03-03', 'attachment.add', m.item_key, m.title, null, '营业执照.pdf');
}

function copies(nullTitle: boolean): { before: DB; after: DB } {
  const a = path.join(tmpDir(), 'v170.sqlite');
  const b = path.join(tmpDir(), 'v180.sqlite');
  fs.copyFileSync(FIXTURE, a);
  const before = openDatabase(a, { migrations: MIGRATIONS.filter((m) => m.version < 180) });
  expect(before.pragma('user_version', { simple: true })).toBe(170);
  seedOddEvents(before, nullTitle);
  before.pragma('wal_checkpoint(TRUNCATE)');
  fs.copyFileSync(a, b);
  const after = openDatabase(b);
  expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  return { before, after };
}

describe('migration 0180 (compact events)', () => {
  it('every event reads back as recorded, and every service call that reads events answers the same', async () => {
    const { before, after } = copies(false);
    expect(readEvents(after)).toEqual(rawEvents(before));
    const a = await serviceAnswers(ctxOf(before), { notesSearch: true });
    const b = await serviceAnswers(ctxOf(after), { notesSearch: true });
    expect(a.size).toBeGreaterThan(50);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
    // The readers did see the seeded values.
    const seeded = (before.prepare('SELECT client_id FROM events ORDER BY id DESC LIMIT 1').get() as { client_id: number }).client_id;
    expect(a.get(`timeline ${seeded}`)).toContain('"at":"1969-12-31T23:59:59.999Z"');
    expect(a.get(`timeline ${seeded}`)).toContain('旧版材料名称');
    before.close();
    after.close();
  });

  it('every event of a 0170 file reads back as recorded after 0180, also after a JSON export round trip; a 0170 export imports compacted', () => {
    const { before, after } = copies(true);
    const recorded = rawEvents(before);
    expect(recorded.length).toBe(88);
    expect(readEvents(after)).toEqual(recorded);
    // The timeline's decoding in JS gives what eventColumns gives in SQL, markers and text instants included.
    for (const { id } of after.prepare('SELECT id FROM clients').all() as Array<{ id: number }>) {
      const stored = after.prepare(`SELECT ${storedEventColumns('e')} FROM events e WHERE e.client_id = ? ORDER BY e.id DESC`).all(id) as Record<string, unknown>[];
      expect(decodeClientEvents(after, id, stored)).toEqual(after.prepare(`SELECT ${eventColumns('e')} FROM events e WHERE e.client_id = ? ORDER BY e.id DESC`).all(id));
    }

    // Stored compactly: instants as milliseconds except the two that would not come back exactly; the item's own
    // title not copied, the other title, the NULL and every non-material title kept.
    const stored = after.prepare('SELECT typeof(at) AS t, at, kind, subject_title FROM events ORDER BY id').all() as Array<{ t: string; at: unknown; kind: string; subject_title: string | null }>;
    expect(stored.filter((e) => e.t === 'text').map((e) => e.at)).toEqual(['1969-12-31T23:59:59.999Z', '2026-03-03T01:02:03Z']);
    expect(stored.filter((e) => e.t === 'integer').length).toBe(86);
    expect(after.prepare("SELECT count(*) AS n FROM events WHERE kind = 'note.create' AND typeof(new_value) = 'blob'").get()).toEqual({ n: 1 });
    expect(after.prepare("SELECT count(*) AS n FROM events WHERE kind = 'note.create' AND new_value IS NULL").get()).toEqual({ n: 8 }); // 11 notes, 3 edited since
    expect(stored.filter((e) => e.subject_title !== null).map((e) => e.subject_title)).toEqual(['旧版材料名称', Buffer.alloc(0)]);
    expect(after.prepare("SELECT count(*) AS n FROM events WHERE kind = 'material.status' AND subject_title IS NULL").get()).toEqual({ n: 25 });
    // The indexes and the due-date trigger came back with the table.
    const schema = (db: DB) => db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'events' AND name NOT LIKE 'events_title_keep%' ORDER BY name").all();
    expect(schema(after)).toEqual(schema(before).map((r) => (r as { type: string }).type === 'table' ? { ...(r as object), sql: expect.stringContaining('at ANY NOT NULL') } : r));

    const meta = { appVersion: 'test', now: NOW };
    const text = exportJson(after, meta);
    const fresh = openDatabase(':memory:');
    importJson(fresh, text);
    expect(fresh.prepare('SELECT * FROM events ORDER BY id').all()).toEqual(after.prepare('SELECT * FROM events ORDER BY id').all());
    expect(readEvents(fresh)).toEqual(rawEvents(before));
    expect(exportJson(fresh, meta)).toBe(text);

    const old = openDatabase(':memory:');
    importJson(old, exportJson(before, meta));
    expect(readEvents(old)).toEqual(rawEvents(before));
    expect(old.prepare('SELECT * FROM events ORDER BY id').all()).toEqual(after.prepare('SELECT * FROM events ORDER BY id').all());
    for (const db of [before, after, fresh, old]) db.close();
  });

  it('a title or excerpt not copied is written in before the item or note changes or goes; new events are stored compactly', async () => {
    const { after: db } = copies(true);
    const ctx = ctxOf(db);
    const m = db.prepare("SELECT id, client_id, item_key, title FROM materials WHERE item_key = (SELECT subject FROM events WHERE kind = 'material.status' AND subject_title IS NULL LIMIT 1) ORDER BY id LIMIT 1").get() as { id: number; client_id: number; item_key: string; title: string };
    const titles = () => (db.prepare(`SELECT ${eventColumns('e')} FROM events e WHERE e.client_id = ? AND e.subject = ? AND e.kind LIKE 'material.%' ORDER BY e.id`).all(m.client_id, m.item_key) as Array<{ subject_title: string }>).map((e) => e.subject_title);
    const was = titles();
    expect(was.length).toBeGreaterThan(0);
    expect(was).toContain(m.title);

    await call(ctx, 'materials.setStatus', { id: m.id, status: 'received' });
    const last = db.prepare('SELECT typeof(at) AS t, at, subject_title FROM events ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({ t: 'integer', at: Date.parse('2026-11-27T02:00:00.000Z'), subject_title: null });
    const timeline = await call(ctx, 'clients.timeline', { id: m.client_id, limit: 1 });
    expect(timeline[0]).toMatchObject({ at: '2026-11-27T02:00:00.000Z', kind: 'material.status', subjectTitle: m.title, oldValue: expect.any(String), newValue: 'received' });

    db.prepare('UPDATE materials SET title = ? WHERE id = ?').run('改名后的材料', m.id);
    expect(titles()).toEqual([...was, m.title]);
    db.prepare('UPDATE materials SET title = ? WHERE id = ?').run('再次改名', m.id);
    expect(titles()).toEqual([...was, m.title]);
    db.prepare('DELETE FROM materials WHERE id = ?').run(m.id);
    expect(titles()).toEqual([...was, m.title]);

    // A note's excerpt not copied into its note.create event is written in before the note is edited or removed.
    const note = db.prepare("SELECT n.id, n.client_id, n.body FROM notes n JOIN events e ON e.kind = 'note.create' AND e.subject = CAST(n.id AS TEXT) AND e.client_id = n.client_id AND e.new_value IS NULL ORDER BY n.id LIMIT 1").get() as { id: number; client_id: number; body: string };
    const created = () => (db.prepare(`SELECT ${eventColumns('e')} FROM events e WHERE e.kind = 'note.create' AND e.subject = ? AND e.client_id = ?`).get(String(note.id), note.client_id) as { new_value: string }).new_value;
    expect(created()).toBe(note.body.length > 40 ? `${[...note.body].slice(0, 40).join('')}…` : note.body);
    const excerpt = created();
    await call(ctx, 'notes.update', { id: note.id, date: '2026-03-02', body: '改写后的进度记录' });
    expect(created()).toBe(excerpt);
    await call(ctx, 'notes.remove', { id: note.id });
    expect(created()).toBe(excerpt);
    const other = db.prepare("SELECT n.id, n.client_id, n.body FROM notes n JOIN events e ON e.kind = 'note.create' AND e.subject = CAST(n.id AS TEXT) AND e.client_id = n.client_id AND e.new_value IS NULL ORDER BY n.id DESC LIMIT 1").get() as { id: number; client_id: number; body: string };
    db.prepare('DELETE FROM notes WHERE id = ?').run(other.id);
    expect((db.prepare(`SELECT ${eventColumns('e')} FROM events e WHERE e.kind = 'note.create' AND e.subject = ? AND e.client_id = ?`).get(String(other.id), other.client_id) as { new_value: string }).new_value).toBe(other.body);
    // A note created now: its create event stores no excerpt and reads it from the note.
    const made = await call(ctx, 'notes.create', { clientId: note.client_id, date: '2026-11-27', body: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十超出部分' });
    expect(db.prepare("SELECT new_value FROM events WHERE kind = 'note.create' AND subject = ? ORDER BY id DESC LIMIT 1").get(String(made.id))).toEqual({ new_value: null });
    expect((await call(ctx, 'clients.timeline', { id: note.client_id, limit: 1 }))[0]).toMatchObject({ kind: 'note.create', newValue: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十…' });
    db.close();
  });

  it('a start that upgrades reports the migration and its rows done / total; the log lines are throttled', async () => {
    const dataDir = tmpDir();
    fs.copyFileSync(FIXTURE, path.join(dataDir, 'icp-desk.sqlite'));
    const fx = new Database(FIXTURE, { readonly: true });
    expect(fx.prepare('SELECT (SELECT count(*) FROM events) AS e, (SELECT count(*) FROM notes) AS n').get()).toEqual({ e: 82, n: 11 });
    fx.close();
    const steps: Array<{ version: number; what: string; done: number; total: number }> = [];
    const opened = await openDataFolder({ dataDir, now: () => NOW, onProgress: (s) => steps.push({ version: s.version, what: s.what, done: s.done, total: s.total }) });
    expect(opened.health?.state ?? 'ok').toBe('ok');
    expect(steps[0]).toEqual({ version: 180, what: '', done: 0, total: 0 });
    expect(steps.filter((s) => s.version === 180 && s.what === 'events').at(-1)).toEqual({ version: 180, what: 'events', done: 82, total: 82 });
    expect(steps.filter((s) => s.what === 'notes search index').at(-1)).toEqual({ version: 180, what: 'notes search index', done: 11, total: 11 });
    opened.db.close();

    let t = 0;
    const lines: string[] = [];
    const log = migrationLog((l) => lines.push(l), 2000, () => t);
    log({ version: 180, name: 'compact-events', done: 0, total: 0, what: '' });
    for (const [at, done] of [[0, 0], [500, 100_000], [2500, 200_000], [3000, 300_000], [3100, 400_000]] as const) {
      t = at;
      log({ version: 180, name: 'compact-events', done, total: 400_000, what: 'events' });
    }
    expect(lines).toEqual([
      '[data] 升级数据库 / upgrading the database: 0180 compact-events',
      '[data] 0180 compact-events: events 0 / 400000 (0 %, 0 s)',
      '[data] 0180 compact-events: events 200000 / 400000 (50 %, 3 s)',
      '[data] 0180 compact-events: events 400000 / 400000 (100 %, 3 s)',
    ]);
  });

  it('instants from 1970 to 9999 come back as toISOString gives them; others are stored as text', async () => {
    const db = openDatabase(':memory:');
    await call(ctxOf(db), 'clients.create', { client: sampleClient(1) });
    db.exec('DELETE FROM events');
    const instants = ['1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.001Z', '2000-02-29T23:59:59.999Z', '2026-11-27T02:00:00.120Z', '9999-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999Z', '0001-01-01T00:00:00.000Z'];
    const ins = db.prepare("INSERT INTO events (client_id, at, on_code, kind_code) VALUES (1, ?, '2026-01-01', 'client.update')");
    for (const s of instants) ins.run(storedAt(new Date(s)));
    expect((db.prepare(`SELECT ${eventColumns('e')} FROM events e ORDER BY e.id`).all() as Array<{ at: string }>).map((e) => e.at)).toEqual(instants);
    expect((db.prepare('SELECT typeof(at) AS t FROM events ORDER BY id').all() as Array<{ t: string }>).map((e) => e.t)).toEqual(['integer', 'integer', 'integer', 'integer', 'integer', 'text', 'text']);
    db.close();
  });
});
