/**
 * One host per data folder (README "Where your data lives"): a second host on a folder another live host has open
 * refuses with a message naming the first; once the first has gone (even killed), the folder opens again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openHostContext } from '../../electron/host-context';
import { LOCK_FILE_NAME, readFolderLock } from '../../db/backup/folder-lock';
import { tmpDir } from '../helpers/data';

const ROOT = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess | null = null;

/** Starts another host process (browser-mode kind) on `dataDir`; resolves when it has the folder open. */
function otherHost(dataDir: string): Promise<ChildProcess> {
  const code = `import('${path.join(ROOT, 'electron/host-context.ts').replace(/\\/g, '/')}').then((m) => m.openHostContext({ dataDir: process.env.DIR, version: 't' })).then(() => { console.log('ready'); setInterval(() => {}, 1000); });`;
  const p = spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, env: { ...process.env, DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  child = p;
  return new Promise((resolve, reject) => {
    p.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(p); });
    p.on('exit', (c) => reject(new Error(`other host exited ${c}`)));
  });
}

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

describe('one host per data folder', () => {
  it('a second host refuses a folder another host has open, naming it; after the first is killed the folder opens', async () => {
    const dir = tmpDir();
    const first = await otherHost(dir);
    expect(readFolderLock(dir)).toMatchObject({ host: 'web', pid: first.pid });
    const refused = await openHostContext({ dataDir: dir, version: 't' }).then(() => null, (e: unknown) => e as { code: string; message: string });
    expect(refused?.code).toBe('BUSY');
    expect(refused?.message).toContain('数据文件夹正被另一个许可通使用（浏览器模式，');
    expect(refused?.message).toContain(`进程 ${first.pid}`);
    // The refusal changed nothing of the first host's lock.
    expect(readFolderLock(dir)?.pid).toBe(first.pid);

    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const ctx = await openHostContext({ dataDir: dir, version: 't' });
    expect(readFolderLock(dir)?.pid).toBe(process.pid);
    // The same process may open its folder again (a host re-opening after a restore, tests).
    const again = await openHostContext({ dataDir: dir, version: 't' });
    again.db.close();
    ctx.db.close();
  }, 60_000);

  it('a lock left by a host stopped without clean-up (SIGTERM) is stale and taken over', async () => {
    const dir = tmpDir();
    const p = await otherHost(dir);
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true);
    p.kill('SIGTERM'); // no handler in the child: Node exits with the 'exit' hooks skipped, like a crash
    await new Promise((r) => p.once('exit', r));
    const ctx = await openHostContext({ dataDir: dir, version: 't' });
    ctx.db.close();
  }, 60_000);
});
