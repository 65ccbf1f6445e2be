import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, NewerDatabaseError, openDatabase } from '../../db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrations/index';

function tmpFile() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'icpdesk-mig-')), 'db.sqlite');
}

describe('migrations', () => {
  it('0010 from empty: creates the tables, seeds the 17-item template, sets user_version', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['clients', 'materials', 'material_template', 'notes', 'events', 'clients_fts']));
    expect((db.prepare('SELECT count(*) n FROM material_template').get() as { n: number }).n).toBe(17);
    const strict = db.prepare("SELECT strict FROM pragma_table_list WHERE name='clients'").get() as { strict: number };
    expect(strict.strict).toBe(1);
  });

  it('openDatabase migrates to the latest version with foreign keys on', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('uses WAL on a file database and is idempotent on reopen', () => {
    const f = tmpFile();
    openDatabase(f).close();
    const db = openDatabase(f);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer version and leaves it unchanged', () => {
    const f = tmpFile();
    const raw = new Database(f);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 10}`);
    raw.close();
    const before = fs.readFileSync(f);
    expect(() => openDatabase(f)).toThrow(NewerDatabaseError);
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  it('a failing migration rolls back every pending step', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 10, name: 'broken', up: () => { throw new Error('boom'); } }];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name='clients'").get()).toEqual({ n: 0 });
  });
});
