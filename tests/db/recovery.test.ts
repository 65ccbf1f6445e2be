import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { RECOVERY_MARKER } from '../../db/backup/recovery';
import { dispatch } from '../../db/dispatch';
import { SCHEMA_VERSION } from '../../db/migrations/index';
import { call, corruptMiddlePage, count, folderContext, sampleClient, tmpDir } from '../helpers/data';

/** A data folder with 20 clients, a daily backup of 12 of them (taken at the second start) and 8 more after it. */
async function folderWithBackup() {
  const dataDir = tmpDir();
  let ctx = await folderContext(dataDir, '2026-11-26T02:00:00Z');
  for (let i = 1; i <= 12; i++) await call(ctx, 'clients.create', { client: sampleClient(i) });
  ctx.db.close();
  ctx = await folderContext(dataDir, '2026-11-27T01:00:00Z'); // takes the daily backup (12 clients)
  for (let i = 13; i <= 20; i++) await call(ctx, 'clients.create', { client: sampleClient(i) });
  ctx.db.close();
  return { dataDir, dbPath: ctx.dbPath };
}

describe('corruption recovery', () => {
  it('a damaged file is set aside (renamed, never deleted), the app starts in recovery and restores the newest good backup', async () => {
    const { dataDir, dbPath } = await folderWithBackup();
    corruptMiddlePage(dbPath);
    const damaged = fs.readFileSync(dbPath);

    const ctx = await folderContext(dataDir, '2026-11-29T02:15:00Z');
    expect(ctx.health).toMatchObject({ state: 'recovery', corruptFile: `${dbPath}.corrupt-20261129-101500` });
    expect(fs.existsSync(dbPath)).toBe(false);
    expect(fs.readFileSync(`${dbPath}.corrupt-20261129-101500`).equals(damaged)).toBe(true);
    expect((await call(ctx, 'app.info', {})).state).toBe('recovery');
    // Only recovery methods work.
    for (const m of ['clients.list', 'backup.create', 'data.exportJson', 'data.importJson'] as const) {
      expect(await dispatch(ctx, m, {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    }
    const status = await call(ctx, 'backup.status', {});
    expect(status.recovery).toMatchObject({ corruptFile: `${dbPath}.corrupt-20261129-101500`, detectedAt: '2026-11-29T02:15:00.000Z' });
    expect(status.recovery?.newestGood).toMatchObject({ kind: 'daily', clients: 12, createdAt: '2026-11-27T01:00:00.000Z' });
    expect(status.recovery?.reason).toMatch(/损坏|malformed|Page/i);
    ctx.db.close();

    // Quitting at the recovery screen and starting again: still recovery, nothing created, no loop.
    const again = await folderContext(dataDir, '2026-11-29T03:00:00Z');
    expect(again.health).toMatchObject({ state: 'recovery', corruptFile: `${dbPath}.corrupt-20261129-101500` });
    expect(fs.existsSync(dbPath)).toBe(false);

    const r = await call(again, 'backup.restore', { name: status.recovery!.newestGood!.name });
    expect(r).toMatchObject({ preRestore: null, restored: { clients: 12 } });
    expect((await call(again, 'app.info', {})).state).toBe('ok');
    expect((await call(again, 'clients.list', {})).total).toBe(12);
    expect(fs.existsSync(path.join(dataDir, RECOVERY_MARKER))).toBe(false);
    expect(fs.existsSync(`${dbPath}.corrupt-20261129-101500`)).toBe(true);
    again.db.close();
    // The next start is normal.
    const later = await folderContext(dataDir, '2026-11-29T04:00:00Z');
    expect(later.health?.state).toBe('ok');
    expect(count(later.db, 'clients')).toBe(12);
    later.db.close();
  });

  it('a file that is not a database at all also leads to recovery; "start empty" begins a new database', async () => {
    const dataDir = tmpDir();
    fs.writeFileSync(path.join(dataDir, 'icp-desk.sqlite'), Buffer.alloc(8192, 0x41));
    const ctx = await folderContext(dataDir);
    expect(ctx.health?.state).toBe('recovery');
    expect((await call(ctx, 'backup.status', {})).recovery?.newestGood).toBeNull();
    await call(ctx, 'backup.startEmpty', {});
    expect(ctx.health?.state).toBe('ok');
    await call(ctx, 'clients.create', { client: sampleClient(1) });
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
    expect(await dispatch(ctx, 'backup.startEmpty', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    ctx.db.close();
  });

  it('a newer version’s database is not opened and not changed: state "newer", only status methods answer', async () => {
    const dataDir = tmpDir();
    const file = path.join(dataDir, 'icp-desk.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE clients (id INTEGER PRIMARY KEY)');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 10}`);
    raw.close();
    const before = fs.readFileSync(file);
    const ctx = await folderContext(dataDir);
    expect(ctx.health).toEqual({ state: 'newer', found: SCHEMA_VERSION + 10, supported: SCHEMA_VERSION });
    expect((await call(ctx, 'app.info', {})).state).toBe('newer');
    expect((await call(ctx, 'backup.status', {})).newer).toEqual({ found: SCHEMA_VERSION + 10, supported: SCHEMA_VERSION });
    for (const m of ['clients.list', 'backup.list', 'backup.restore', 'backup.startEmpty'] as const) {
      expect(await dispatch(ctx, m, { name: 'icp-desk-20261127-100000-manual.sqlite' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    }
    ctx.db.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(['icp-desk.sqlite']);
  });
});
