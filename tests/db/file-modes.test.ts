/**
 * The data folder is private (issue 15, item 7): folders 0700 and files 0600 after creating the data, taking
 * backups, restoring, saving an export, and setting a damaged database aside — whatever the process umask (this test
 * runs with the default 022: the modes come from the chmod on create, not from the host's umask 077).
 */
import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { backupsDir } from '../../db/backup/create';
import { RECOVERY_MARKER } from '../../db/backup/recovery';
import { registerHostIpc } from '../../electron/host-ipc';
import { call, corruptMiddlePage, folderContext, sampleClient, tmpDir } from '../helpers/data';

const mode = (f: string) => fs.statSync(f).mode & 0o777;

/** Every file and folder under `dir` with a mode other than 0600 (files) / 0700 (folders), as "path mode". */
function notPrivate(dir: string): string[] {
  const bad: string[] = [];
  const walk = (d: string) => {
    if (mode(d) !== 0o700) bad.push(`${path.relative(dir, d) || '.'} ${mode(d).toString(8)}`);
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (mode(f) !== 0o600) bad.push(`${path.relative(dir, f)} ${mode(f).toString(8)}`);
    }
  };
  walk(dir);
  return bad;
}

describe('data folder modes', () => {
  const umask = process.umask();
  it('runs under a permissive umask (so the chmods are what is tested)', () => {
    expect(umask & 0o077).not.toBe(0o077);
  });

  it('folder 0700, database, WAL, SHM, backups and restore leftovers 0600', async () => {
    const parent = tmpDir();
    const dataDir = path.join(parent, 'ICPDesk'); // created by the app, not by mkdtemp (which makes 0700 itself)
    const ctx = await folderContext(dataDir);
    await call(ctx, 'clients.create', { client: sampleClient(1) });
    expect(fs.existsSync(`${ctx.dbPath}-wal`)).toBe(true);
    expect(fs.existsSync(`${ctx.dbPath}-shm`)).toBe(true);
    expect(notPrivate(dataDir)).toEqual([]);

    const b = await call(ctx, 'backup.create', {});
    expect(mode(backupsDir(dataDir))).toBe(0o700);
    expect(mode(path.join(backupsDir(dataDir), b.name))).toBe(0o600);
    await call(ctx, 'backup.restore', { name: b.name });
    await call(ctx, 'clients.create', { client: sampleClient(2) });
    expect(notPrivate(dataDir)).toEqual([]);
    ctx.db.close();

    // Starting again (the daily backup) keeps it so.
    const again = await folderContext(dataDir, '2026-11-28T02:00:00.000Z');
    expect((await call(again, 'backup.list', {})).map((x) => x.kind)).toContain('daily');
    expect(notPrivate(dataDir)).toEqual([]);
    again.db.close();
  });

  it('another OS user cannot read the database or a backup (as nobody, where the test runs as root)', async () => {
    const parent = tmpDir();
    fs.chmodSync(parent, 0o755); // only the app's own modes stand between the other user and the data
    const dataDir = path.join(parent, 'ICPDesk');
    const ctx = await folderContext(dataDir);
    await call(ctx, 'clients.create', { client: sampleClient(1) });
    const b = await call(ctx, 'backup.create', {});
    const asOther = process.getuid?.() === 0 && fs.existsSync('/usr/bin/setpriv');
    const readAs = (file: string) =>
      asOther
        ? spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '/bin/cat', file]).status
        : (() => { try { fs.accessSync(file, fs.constants.R_OK); return mode(file) & 0o044 ? 0 : 1; } catch { return 1; } })();
    // The check can see a readable file: a 0644 file in a 0755 folder is read by the other user.
    const open = path.join(parent, 'readable.txt');
    fs.writeFileSync(open, 'x', { mode: 0o644 });
    fs.chmodSync(open, 0o644);
    expect(readAs(open)).toBe(0);
    for (const f of [ctx.dbPath, `${ctx.dbPath}-wal`, path.join(backupsDir(dataDir), b.name)]) expect(readAs(f), f).not.toBe(0);
    ctx.db.close();
  });

  it('a folder left 0755 / 0644 by an older version is tightened at start', async () => {
    const dataDir = path.join(tmpDir(), 'ICPDesk');
    const ctx = await folderContext(dataDir);
    await call(ctx, 'backup.create', {});
    ctx.db.close();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(backupsDir(dataDir), 0o755);
    for (const f of fs.readdirSync(backupsDir(dataDir))) fs.chmodSync(path.join(backupsDir(dataDir), f), 0o644);
    fs.chmodSync(ctx.dbPath, 0o644);
    const again = await folderContext(dataDir);
    expect(notPrivate(dataDir)).toEqual([]);
    again.db.close();
  });

  it('a damaged database set aside (.corrupt-*) and the recovery marker are 0600', async () => {
    const dataDir = path.join(tmpDir(), 'ICPDesk');
    const ctx = await folderContext(dataDir);
    for (let i = 1; i <= 30; i++) await call(ctx, 'clients.create', { client: sampleClient(i) });
    ctx.db.close();
    fs.chmodSync(ctx.dbPath, 0o644);
    corruptMiddlePage(ctx.dbPath);
    const rec = await folderContext(dataDir, '2026-11-29T02:15:00Z');
    expect(rec.health?.state).toBe('recovery');
    const corrupt = path.join(dataDir, 'icp-desk.sqlite.corrupt-20261129-101500');
    expect(mode(corrupt)).toBe(0o600);
    expect(mode(path.join(dataDir, RECOVERY_MARKER))).toBe(0o600);
    expect(notPrivate(dataDir)).toEqual([]);
    rec.db.close();
  });

  it('an export the app saves (Electron save dialog) is 0600', async () => {
    const target = path.join(tmpDir(), 'export.xlsx');
    let handler: ((...a: unknown[]) => Promise<unknown>) | undefined;
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: target })) };
    registerHostIpc({ handle: (_c: string, fn: never) => { handler = fn; } } as never, { dialog: dialog as never, clipboard: { writeText: () => undefined }, createHiddenWindow: () => { throw new Error('unused'); }, preloadPath: '/p', parent: () => null });
    await handler!({ senderFrame: { url: 'app://icpdesk/index.html' } }, 'saveFile', { fileName: 'export.xlsx', base64: Buffer.from('abc').toString('base64') });
    expect(fs.readFileSync(target, 'utf8')).toBe('abc');
    expect(mode(target)).toBe(0o600);
    // Saving over an existing, readable file makes it private too.
    fs.chmodSync(target, 0o644);
    await handler!({ senderFrame: { url: 'app://icpdesk/index.html' } }, 'saveFile', { fileName: 'export.xlsx', base64: Buffer.from('abcd').toString('base64') });
    expect(mode(target)).toBe(0o600);
  });
});
