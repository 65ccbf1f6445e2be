/**
 * Migration 0050 (search) on a database built at the previous version (0010) with data in it: the trigram index is
 * replaced by the n-gram indexes, filled from the existing clients and notes; stage_order and the sort indexes
 * exist; the triggers keep the index current afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { applyPragmas, migrate, openDatabase } from '../../db/open';
import { MIGRATIONS } from '../../db/migrations/index';
import { CLIENT_SORT_INDEXES } from '../../db/migrations/0050-search';
import { registerSearchFunctions } from '../../db/search/sql-functions';
import { dispatch } from '../../db/dispatch';
import { testDataDir } from '../helpers/context';
import { testTempDir } from '../helpers/temp-dirs';

function v10WithData() {
  const db = new Database(':memory:');
  applyPragmas(db);
  migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
  const now = '2026-11-01T02:00:00.000Z';
  const ins = db.prepare(`INSERT INTO clients (name, uscc, city, stage, contact_name, contact_phone, search_text, created_at, updated_at)
    VALUES (?, ?, '太原市', ?, ?, ?, ?, ?, ?)`);
  ins.run('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', 'materials', '吴磊', '15226771482', '太原晋祠兴旅游服务有限公司', now, now);
  ins.run('大同云冈ＡＢＣ科技有限公司', '91140200MA0K5PGX6H', 'aftercare', '李娜', '13912345678', '大同云冈abc科技有限公司', now, now);
  db.prepare("INSERT INTO notes (client_id, note_date, body, created_at, updated_at) VALUES (1, '2026-10-30', '营业执照副本已核对；消防备案待补充', ?, ?)").run(now, now);
  return db;
}

/** A service context on `db` with a data folder of its own (never the shared temp folder, which services may sweep). */
const ctxOf = (db: Database.Database) => ({ db, dbPath: ':memory:', dataDir: testDataDir(), version: 'test', now: () => new Date('2026-11-27T02:00:00Z') });

describe('migration 0050 (search)', () => {
  it('from 0010 with data: replaces clients_fts, fills the n-gram indexes, adds stage_order and the sort indexes', async () => {
    const db = v10WithData();
    registerSearchFunctions(db);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 50))).toContain(50);
    const names = (type: string) => (db.prepare('SELECT name FROM sqlite_master WHERE type = ?').all(type) as { name: string }[]).map((r) => r.name);
    expect(names('table')).not.toContain('clients_fts');
    expect(names('table')).toEqual(expect.arrayContaining(['clients_uni', 'clients_bi', 'notes_uni', 'notes_bi']));
    expect(names('index')).toEqual(expect.arrayContaining([...Object.values(CLIENT_SORT_INDEXES).map((s) => s.index), 'clients_active_stage', 'clients_archived']));
    expect(names('index')).not.toContain('clients_created');
    expect(db.prepare('SELECT id, stage_order FROM clients ORDER BY id').all()).toEqual([{ id: 1, stage_order: 2 }, { id: 2, stage_order: 7 }]);

    // The service is today's: bring the rest of the schema up to date (the later migrations keep 0050's indexes).
    migrate(db, MIGRATIONS);
    const ctx = ctxOf(db);
    const q = async (m: string, input: object) => {
      const r = await dispatch(ctx, m, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { total: number; rows: Array<{ id: number }> };
    };
    expect((await q('clients.list', { q: '晋' })).rows.map((r) => r.id)).toEqual([1]);
    expect((await q('clients.list', { q: 'abc' })).rows.map((r) => r.id)).toEqual([2]);
    expect((await q('clients.list', { q: 'MA0K5' })).rows.map((r) => r.id)).toEqual([2]);
    expect((await q('notes.search', { q: '消防' })).total).toBe(1);

    // Triggers after the migration: insert, update, delete.
    db.prepare("UPDATE clients SET name = '太原新名称有限公司' WHERE id = 1").run();
    expect((await q('clients.list', { q: '晋祠' })).total).toBe(0);
    expect((await q('clients.list', { q: '新名称' })).total).toBe(1);
    db.prepare('DELETE FROM clients WHERE id = 1').run();
    expect((await q('notes.search', { q: '消防' })).total).toBe(0);
    expect((await q('clients.list', { q: '太原' })).total).toBe(0);
  });

  it('a write from a connection without the search functions fails (and writes nothing) instead of leaving the index stale', () => {
    const dir = testTempDir('icpdesk-0050-');
    const file = path.join(dir, 'db.sqlite');
    openDatabase(file).close();
    const plain = new Database(file);
    const now = '2026-11-01T02:00:00.000Z';
    expect(() => plain.prepare("INSERT INTO clients (name, uscc, city, created_at, updated_at) VALUES ('某公司', 'X', '太原市', ?, ?)").run(now, now)).toThrow(/icp_search_uni|icp_sort_key/);
    expect(plain.prepare('SELECT count(*) AS n FROM clients').get()).toEqual({ n: 0 });
    plain.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
