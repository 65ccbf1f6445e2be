import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupsDir } from '../../db/backup/create';
import { RECOVERY_MARKER } from '../../db/backup/recovery';
import { dispatch } from '../../db/dispatch';
import { SCHEMA_VERSION } from '../../db/migrations/index';
import { openDatabase } from '../../db/open';
import { call, count, dumpTables, folderContext, sampleClient, tmpDir, type TestCtx } from '../helpers/data';

const b64 = (file: string) => fs.readFileSync(file).toString('base64');

/** A context with `n` clients (one note on the first). */
async function withClients(n: number, dataDir = tmpDir()): Promise<TestCtx> {
  const ctx = await folderContext(dataDir);
  for (let i = 1; i <= n; i++) await call(ctx, 'clients.create', { client: sampleClient(i) });
  await call(ctx, 'notes.create', { clientId: 1, date: '2026-11-26', body: '已提交材料' });
  return ctx;
}

/** The backup opened alone, dumped. */
function dumpFile(file: string) {
  const db = new Database(file, { readonly: true });
  try { return dumpTables(db); } finally { db.close(); }
}

describe('restore', () => {
  it('restores a listed backup in place: same context keeps working, a pre-restore backup holds what was replaced', async () => {
    const ctx = await withClients(5);
    const b = await call(ctx, 'backup.create', {});
    const expected = dumpFile(path.join(backupsDir(ctx.dataDir), b.name));
    for (let i = 6; i <= 8; i++) await call(ctx, 'clients.create', { client: sampleClient(i) });
    ctx.setNow('2026-11-27T03:00:00Z');
    const oldDb = ctx.db;

    const preview = await call(ctx, 'backup.preview', { name: b.name });
    expect(preview).toMatchObject({ source: b.name, clients: 5, notes: 1, materials: 85, schemaVersion: SCHEMA_VERSION, needsUpgrade: false, createdAt: '2026-11-27T02:00:00.000Z' });
    expect(preview.lastChange).toMatch(/^2026-11-27T02:00/);

    const r = await call(ctx, 'backup.restore', { name: b.name });
    expect(r.restored.clients).toBe(5);
    expect(r.preRestore).toMatchObject({ kind: 'pre-restore', clients: 8, name: 'icp-desk-20261127-110000-pre-restore.sqlite' });
    expect(oldDb.open).toBe(false);
    expect(ctx.db).not.toBe(oldDb);
    expect(dumpTables(ctx.db)).toEqual(expected);
    expect(ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // The same context serves on: reads and writes go to the restored database.
    expect((await call(ctx, 'clients.list', {})).total).toBe(5);
    await call(ctx, 'clients.create', { client: sampleClient(9) });
    expect(count(ctx.db, 'clients')).toBe(6);
    // The pre-restore backup holds the 8 clients that were replaced.
    expect(dumpFile(path.join(backupsDir(ctx.dataDir), r.preRestore!.name)).clients).toHaveLength(8);
    ctx.db.close();
  });

  it('restores from a picked file (bytes), with the same checks and preview', async () => {
    const src = await withClients(2);
    const b = await call(src, 'backup.create', {});
    const file = path.join(backupsDir(src.dataDir), b.name);
    const ctx = await withClients(4);
    const p = await call(ctx, 'backup.previewFile', { fileName: '客户备份.sqlite', dataBase64: b64(file) });
    expect(p).toMatchObject({ source: '客户备份.sqlite', createdAt: null, clients: 2 });
    const r = await call(ctx, 'backup.restoreFile', { fileName: '客户备份.sqlite', dataBase64: b64(file) });
    expect(r.preRestore?.clients).toBe(4);
    expect(dumpTables(ctx.db)).toEqual(dumpFile(file));
    src.db.close();
    ctx.db.close();
  });

  it('a restore with stale -wal/-shm files beside the target gives exactly the backup’s content', async () => {
    // The backup to restore.
    const dataDir = tmpDir();
    const ctx0 = await withClients(3, dataDir);
    const b = await call(ctx0, 'backup.create', {});
    const expected = dumpFile(path.join(backupsDir(dataDir), b.name));
    ctx0.db.close();
    // Stale WAL files: committed frames of ANOTHER database (7 clients), never checkpointed.
    const other = await withClients(7);
    other.db.pragma('wal_autocheckpoint = 0');
    for (let i = 20; i < 30; i++) await call(other, 'clients.create', { client: sampleClient(i) });
    const staleWal = fs.readFileSync(`${other.dbPath}-wal`);
    const staleShm = fs.readFileSync(`${other.dbPath}-shm`);
    expect(staleWal.length).toBeGreaterThan(32);
    other.db.close();
    // The target was damaged and set aside (recovery), leaving those stale files beside its path.
    fs.renameSync(ctx0.dbPath, `${ctx0.dbPath}.corrupt-test`);
    fs.writeFileSync(path.join(dataDir, RECOVERY_MARKER), JSON.stringify({ corruptFile: `${ctx0.dbPath}.corrupt-test`, reason: 'test', detectedAt: '2026-11-27T02:00:00.000Z' }));
    fs.writeFileSync(`${ctx0.dbPath}-wal`, staleWal);
    fs.writeFileSync(`${ctx0.dbPath}-shm`, staleShm);

    const ctx = await folderContext(dataDir);
    expect(ctx.health?.state).toBe('recovery');
    const r = await call(ctx, 'backup.restore', { name: b.name });
    expect(r.preRestore).toBeNull();
    expect(ctx.health?.state).toBe('ok');
    expect(dumpTables(ctx.db)).toEqual(expected);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    ctx.db.close();
    // Reopened from disk: still exactly the backup.
    const again = openDatabase(ctx.dbPath);
    expect(dumpTables(again)).toEqual(expected);
    again.close();
    expect(fs.existsSync(path.join(dataDir, RECOVERY_MARKER))).toBe(false);
  });

  it('refuses files that are not ours, damaged or newer, before changing anything', async () => {
    const ctx = await withClients(2);
    const before = dumpTables(ctx.db);
    const dir = tmpDir();
    const refuse = async (name: string, bytes: Buffer, code: string, message: RegExp) => {
      const r = await dispatch(ctx, 'backup.restoreFile', { fileName: name, dataBase64: bytes.toString('base64') });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toMatch(message);
      }
    };
    await refuse('客户台账.xlsx', fs.readFileSync(path.join(import.meta.dirname, '../fixtures/客户台账.xlsx')), 'BAD_FILE', /不是 SQLite/);
    // Another program's SQLite file.
    const foreign = path.join(dir, 'foreign.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
    f.pragma('application_id = 305419896');
    f.close();
    await refuse('foreign.sqlite', fs.readFileSync(foreign), 'BAD_FILE', /其他程序/);
    // SQLite, no application id, but not our tables.
    const plain = path.join(dir, 'plain.sqlite');
    const p = new Database(plain);
    p.exec('CREATE TABLE clients(x); INSERT INTO clients VALUES (1)');
    p.close();
    await refuse('plain.sqlite', fs.readFileSync(plain), 'BAD_FILE', /缺少客户/);
    // From a newer version.
    const b = await call(ctx, 'backup.create', {});
    const newer = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(path.join(backupsDir(ctx.dataDir), b.name), newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${SCHEMA_VERSION + 10}`);
    n.close();
    await refuse('newer.sqlite', fs.readFileSync(newer), 'CONFLICT', /更新版本/);
    // Damaged.
    const { corruptMiddlePage } = await import('../helpers/data');
    const bad = path.join(dir, 'bad.sqlite');
    fs.copyFileSync(path.join(backupsDir(ctx.dataDir), b.name), bad);
    corruptMiddlePage(bad);
    await refuse('bad.sqlite', fs.readFileSync(bad), 'BAD_FILE', /损坏/);
    // Not a listed backup name (no paths from the renderer).
    const r = await dispatch(ctx, 'backup.restore', { name: '../icp-desk.sqlite' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const missing = await dispatch(ctx, 'backup.restore', { name: 'icp-desk-20200101-000000-manual.sqlite' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expect(dumpTables(ctx.db)).toEqual(before);
    expect((await call(ctx, 'backup.list', {})).map((x) => x.kind)).toEqual(['manual']); // no pre-restore backups
    expect(fs.readdirSync(backupsDir(ctx.dataDir)).filter((x) => x.startsWith('.'))).toEqual([]); // no staging left
    ctx.db.close();
  });

  it('upgrades an older version’s database when restoring it (every fixture under tests/fixtures/db)', async () => {
    const fixtures = fs.readdirSync(path.join(import.meta.dirname, '../fixtures/db')).filter((f) => /^v\d+\.sqlite$/.test(f));
    expect(fixtures.length).toBeGreaterThan(0);
    for (const fx of fixtures) {
      const file = path.join(import.meta.dirname, '../fixtures/db', fx);
      const src = new Database(file, { readonly: true });
      const version = src.pragma('user_version', { simple: true }) as number;
      const clients = count(src, 'clients');
      const notes = count(src, 'notes');
      src.close();
      const ctx = await withClients(1);
      const p = await call(ctx, 'backup.previewFile', { fileName: fx, dataBase64: b64(file) });
      expect(p).toMatchObject({ schemaVersion: version, needsUpgrade: version < SCHEMA_VERSION, clients, notes });
      await call(ctx, 'backup.restoreFile', { fileName: fx, dataBase64: b64(file) });
      expect(ctx.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(count(ctx.db, 'clients')).toBe(clients);
      expect(ctx.db.pragma('foreign_key_check')).toEqual([]);
      ctx.db.close();
    }
  });
});
