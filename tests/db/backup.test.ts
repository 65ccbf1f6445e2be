import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupsDir, createBackup, pruneBackups } from '../../db/backup/create';
import { listBackups } from '../../db/backup/list';
import { SCHEMA_VERSION } from '../../db/migrations/index';
import { backupFileName } from '../../shared/domain/backups';
import { call, count, folderContext, sampleClient, tmpDir } from '../helpers/data';

describe('backups', () => {
  it('a backup taken right after 5 writes holds all 5 when opened alone (the WAL is included), sealed and checked', async () => {
    const dataDir = tmpDir();
    const ctx = await folderContext(dataDir);
    ctx.db.pragma('wal_autocheckpoint = 0'); // keep every write in the WAL, as between checkpoints
    const c1 = await call(ctx, 'clients.create', { client: sampleClient(1) });
    await call(ctx, 'clients.create', { client: sampleClient(2) });
    await call(ctx, 'clients.create', { client: sampleClient(3) });
    await call(ctx, 'notes.create', { clientId: c1.client.id, date: '2026-11-27', body: '第四次写入：进度记录' });
    await call(ctx, 'clients.setStage', { id: c1.client.id, stage: 'materials', date: '2026-11-27' });
    expect(fs.statSync(`${ctx.dbPath}-wal`).size).toBeGreaterThan(0);

    const b = await call(ctx, 'backup.create', {});
    expect(b).toMatchObject({ kind: 'manual', clients: 3, schemaVersion: SCHEMA_VERSION, ok: true, name: 'icp-desk-20261127-100000-manual.sqlite' });

    // Opened alone: copied to a folder of its own, no -wal beside it.
    const alone = path.join(tmpDir(), 'alone.sqlite');
    fs.copyFileSync(path.join(backupsDir(dataDir), b.name), alone);
    const db = new Database(alone, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.pragma('application_id', { simple: true })).toBe(0x49435044); // 'ICPD' in ASCII (db/open.ts), not the module's own constant
    expect(count(db, 'clients')).toBe(3);
    expect(db.prepare("SELECT body FROM notes").all()).toEqual([{ body: '第四次写入：进度记录' }]);
    expect(db.prepare('SELECT stage FROM clients WHERE id = ?').get(c1.client.id)).toEqual({ stage: 'materials' });
    db.close();
    expect(fs.readdirSync(backupsDir(dataDir)).filter((f) => f.includes('partial') || f.endsWith('-wal') || f.endsWith('-journal'))).toEqual([]);
    ctx.db.close();
  });

  it('lists backups newest first with date, size and client count; same-second backups get distinct names', async () => {
    const ctx = await folderContext(tmpDir());
    await call(ctx, 'clients.create', { client: sampleClient(1) });
    const a = await call(ctx, 'backup.create', {});
    await call(ctx, 'clients.create', { client: sampleClient(2) });
    const b = await call(ctx, 'backup.create', {});
    expect(b.name).toBe('icp-desk-20261127-100000-2-manual.sqlite');
    ctx.setNow('2026-11-28T01:00:00Z');
    const c = await call(ctx, 'backup.create', {});
    const list = await call(ctx, 'backup.list', {});
    expect(list.map((x) => [x.name, x.clients])).toEqual([[c.name, 2], [b.name, 2], [a.name, 1]]);
    expect(list[0].createdAt).toBe('2026-11-28T01:00:00.000Z');
    expect(list.every((x) => x.size > 4096 && x.ok)).toBe(true);
    ctx.db.close();
  });

  it('backups of different kinds taken in the same second list in the order they were taken', async () => {
    const ctx = await folderContext(tmpDir());
    await call(ctx, 'clients.create', { client: sampleClient(1) });
    const dir = backupsDir(ctx.dataDir);
    const a = await createBackup(ctx.db, dir, 'pre-restore', ctx.now());
    const b = await createBackup(ctx.db, dir, 'manual', ctx.now());
    const old = new Date(Date.now() - 5000);
    fs.utimesSync(path.join(dir, a.name), old, old);
    expect(listBackups(dir).map((x) => x.kind)).toEqual(['manual', 'pre-restore']);
    fs.utimesSync(path.join(dir, b.name), new Date(Date.now() - 9000), new Date(Date.now() - 9000));
    expect(listBackups(dir).map((x) => x.name)).toEqual([a.name, b.name]);
    ctx.db.close();
  });

  it('start-up backup: none for a new database, then at most one a day', async () => {
    const dataDir = tmpDir();
    let ctx = await folderContext(dataDir, '2026-11-27T02:00:00Z');
    await call(ctx, 'clients.create', { client: sampleClient(1) });
    expect(listBackups(backupsDir(dataDir))).toEqual([]);
    ctx.db.close();
    ctx = await folderContext(dataDir, '2026-11-27T03:00:00Z');
    ctx.db.close();
    ctx = await folderContext(dataDir, '2026-11-27T15:59:00Z'); // 23:59 in China: same day
    ctx.db.close();
    expect(listBackups(backupsDir(dataDir)).map((b) => b.name)).toEqual(['icp-desk-20261127-110000-daily.sqlite']);
    ctx = await folderContext(dataDir, '2026-11-27T16:00:00Z'); // 00:00 on the 28th in China
    expect(listBackups(backupsDir(dataDir)).map((b) => [b.kind, b.createdAt, b.clients])).toEqual([
      ['daily', '2026-11-27T16:00:00.000Z', 1],
      ['daily', '2026-11-27T03:00:00.000Z', 1],
    ]);
    ctx.db.close();
  });

  it('prunes by the retention rule and never touches files it did not write', async () => {
    const ctx = await folderContext(tmpDir());
    const dir = backupsDir(ctx.dataDir);
    fs.mkdirSync(dir, { recursive: true });
    // 40 old daily backups (one a day) and 12 manual ones, as empty placeholder files.
    for (let d = 0; d < 40; d++) fs.writeFileSync(path.join(dir, backupFileName('daily', new Date(Date.UTC(2026, 8, 1 + d, 2)))), '');
    for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(dir, backupFileName('manual', new Date(Date.UTC(2026, 6, 1 + i, 2)))), '');
    fs.writeFileSync(path.join(dir, '我的备份.sqlite'), 'x');
    fs.writeFileSync(path.join(dir, 'icp-desk-old.sqlite'), 'x');
    // Leftovers of an interrupted backup / restore: removed once older than a minute, a running one is left alone.
    const old = new Date(Date.now() - 120_000);
    for (const f of ['.icp-desk-20261127-100000-manual.sqlite.ab12.partial', '.staging-0a1b2c.sqlite']) {
      fs.writeFileSync(path.join(dir, f), 'x');
      fs.utimesSync(path.join(dir, f), old, old);
    }
    fs.writeFileSync(path.join(dir, '.staging-ffff.sqlite'), 'x');
    const deleted = pruneBackups(dir);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual(['.staging-ffff.sqlite']);
    fs.rmSync(path.join(dir, '.staging-ffff.sqlite'));
    const left = fs.readdirSync(dir).sort();
    expect(left).toContain('我的备份.sqlite');
    expect(left).toContain('icp-desk-old.sqlite');
    // 14 newest days (Sep 27 … Oct 10) + the oldest of each month (Sep 1; Oct 1 is among the 14) = 15 daily; 10 manual.
    expect(left.filter((f) => f.endsWith('-daily.sqlite'))).toHaveLength(15);
    expect(left.filter((f) => f.endsWith('-manual.sqlite'))).toHaveLength(10);
    expect(left).toContain('icp-desk-20260901-100000-daily.sqlite');
    expect(left).toContain('icp-desk-20261001-100000-daily.sqlite');
    expect(deleted).toHaveLength(40 - 15 + 2);
    // A new backup prunes as well.
    await createBackup(ctx.db, dir, 'manual', ctx.now());
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('-manual.sqlite'))).toHaveLength(10);
    ctx.db.close();
  });
});
