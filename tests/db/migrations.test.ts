import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, NewerDatabaseError, openDatabase, type DB } from '../../db/open';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from '../../db/migrations/index';
import { openWithBackup } from '../../db/backup/open-folder';
import { listBackups } from '../../db/backup/list';
import { rowCounts } from '../../db/export/tables';
import { sampleUscc } from '../helpers/data';
import { testTempDir } from '../helpers/temp-dirs';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/db');

/**
 * Tables whose rows a migration may ADD (seed data such as new template items). Every other table must keep its
 * row count through every migration. A migration that intentionally adds rows to another table lists it here.
 */
const SEEDED_BY_MIGRATIONS = new Set(['material_template']);

function tmpFile() {
  return path.join(testTempDir('icpdesk-mig-'), 'db.sqlite');
}

/** A migration that does real work (new table, altered table, many changed pages) and then fails. */
const failing: Migration = {
  version: SCHEMA_VERSION + 10,
  name: 'forced-failure',
  up(db) {
    db.pragma('cache_size = 5'); // small cache: changed pages spill to the file before the failure
    db.exec('CREATE TABLE tmp_forced (id INTEGER PRIMARY KEY, v TEXT) STRICT');
    db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO tmp_forced (v) SELECT hex(randomblob(100)) FROM n");
    db.exec('ALTER TABLE clients ADD COLUMN forced TEXT');
    db.exec("UPDATE materials SET note = hex(randomblob(200))");
    throw new Error('forced failure mid-migration');
  },
};

/** Sample rows written with the columns of schema 10 (present in every later version: columns are only added). */
function insertV10Rows(db: DB): void {
  const now = '2026-01-05T02:00:00.000Z';
  for (let i = 1; i <= 3; i++) {
    db.prepare(`INSERT INTO clients (id, name, uscc, city, search_text, created_at, updated_at, materials_total) VALUES (?, ?, ?, '太原市', '', ?, ?, 17)`)
      .run(i, `太原迁移测试有限公司${i}`, sampleUscc(900 + i), now, now);
    const v190 = Boolean(db.prepare("SELECT 1 FROM pragma_table_info('events') WHERE name = 'kind_code'").get());
    db.prepare(`INSERT INTO materials (client_id, item_key, group_key, title, hint, sort, ${v190 ? 'updated_ms' : 'updated_at'})
                SELECT ?, key, group_key, title, hint, sort, ? FROM material_template`).run(i, now);
    // From 0190 the stored columns are written (text is a valid stored value of each; the recorded columns are
    // generated from them).
    db.prepare(`INSERT INTO notes (client_id, note_date, body, ${v190 ? 'created_ms, updated_ms' : 'created_at, updated_at'}) VALUES (?, ?, ?, ?, ?)`).run(i, '2026-01-05', `进度${i}`, now, now);
    db.prepare(`INSERT INTO events (client_id, at, ${v190 ? 'on_code, kind_code, new_code' : 'occurred_on, kind, new_value'}) VALUES (?, ?, '2026-01-05', 'client.create', ?)`).run(i, now, `太原迁移测试有限公司${i}`);
  }
}

/** Row counts after migrating equal those before (seeded tables may grow); FKs clean; integrity ok. */
function expectMigratedIntact(db: DB, before: Map<string, number>): void {
  expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  const after = rowCounts(db);
  for (const [table, n] of before) {
    if (SEEDED_BY_MIGRATIONS.has(table)) expect(after.get(table), table).toBeGreaterThanOrEqual(n);
    else expect(after.get(table), table).toBe(n);
  }
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}

function fixtures(): string[] {
  return fs.readdirSync(FIXTURES).filter((f) => /^v\d+\.sqlite$/.test(f)).sort((a, b) => parseInt(a.slice(1)) - parseInt(b.slice(1)));
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

  it('0020 on a database at version 10: adds weekly_next_steps (STRICT, cascade on client delete), keeps the data', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
    db.prepare("INSERT INTO clients (name, uscc, city, created_at, updated_at) VALUES ('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', '太原市', 'x', 'x')").run();
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 20))).toEqual([20]);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect((db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n).toBe(1);
    expect((db.prepare("SELECT strict FROM pragma_table_list WHERE name='weekly_next_steps'").get() as { strict: number }).strict).toBe(1);
    db.prepare("INSERT INTO weekly_next_steps (client_id, week, body, updated_at) VALUES (1, '2026-W48', '提交消防证明', 'x')").run();
    expect(() => db.prepare("INSERT INTO weekly_next_steps (client_id, week, body, updated_at) VALUES (1, '2026-W48', '重复', 'x')").run()).toThrow(/UNIQUE|PRIMARY/);
    db.prepare('DELETE FROM clients').run();
    expect((db.prepare('SELECT count(*) n FROM weekly_next_steps').get() as { n: number }).n).toBe(0);
  });

  it('0060 on a database at the version before it: adds legal_rep_id_number, keeps the data', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 60));
    db.prepare("INSERT INTO clients (name, uscc, city, created_at, updated_at) VALUES ('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', '太原市', 'x', 'x')").run();
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 60))).toEqual([60]);
    expect(db.prepare('SELECT name, legal_rep_id_number FROM clients').get()).toEqual({ name: '太原晋祠兴旅游服务有限公司', legal_rep_id_number: null });
  });

  it('openDatabase migrates to the latest version with foreign keys on', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('uses WAL on a file database and is idempotent on reopen; sets the application id on files made before it existed', () => {
    const f = tmpFile();
    openDatabase(f).close();
    const raw = new Database(f);
    raw.pragma('application_id = 0');
    raw.close();
    const db = openDatabase(f);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('application_id', { simple: true })).toBe(0x49435044); // 'ICPD' in ASCII (db/open.ts), not the module's own constant
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('a fixture exists for the current schema version (run scripts/build-db-fixture.ts when releasing a new one)', () => {
    expect(fixtures()).toContain(`v${SCHEMA_VERSION}.sqlite`);
  });

  it('every released version’s fixture migrates to the newest schema with row counts unchanged and foreign keys clean', async () => {
    for (const fx of fixtures()) {
      const f = tmpFile();
      fs.copyFileSync(path.join(FIXTURES, fx), f);
      const raw = new Database(f, { readonly: true });
      const version = raw.pragma('user_version', { simple: true }) as number;
      const before = rowCounts(raw);
      raw.close();
      expect(before.get('clients'), fx).toBeGreaterThan(0);
      const backups = path.join(path.dirname(f), 'backups');
      const db = await openWithBackup(f, backups, () => new Date('2026-11-27T02:00:00Z'));
      expectMigratedIntact(db, before);
      db.close();
      // A pre-migration backup exactly when there was something to migrate.
      expect(listBackups(backups).map((b) => [b.kind, b.schemaVersion]), fx).toEqual(version < SCHEMA_VERSION ? [['pre-migration', version]] : []);
    }
  });

  it('a database built at every schema version (each prefix of MIGRATIONS) migrates to the newest with rows intact', () => {
    for (let i = 0; i < MIGRATIONS.length; i++) {
      const db = new Database(tmpFile());
      db.pragma('foreign_keys = ON');
      migrate(db, MIGRATIONS.slice(0, i + 1));
      insertV10Rows(db);
      const before = rowCounts(db);
      migrate(db);
      expectMigratedIntact(db, before);
      db.close();
    }
  }, 30_000); // one database per schema version: several seconds on a loaded 2-core machine

  it('a failure mid-migration leaves the file byte-identical (rollback-journal and WAL files)', async () => {
    for (const wal of [false, true]) {
      const f = tmpFile();
      fs.copyFileSync(path.join(FIXTURES, `v${SCHEMA_VERSION}.sqlite`), f);
      if (wal) openDatabase(f).close(); // as the app leaves it: WAL mode, application id set
      const before = fs.readFileSync(f);
      expect(() => openDatabase(f, { migrations: [...MIGRATIONS, failing] })).toThrow('forced failure mid-migration');
      expect(fs.readFileSync(f).equals(before), `wal=${wal}`).toBe(true);
      expect(fs.existsSync(`${f}-journal`)).toBe(false);
      // The host's path takes a pre-migration backup first, then fails the same way.
      const backups = path.join(path.dirname(f), 'backups');
      await expect(openWithBackup(f, backups, () => new Date('2026-11-27T02:00:00Z'), [...MIGRATIONS, failing])).rejects.toThrow('forced failure');
      expect(fs.readFileSync(f).equals(before), `wal=${wal}`).toBe(true);
      expect(listBackups(backups).map((b) => b.kind)).toEqual(['pre-migration']);
      const db = openDatabase(f);
      expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name = 'tmp_forced'").get()).toEqual({ n: 0 });
      db.close();
    }
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

  it('a migration that leaves broken references is rolled back', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.prepare("INSERT INTO clients (name, uscc, city, created_at, updated_at) VALUES ('某公司', 'X', '太原市', 'a', 'a')").run();
    const orphaning: Migration = { version: SCHEMA_VERSION + 10, name: 'orphans', up: (d) => { d.pragma('defer_foreign_keys = ON'); d.exec("INSERT INTO notes (client_id, note_date, body, created_ms, updated_ms) VALUES (999, '2026-01-01', 'x', 'a', 'a')"); } };
    expect(() => migrate(db, [...MIGRATIONS, orphaning])).toThrow(/外键/);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) n FROM notes').get()).toEqual({ n: 0 });
  });
});
