import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type DB } from '../../db/open';
import { MIGRATIONS } from '../../db/migrations/index';
import { dispatch } from '../../db/dispatch';
import type { ServiceContext } from '../../db/service/context';
import { addCalendarDays } from '../../shared/domain/calendar';
import { isoWeekId, isoWeekOf } from '../../shared/domain/weeks';
import { call, sampleClient, tmpDir } from '../helpers/data';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/db/v60.sqlite');

/** Every week's summary of every client, and every week's roll-up, as the JSON the UI receives (and exports from). */
async function allWeeklySummaries(db: DB): Promise<Map<string, string>> {
  const ctx: ServiceContext = { db, dbPath: ':memory:', dataDir: tmpDir(), version: 'test', now: () => new Date('2026-11-27T02:00:00Z') };
  const range = db.prepare(`SELECT min(d) AS lo, max(d) AS hi FROM (SELECT note_date AS d FROM notes UNION ALL SELECT occurred_on FROM events)`).get() as { lo: string; hi: string };
  const ids = (db.prepare('SELECT id FROM clients ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
  const out = new Map<string, string>();
  // One week before the first fact to two after the last.
  for (let d = addCalendarDays(range.lo, -7); d <= addCalendarDays(range.hi, 14); d = addCalendarDays(d, 7)) {
    const week = isoWeekId(isoWeekOf(d));
    out.set(`rollup ${week}`, JSON.stringify(await call(ctx, 'weekly.rollup', { week })));
    for (const clientId of ids) {
      const r = await dispatch(ctx, 'weekly.client', { clientId, week });
      out.set(`client ${clientId} ${week}`, JSON.stringify(r));
    }
  }
  return out;
}

describe('migration 0080 (note references in events)', () => {
  it('on the v60 fixture: note events keep a reference and an excerpt, every weekly summary of every week stays byte-identical', async () => {
    // Two copies of the fixture brought to today's schema, one without 0080: the summaries (computed by today's
    // service, which needs today's columns) must not tell them apart.
    const without = path.join(tmpDir(), 'without-0080.sqlite');
    fs.copyFileSync(FIXTURE, without);
    const file = path.join(tmpDir(), 'db.sqlite');
    fs.copyFileSync(FIXTURE, file);
    const before = openDatabase(without, { migrations: MIGRATIONS.filter((m) => m.version !== 80) });
    const fullTexts = before.prepare("SELECT id, old_value, new_value FROM events WHERE kind LIKE 'note.%' ORDER BY id").all() as Array<{ id: number; old_value: string | null; new_value: string | null }>;
    const summariesBefore = await allWeeklySummaries(before);
    const notesInFixture = (before.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n;
    before.close();

    const after = openDatabase(file);
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    const summariesAfter = await allWeeklySummaries(after);
    expect(summariesAfter.size).toBeGreaterThan(20);
    expect([...summariesAfter.keys()]).toEqual([...summariesBefore.keys()]);
    for (const [k, v] of summariesBefore) expect(summariesAfter.get(k), k).toBe(v);
    // The fixture's notes show in their week's summary.
    expect([...summariesAfter.values()].some((v) => v.includes('"notes":[{'))).toBe(true);

    // Events: the note's id (null for a removed note) and at most 40 characters of text.
    const events = after.prepare("SELECT e.id, e.kind, e.subject, e.old_value, e.new_value, n.id AS note FROM events e LEFT JOIN notes n ON n.id = CAST(e.subject AS INTEGER) WHERE e.kind LIKE 'note.%' ORDER BY e.id").all() as Array<{ id: number; kind: string; subject: string | null; old_value: string | null; new_value: string | null; note: number | null }>;
    expect(events.map((e) => e.id)).toEqual(fullTexts.map((e) => e.id));
    for (const e of events) {
      for (const v of [e.old_value, e.new_value]) if (v !== null) expect([...v].length).toBeLessThanOrEqual(41);
      if (e.kind !== 'note.remove' && e.subject !== null) expect(e.note).not.toBeNull();
    }
    const live = events.filter((e) => e.kind === 'note.create' && e.note !== null);
    // Every note of the fixture (11: 14 created, 3 removed) keeps the reference from its create event to itself.
    expect(notesInFixture).toBe(11);
    expect(live.length).toBe(notesInFixture);
    // Each update's earlier text went to note_versions, attached to the note that has the update's text now.
    const updates = fullTexts.filter((_, i) => events[i].kind === 'note.update' && events[i].subject !== null);
    const versions = after.prepare('SELECT note_id, body FROM note_versions ORDER BY id').all() as Array<{ note_id: number; body: string }>;
    expect(versions.map((v) => v.body).sort()).toEqual(updates.map((u) => u.old_value!).sort());
    after.close();
  });

  it('a note edited after its week shows in that week as it was; the edit shows from the week it was made in', async () => {
    const db = openDatabase(':memory:');
    let now = new Date('2026-11-18T02:00:00Z'); // Wednesday of 2026-W47
    const ctx: ServiceContext = { db, dbPath: ':memory:', dataDir: tmpDir(), version: 'test', now: () => now };
    const client = await call(ctx, 'clients.create', { client: sampleClient(1) });
    const id = (client as { client: { id: number } }).client.id;
    const note = await call(ctx, 'notes.create', { clientId: id, date: '2026-11-18', body: '已与客户确认域名备案信息' });
    now = new Date('2026-11-25T02:00:00Z'); // the next week
    await call(ctx, 'notes.update', { id: note.id, date: '2026-11-18', body: '已与客户确认域名备案信息，并补充了服务器合同' });
    const w47 = await call(ctx, 'weekly.client', { clientId: id, week: '2026-W47' });
    expect(JSON.stringify(w47)).toContain('已与客户确认域名备案信息"');
    expect(JSON.stringify(w47)).not.toContain('服务器合同');
    // Unchanged text is not stored again.
    await call(ctx, 'notes.update', { id: note.id, date: '2026-11-18', body: '已与客户确认域名备案信息，并补充了服务器合同' });
    expect(db.prepare('SELECT count(*) AS n FROM note_versions').get()).toEqual({ n: 1 });
    const timeline = await call(ctx, 'clients.timeline', { id, limit: 10 });
    expect(timeline.filter((e) => e.kind.startsWith('note.')).map((e) => e.subject)).toEqual([String(note.id), String(note.id), String(note.id)]);
    db.close();
  });

  it('compacting is offered once the file holds enough free space, runs only when asked, and keeps the data', async () => {
    const dataDir = tmpDir();
    const db = openDatabase(path.join(dataDir, 'icp-desk.sqlite'));
    const ctx: ServiceContext = { db, dbPath: path.join(dataDir, 'icp-desk.sqlite'), dataDir, version: 'test', now: () => new Date('2026-11-27T02:00:00Z') };
    const id = (await call(ctx, 'clients.create', { client: sampleClient(1) })).client.id;
    const body = '与客户核对材料清单，确认网站备案、服务器合同与场地证明。'.repeat(60);
    const ins = db.prepare("INSERT INTO notes (client_id, note_date, body, created_ms, updated_ms) VALUES (?, '2026-11-20', ?, '', '')");
    db.transaction(() => { for (let i = 0; i < 400; i++) ins.run(id, `第${i}条记录：${body}`); })();
    expect((await call(ctx, 'data.compactInfo', {})).offer).toBe(false);
    const keep = await call(ctx, 'notes.create', { clientId: id, date: '2026-11-27', body: '保留的记录' });
    db.prepare('DELETE FROM notes WHERE id <> ?').run(keep.id);
    const info = await call(ctx, 'data.compactInfo', {});
    expect(info.offer).toBe(true);
    expect(info.freeBytes).toBeGreaterThan(1024 * 1024);
    const after = await call(ctx, 'data.compact', {});
    expect(after).toMatchObject({ freeBytes: 0, offer: false });
    expect(after.fileBytes).toBeLessThan(info.fileBytes - 1024 * 1024);
    expect(fs.statSync(ctx.dbPath).size).toBe(after.fileBytes);
    expect((await call(ctx, 'notes.list', { clientId: id })).map((n) => n.body)).toEqual(['保留的记录']);
    db.close();
  }, 60_000);
});
