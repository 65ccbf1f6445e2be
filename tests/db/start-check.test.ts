import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CLEAN_SHUTDOWN_MARKER, closeDataFolder } from '../../db/backup/clean-shutdown';
import { openDataFolder, takeDeferredDailyBackup } from '../../db/backup/open-folder';
import { listBackups } from '../../db/backup/list';
import { checkCounts } from '../../db/open';
import { call, corruptMiddlePage, folderContext, tmpDir } from '../helpers/data';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/db/v60.sqlite');

/** A data folder holding a copy of the released v60 fixture as its database. */
function folderWithFixture(): { dataDir: string; dbPath: string } {
  const dataDir = tmpDir();
  const dbPath = path.join(dataDir, 'icp-desk.sqlite');
  fs.copyFileSync(FIXTURE, dbPath);
  return { dataDir, dbPath };
}

/** Whole-file checks run by `fn` (quick_check of the file, integrity_check of a backup copy). */
async function checksDuring<T>(fn: () => Promise<T>): Promise<{ result: T; quick: number; integrity: number }> {
  const before = { ...checkCounts };
  const result = await fn();
  return { result, quick: checkCounts.quick - before.quick, integrity: checkCounts.integrity - before.integrity };
}

/**
 * Damages a page the bounded check does not read (the last leaf of the materials table, several leaves in the fixture; since 0190 the
 * fixture's events fit in one page, which the check reads; it reads only the first row) of a
 * closed file, the way a failing disk does: content changes without a write, so the clean-shutdown marker still
 * matches the file's size and mtime afterwards.
 */
function damageWhileClosed(dataDir: string, dbPath: string): void {
  const raw = new Database(dbPath, { readonly: true });
  const page = raw.prepare("SELECT max(pageno) FROM dbstat WHERE name = 'materials' AND pagetype = 'leaf'").pluck().get() as number;
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  raw.close();
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
  const markerFile = path.join(dataDir, CLEAN_SHUTDOWN_MARKER);
  const st = fs.statSync(dbPath);
  fs.writeFileSync(markerFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(markerFile, 'utf8')), size: st.size, mtimeMs: st.mtimeMs }));
}

describe('start-up check (issue 16)', () => {
  it('a clean start of the v60 fixture runs no full check; an unclean start does', async () => {
    const { dataDir, dbPath } = folderWithFixture();
    // First start: no marker (the file was never closed by this app) → upgraded, read in full through the
    // pre-migration backup's check; the daily backup of the day follows.
    const first = await checksDuring(() => folderContext(dataDir, '2026-11-27T02:00:00Z'));
    expect(first.result.health?.state).toBe('ok');
    expect(first.quick + first.integrity).toBeGreaterThan(0);
    const clients = (await call(first.result, 'clients.list', {})).total;
    expect(clients).toBe(11);
    closeDataFolder(first.result.db, dbPath);
    expect(fs.existsSync(path.join(dataDir, CLEAN_SHUTDOWN_MARKER))).toBe(true);

    // Clean start the same day: bounded check only.
    const clean = await checksDuring(() => folderContext(dataDir, '2026-11-27T05:00:00Z'));
    expect(clean.result.health?.state).toBe('ok');
    expect({ quick: clean.quick, integrity: clean.integrity }).toEqual({ quick: 0, integrity: 0 });
    // The marker is consumed at the start: a crash from now on leaves none.
    expect(fs.existsSync(path.join(dataDir, CLEAN_SHUTDOWN_MARKER))).toBe(false);
    expect((await call(clean.result, 'clients.list', {})).total).toBe(11);
    // Unclean exit: the connection goes away without the marker (as after a crash or a killed process).
    clean.result.db.close();

    const unclean = await checksDuring(() => folderContext(dataDir, '2026-11-27T06:00:00Z'));
    expect(unclean.result.health?.state).toBe('ok');
    expect(unclean.quick).toBe(1);
    unclean.result.db.close();
  });

  it('after an unclean exit, the day’s first start reads the file once: the daily backup’s check is the full check', async () => {
    const { dataDir } = folderWithFixture();
    const first = await folderContext(dataDir, '2026-11-27T02:00:00Z');
    first.db.close(); // unclean
    const next = await checksDuring(() => folderContext(dataDir, '2026-11-28T02:00:00Z'));
    expect(next.result.health?.state).toBe('ok');
    expect({ quick: next.quick, integrity: next.integrity }).toEqual({ quick: 0, integrity: 1 });
    const daily = (await call(next.result, 'backup.list', {})).filter((b) => b.kind === 'daily').map((b) => b.createdAt);
    expect(daily).toContain('2026-11-28T02:00:00.000Z');
    next.result.db.close();
  });

  it('a file changed while the app was closed (after a clean close) opens on the recovery screen', async () => {
    const { dataDir, dbPath } = folderWithFixture();
    const first = await folderContext(dataDir, '2026-11-27T02:00:00Z');
    closeDataFolder(first.db, dbPath);
    corruptMiddlePage(dbPath);
    // Written later by something else: its mtime moves on.
    const later = new Date(fs.statSync(dbPath).mtimeMs + 60_000);
    fs.utimesSync(dbPath, later, later);
    const ctx = await folderContext(dataDir, '2026-11-27T05:00:00Z');
    expect(ctx.health).toMatchObject({ state: 'recovery', corruptFile: `${dbPath}.corrupt-20261127-130000` });
    expect(fs.existsSync(dbPath)).toBe(false);
    ctx.db.close();
  });

  it('a file damaged on disk while closed, size and mtime unchanged, opens on recovery at the next day’s start (the daily backup’s check finds it)', async () => {
    const { dataDir, dbPath } = folderWithFixture();
    const first = await folderContext(dataDir, '2026-11-27T02:00:00Z');
    closeDataFolder(first.db, dbPath);
    damageWhileClosed(dataDir, dbPath);
    // The same day, the bounded check cannot see the damaged page: the app opens.
    const sameDay = await folderContext(dataDir, '2026-11-27T05:00:00Z');
    expect(sameDay.health?.state).toBe('ok');
    closeDataFolder(sameDay.db, dbPath);
    const ctx = await folderContext(dataDir, '2026-11-28T02:00:00Z');
    expect(ctx.health).toMatchObject({ state: 'recovery', corruptFile: `${dbPath}.corrupt-20261128-100000` });
    // The newest good backup is the one from before the damage; the failed copy left nothing behind.
    const status = await call(ctx, 'backup.status', {});
    expect(status.recovery?.newestGood).toMatchObject({ clients: 11 });
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.includes('20261128'))).toEqual([]);
    ctx.db.close();
  });

  it('with deferDaily (the hosts), a clean start of a new day opens without copying the file; the backup follows in the background', async () => {
    const { dataDir, dbPath } = folderWithFixture();
    const open = async (iso: string) => openDataFolder({ dataDir, now: () => new Date(iso), deferDaily: true });
    const first = await open('2026-11-27T02:00:00Z'); // never closed by this app: full check through the backups, not deferred
    expect(first).toMatchObject({ checked: 'full', dailyDeferred: false });
    closeDataFolder(first.db, dbPath);
    const dailies = () => listBackups(path.join(dataDir, 'backups')).filter((b) => b.kind === 'daily').map((b) => b.createdAt);
    expect(dailies()).toEqual(['2026-11-27T02:00:00.000Z']);
    const next = await checksDuring(() => open('2026-11-28T02:00:00Z'));
    expect(next.result).toMatchObject({ checked: 'bounded', dailyDeferred: true, health: { state: 'ok' } });
    expect([next.quick, next.integrity]).toEqual([0, 0]);
    expect(dailies()).toEqual(['2026-11-27T02:00:00.000Z']); // nothing copied before the first request
    const ctx = { db: next.result.db, dataDir, now: () => new Date('2026-11-28T02:00:05Z') };
    expect(await takeDeferredDailyBackup(ctx)).toBe('taken'); // checked in a worker thread
    expect(dailies()).toEqual(['2026-11-28T02:00:05.000Z', '2026-11-27T02:00:00.000Z']);
    expect(await takeDeferredDailyBackup(ctx)).toBe('not-due');
    closeDataFolder(next.result.db, dbPath);
  });

  it('with deferDaily, a file damaged on disk while closed (size and mtime unchanged) fails the background backup and opens on recovery at the next start', async () => {
    const { dataDir, dbPath } = folderWithFixture();
    const first = await openDataFolder({ dataDir, now: () => new Date('2026-11-27T02:00:00Z'), deferDaily: true });
    closeDataFolder(first.db, dbPath);
    damageWhileClosed(dataDir, dbPath);
    const next = await openDataFolder({ dataDir, now: () => new Date('2026-11-28T02:00:00Z'), deferDaily: true });
    expect(next).toMatchObject({ checked: 'bounded', dailyDeferred: true, health: { state: 'ok' } });
    expect(await takeDeferredDailyBackup({ db: next.db, dataDir, now: () => new Date('2026-11-28T02:00:05Z') })).toBe('failed');
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.includes('20261128'))).toEqual([]);
    closeDataFolder(next.db, dbPath); // a normal quit, but no clean-shutdown marker: the next start reads the whole file
    expect(fs.existsSync(path.join(dataDir, CLEAN_SHUTDOWN_MARKER))).toBe(false);
    const after = await openDataFolder({ dataDir, now: () => new Date('2026-11-28T03:00:00Z'), deferDaily: true });
    expect(after).toMatchObject({ checked: 'full', health: { state: 'recovery', corruptFile: `${dbPath}.corrupt-20261128-110000` } });
    after.db.close();
  });
});
