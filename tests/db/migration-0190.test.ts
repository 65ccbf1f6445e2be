import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type DB } from '../../db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrations/index';
import { KIND_CODES_0190, VALUE_CODES_0190 } from '../../db/migrations/0190-compact-codes';
import type { ServiceContext } from '../../db/service/context';
import { eventColumns, eventDaysSql, storedAt, storedKind } from '../../db/service/event-columns';
import { STORED_ON_SQL_0190 } from '../../db/migrations/0190-compact-codes';
import { sampleClient } from '../helpers/data';
import { exportJson, importJson } from '../../db/export/json';
import { serviceAnswers } from '../helpers/service-answers';
import { call, tmpDir } from '../helpers/data';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/db/v180.sqlite');
const V60 = path.resolve(import.meta.dirname, '../fixtures/db/v60.sqlite');
const NOW = new Date('2026-11-27T02:00:00Z');
const ctxOf = (db: DB): ServiceContext => ({ db, dbPath: ':memory:', dataDir: tmpDir(), version: 'test', now: () => NOW });
const readEvents = (db: DB) => db.prepare(`SELECT ${eventColumns('e')} FROM events e ORDER BY e.id`).all();
/** Every note and note version as recorded (the notes' instants as ISO text). */
const readNotes = (db: DB) => [
  ...db.prepare('SELECT id, client_id, note_date, body, created_at, updated_at FROM notes ORDER BY id').all(),
  ...db.prepare('SELECT * FROM note_versions ORDER BY id').all(),
];
/** Every material (its `updated_at` as ISO text) and every attachment as recorded. */
const readMaterials = (db: DB) => [
  ...db.prepare('SELECT id, client_id, item_key, group_key, title, hint, sort, status, check_complete, check_accurate, check_legible, note, due_date, updated_at FROM materials ORDER BY id').all(),
  ...db.prepare('SELECT * FROM attachments ORDER BY id').all(),
];
/** The stored columns of events and notes (what the JSON export carries). */
const storedRows = (db: DB) => [
  ...db.prepare('SELECT id, client_id, at, on_code, kind_code, subject, subject_title, old_code, new_code FROM events ORDER BY id').all(),
  ...db.prepare('SELECT id, client_id, note_date, body, created_ms, updated_ms FROM notes ORDER BY id').all(),
  ...db.prepare('SELECT id, updated_ms FROM materials ORDER BY id').all(),
];

/**
 * The v180 fixture (or `fixture` brought to 180) plus an event of a kind without a code (a newer build's, or a
 * hand-edited file) and one whose values and day are not coded, then a migrated copy.
 */
function copies(fixture = FIXTURE): { before: DB; after: DB } {
  const a = path.join(tmpDir(), 'v180.sqlite');
  const b = path.join(tmpDir(), 'v190.sqlite');
  fs.copyFileSync(fixture, a);
  const before = openDatabase(a, { migrations: MIGRATIONS.filter((m) => m.version < 190) });
  expect(before.pragma('user_version', { simple: true })).toBe(180);
  const c = before.prepare('SELECT id FROM clients ORDER BY id LIMIT 1').get() as { id: number };
  before.prepare("INSERT INTO events (client_id, at, occurred_on, kind, subject, old_value, new_value) VALUES (?, 1764208800000, '2026-11-27', 'later.kind', NULL, NULL, '未知类型')").run(c.id);
  // A value that is a status but of another kind (coded all the same), a status in other case (not coded), a day
  // that is not the China day of `at` (kept), an instant stored as text (its day kept).
  before.prepare("INSERT INTO events (client_id, at, occurred_on, kind, subject, old_value, new_value) VALUES (?, 1764208800000, '2026-11-20', 'client.update', 'remark', 'missing', 'Missing')").run(c.id);
  before.prepare("INSERT INTO events (client_id, at, occurred_on, kind, subject, old_value, new_value) VALUES (?, '2026-11-27T10:00:00Z', '2026-11-27', 'stage', NULL, 'consultation', 'materials')").run(c.id);
  // Two attachments (their rows go aside while materials is rebuilt: dropping it would cascade to them).
  const mat = before.prepare('SELECT id, client_id FROM materials ORDER BY id LIMIT 1').get() as { id: number; client_id: number };
  for (const n of [1, 2]) {
    before.prepare("INSERT INTO attachments (client_id, material_id, file_name, size, sha256, kind, mime, added_at) VALUES (?, ?, ?, 1024, ?, 'pdf', 'application/pdf', '2026-11-20T03:00:00.000Z')")
      .run(mat.client_id, mat.id, `营业执照${n}.pdf`, String(n).repeat(64));
  }
  before.pragma('wal_checkpoint(TRUNCATE)');
  fs.copyFileSync(a, b);
  const after = openDatabase(b);
  // Migrated to the newest schema (0190 and what follows it, e.g. 0200's dashboard counts): the same answers.
  expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  return { before, after };
}

describe('migration 0190 (compact codes: events, notes, materials)', () => {
  it('every event reads back as recorded and every service call that reads events answers the same', async () => {
    const { before, after } = copies();
    const recorded = readEvents(before);
    expect(recorded.length).toBe(85); // the fixture's 82 and the three added
    expect(readEvents(after)).toEqual(recorded);
    const a = await serviceAnswers(ctxOf(before));
    const b = await serviceAnswers(ctxOf(after));
    expect(a.size).toBeGreaterThan(50);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
    // Stored as codes: every kind of the fixture an integer (material.status = 1, stage = 3), the unknown kind as text.
    const stored = after.prepare('SELECT kind, typeof(kind_code) AS t, kind_code FROM events ORDER BY id').all() as Array<{ kind: string; t: string; kind_code: unknown }>;
    expect(stored.filter((e) => e.t === 'text')).toEqual([{ kind: 'later.kind', t: 'text', kind_code: 'later.kind' }]);
    expect(stored.filter((e) => e.kind === 'material.status').every((e) => e.kind_code === 1)).toBe(true);
    expect(stored.filter((e) => e.kind === 'stage').every((e) => e.kind_code === 3)).toBe(true);
    expect(readNotes(after)).toEqual(readNotes(before));
    expect(readNotes(after).length).toBe(14); // 11 notes, 3 versions
    expect(readMaterials(after)).toEqual(readMaterials(before));
    expect(readMaterials(after).length).toBe(187 + 2);
    expect(after.prepare("SELECT count(*) AS n FROM materials WHERE typeof(updated_ms) <> 'integer'").get()).toEqual({ n: 0 });
    // Statuses and stages as codes, whatever the kind; other text as it was; the day only where it is not at's.
    const values = after.prepare("SELECT kind, old_value, new_value, typeof(old_code) AS o, typeof(new_code) AS n, on_code, occurred_on FROM events WHERE kind IN ('material.status', 'stage', 'client.update') ORDER BY id").all() as Array<{ kind: string; old_value: string | null; new_value: string | null; o: string; n: string; on_code: string | null; occurred_on: string }>;
    for (const v of values) {
      expect(v.o, JSON.stringify(v)).toBe(v.old_value === null ? 'null' : (VALUE_CODES_0190 as readonly string[]).includes(v.old_value) ? 'integer' : 'text');
      expect(v.n, JSON.stringify(v)).toBe(v.new_value === null ? 'null' : (VALUE_CODES_0190 as readonly string[]).includes(v.new_value) ? 'integer' : 'text');
    }
    expect(values.filter((v) => v.kind === 'material.status').length).toBeGreaterThan(20);
    expect(values.find((v) => v.new_value === 'Missing')).toMatchObject({ o: 'integer', n: 'text', on_code: '2026-11-20', occurred_on: '2026-11-20' });
    expect(values.find((v) => v.kind === 'stage' && v.on_code !== null && v.occurred_on === '2026-11-27')).toMatchObject({ on_code: '2026-11-27', o: 'integer', n: 'integer' });
    const days = after.prepare('SELECT count(*) AS n, count(on_code) AS kept FROM events').get() as { n: number; kept: number };
    expect(days.kept).toBeLessThan(days.n / 2);
    expect(after.prepare("SELECT count(*) AS n FROM notes WHERE typeof(created_ms) <> 'integer' OR typeof(updated_ms) <> 'integer'").get()).toEqual({ n: 0 });
    // Indexes and triggers of events and notes, and the 0180 keep triggers of notes and materials, as they were
    // (the keep triggers writing the stored `new_code`).
    const schema = (db: DB) => (db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE (tbl_name IN ('events', 'notes') AND type <> 'table') OR (type = 'trigger' AND sql LIKE '%events%') ORDER BY name").all() as Array<{ sql: string }>)
      .map((r) => ({ ...r, sql: r.sql.replace('UPDATE events SET new_value =', 'UPDATE events SET new_code =') }));
    expect(schema(after)).toEqual(schema(before));
    expect(schema(after).length).toBeGreaterThanOrEqual(10);
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
    // The note's instants as milliseconds, read back as ISO text; the event dated today (no day stored).
    const note = db.prepare('SELECT id, created_ms, updated_ms, created_at, updated_at FROM notes ORDER BY id DESC LIMIT 1').get() as { id: number };
    expect(note).toEqual({ id: note.id, created_ms: NOW.getTime(), updated_ms: NOW.getTime(), created_at: '2026-11-27T02:00:00.000Z', updated_at: '2026-11-27T02:00:00.000Z' });
    expect(db.prepare('SELECT on_code, occurred_on FROM events ORDER BY id DESC LIMIT 1').get()).toEqual({ on_code: null, occurred_on: '2026-11-27' });
    // A note dated by the user on another day: that day stored; a status change: its values as codes.
    await call(ctx, 'notes.create', { clientId: id, date: '2026-11-23', body: '补充材料已收到。' });
    expect(db.prepare('SELECT on_code, occurred_on FROM events ORDER BY id DESC LIMIT 1').get()).toEqual({ on_code: '2026-11-23', occurred_on: '2026-11-23' });
    const m = db.prepare('SELECT id, status FROM materials WHERE client_id = ? ORDER BY id LIMIT 1').get(id) as { id: number; status: string };
    await call(ctx, 'materials.setStatus', { id: m.id, status: m.status === 'received' ? 'checked' : 'received' });
    const st = db.prepare("SELECT old_code, new_code, old_value, new_value, on_code FROM events WHERE kind = 'material.status' ORDER BY id DESC LIMIT 1").get() as Record<string, unknown>;
    expect(db.prepare('SELECT updated_ms, updated_at FROM materials WHERE id = ?').get(m.id)).toEqual({ updated_ms: NOW.getTime(), updated_at: NOW.toISOString() });
    expect(st).toEqual({ old_code: VALUE_CODES_0190.indexOf(m.status as never) + 1, new_code: m.status === 'received' ? 3 : 2, old_value: m.status, new_value: m.status === 'received' ? 'checked' : 'received', on_code: null });
    // Instants a generated day cannot stand for keep their day: before 1970 (text), and 9999-12-31T23:59:59.999Z
    // (its China day is in year 10000, which date() does not give).
    for (const at of ['1969-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z']) {
      const time = new Date(at);
      await call({ ...ctx, now: () => time }, 'notes.update', { id: note.id, date: '2026-11-27', body: `改于 ${at}` });
      expect(db.prepare('SELECT at, on_code, occurred_on FROM events ORDER BY id DESC LIMIT 1').get()).toEqual({ at: storedAt(time) === at ? at : time.getTime(), on_code: '2026-11-27', occurred_on: '2026-11-27' });
      expect(db.prepare('SELECT updated_at FROM notes WHERE id = ?').get(note.id)).toEqual({ updated_at: at });
    }
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
    const columnsOf = (t: string, name: string) => (JSON.parse(t).tables as Array<{ name: string; columns: string[] }>).find((x) => x.name === name)!.columns;
    expect(columnsOf(text, 'events')).toEqual(['id', 'client_id', 'at', 'on_code', 'kind_code', 'subject', 'subject_title', 'old_code', 'new_code']);
    expect(columnsOf(text, 'notes')).toEqual(['id', 'client_id', 'note_date', 'body', 'created_ms', 'updated_ms']);
    expect(columnsOf(text, 'materials')).toContain('updated_ms');
    const fresh = openDatabase(':memory:');
    importJson(fresh, text);
    expect(storedRows(fresh)).toEqual(storedRows(after));
    expect(readEvents(fresh)).toEqual(readEvents(before));
    expect(readNotes(fresh)).toEqual(readNotes(before));
    expect(readMaterials(fresh)).toEqual(readMaterials(before));
    expect(exportJson(fresh, meta)).toBe(text);

    const oldText = exportJson(before, meta);
    expect(columnsOf(oldText, 'events')).toEqual(['id', 'client_id', 'at', 'occurred_on', 'kind', 'subject', 'subject_title', 'old_value', 'new_value']);
    expect(columnsOf(oldText, 'notes')).toContain('created_at');
    const old = openDatabase(':memory:');
    importJson(old, oldText);
    expect(readEvents(old)).toEqual(readEvents(before));
    expect(readNotes(old)).toEqual(readNotes(before));
    expect(readMaterials(old)).toEqual(readMaterials(before));
    expect(old.prepare("SELECT count(*) AS n FROM materials WHERE typeof(updated_ms) <> 'integer'").get()).toEqual({ n: 0 });
    expect(storedRows(old)).toEqual(storedRows(after));
    for (const db of [before, after, fresh, old]) db.close();
  });

  it('on the v60 fixture: every events and notes reader, every weekly summary of every week, answers the same after 0190', async () => {
    const { before, after } = copies(V60);
    expect(readEvents(after)).toEqual(readEvents(before));
    expect(readNotes(after)).toEqual(readNotes(before));
    expect(readMaterials(after)).toEqual(readMaterials(before));
    const a = await serviceAnswers(ctxOf(before));
    const b = await serviceAnswers(ctxOf(after));
    expect([...a.keys()].filter((k) => k.startsWith('weekly ')).length).toBeGreaterThan(20);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
    before.close();
    after.close();
  }, 180_000);

  it('the day filters on stored columns select exactly the rows the generated occurred_on does, at China midnights', async () => {
    const db = openDatabase(':memory:');
    await call(ctxOf(db), 'clients.create', { client: sampleClient(1) });
    db.exec('DELETE FROM events');
    const ins = db.prepare(`INSERT INTO events (client_id, at, on_code, kind_code) VALUES (1, @at, ${STORED_ON_SQL_0190('@on', '@at')}, 3)`);
    // Around each China midnight of 2026-11-22…24 (16:00Z the day before), and user-dated days; one instant as text.
    for (const day of ['2026-11-21', '2026-11-22', '2026-11-23']) {
      for (const t of ['15:59:59.999', '16:00:00.000', '16:00:00.001', '23:59:59.999']) {
        const at = new Date(`${day}T${t}Z`);
        const china = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
        ins.run({ at: storedAt(at), on: china });
        ins.run({ at: storedAt(at), on: '2026-11-23' });
      }
    }
    ins.run({ at: '2026-11-23T04:00:00Z', on: '2026-11-23' });
    expect((db.prepare('SELECT count(on_code) AS kept, count(*) AS n FROM events').get() as { kept: number; n: number }).kept).toBeLessThan(25);
    const ids = (sql: string, ...p: string[]) => (db.prepare(sql).all(...p) as Array<{ id: number }>).map((r) => r.id);
    const days = ['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25'];
    let compared = 0;
    for (const lo of days) {
      const after = eventDaysSql(db, 'e', 'after');
      const got = ids(`SELECT e.id FROM ${after.from} WHERE ${after.where} ORDER BY e.id`, ...(after.params(lo) as string[]));
      expect(got, `after ${lo}`).toEqual(ids('SELECT id FROM events WHERE occurred_on > ? ORDER BY id', lo));
      for (const hi of days.filter((d) => d >= lo)) {
        const between = eventDaysSql(db, 'e', 'between');
        const want = ids('SELECT id FROM events WHERE occurred_on BETWEEN ? AND ? ORDER BY id', lo, hi);
        expect(ids(`SELECT e.id FROM ${between.from} WHERE ${between.where} ORDER BY e.id`, ...(between.params(lo, hi) as string[])), `${lo}…${hi}`).toEqual(want);
        compared += want.length;
      }
    }
    expect(compared).toBeGreaterThan(50);
    db.close();
  });
});
