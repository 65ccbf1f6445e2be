/**
 * README "Browser mode": `npm run start:web` runs dist/electron/web-host-cli.cjs. Spawned here for real (not
 * startWebHost), with the environment the README documents: ICPDESK_DATA_DIR (data folder), ICPDESK_PORT (port),
 * ICPDESK_NOW (fixed clock). Needs `npm run build` first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { testTempDir } from '../helpers/temp-dirs';

const CLI = path.resolve(import.meta.dirname, '../../dist/electron/web-host-cli.cjs');

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/**
 * Spawns the CLI; resolves once it prints its one-time launch address (`launch`), rejects if it exits first. `url` is
 * the app's root the launch address belongs to.
 */
function startCli(env: Record<string, string>): Promise<{ child: ChildProcess; out: () => string; url: string; launch: string }> {
  if (!fs.existsSync(CLI)) throw new Error('dist/electron/web-host-cli.cjs missing: run `npm run build` first');
  const child = spawn(process.execPath, [CLI], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString('utf8');
      // Resolved on the last line of the start-up message, so everything it printed (the data folder too) is in `out`.
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)launch\?k=[0-9a-f]+/.exec(out);
      if (m && /Ctrl\+C stops\./.test(out)) resolve({ child, out: () => out, url: m[1], launch: m[0] });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    // A CLI that never prints the address fails by the e2e test timeout; one that exits fails here.
    child.on('exit', (code) => reject(new Error(`CLI exited (${code}) before listening:\n${out}`)));
  });
}

/** Opens the launch address as the user's browser does: the session cookie it sets, then the page's token. */
async function signIn(launch: string): Promise<{ cookie: string; token: string | undefined }> {
  const r = await fetch(launch, { redirect: 'manual' });
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  expect(cookie).not.toBe('');
  const page = await fetch(new URL('/', launch), { headers: { Cookie: cookie } });
  expect(page.status).toBe(200);
  const token = /name="icpdesk-token" content="([^"]+)"/.exec(await page.text())?.[1];
  return { cookie, token };
}

const sessions = new Map<string, Promise<{ cookie: string; token: string | undefined }>>();

/** Calls one API method the way the served page does: the session cookie and the page's token. */
async function callApi(url: string, method: string, input: unknown, launch?: string): Promise<unknown> {
  if (launch && !sessions.has(url)) sessions.set(url, signIn(launch));
  const { cookie, token } = await sessions.get(url)!;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers['X-ICPDesk-Token'] = token;
  if (cookie) headers.Cookie = cookie;
  const r = await fetch(new URL(`api/${method}`, url), { method: 'POST', headers, body: JSON.stringify(input) });
  return r.json();
}

describe('npm run start:web (the real CLI, spawned)', () => {
  it('uses ICPDESK_DATA_DIR, ICPDESK_PORT and ICPDESK_NOW; stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(testTempDir('icpdesk-cli-'), '数据 folder');
    const port = await freePort();
    // 17:30 UTC is 01:30 the next day in China: "today" must be the China date of the fixed instant.
    const { child, out, url, launch } = await startCli({ ICPDESK_DATA_DIR: dataDir, ICPDESK_PORT: String(port), ICPDESK_NOW: '2026-11-27T17:30:00Z' });
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect(out()).toContain(dataDir);
    const info = await callApi(url, 'app.info', {}, launch);
    expect(info).toMatchObject({ ok: true, value: { dataDir, dbPath: path.join(dataDir, 'icp-desk.sqlite'), today: '2026-11-28', state: 'ok' } });
    expect(fs.existsSync(path.join(dataDir, 'icp-desk.sqlite'))).toBe(true);
    // A write lands in that folder's database.
    const created = await callApi(url, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
    expect(created).toMatchObject({ ok: true, value: { client: { uscc: '91140106MA1QN6K440' } } });
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    // Started again on the same folder (another port), the client is there.
    const port2 = await freePort();
    const again = await startCli({ ICPDESK_DATA_DIR: dataDir, ICPDESK_PORT: String(port2) });
    expect(again.url).toBe(`http://127.0.0.1:${port2}/`);
    await callApi(again.url, 'app.info', {}, again.launch);
    const list = await callApi(again.url, 'clients.get', { id: (created as { value: { client: { id: number } } }).value.client.id });
    expect(list).toMatchObject({ ok: true, value: { uscc: '91140106MA1QN6K440' } });
  });

  it('without ICPDESK_NOW the clock is the real one', async () => {
    const dataDir = testTempDir('icpdesk-cli-');
    const { url, launch } = await startCli({ ICPDESK_DATA_DIR: dataDir, ICPDESK_PORT: String(await freePort()), ICPDESK_NOW: '' });
    const chinaToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(await callApi(url, 'app.info', {}, launch)).toMatchObject({ ok: true, value: { today: chinaToday } });
  });

  it('a port already in use is a clear start-up error, not a hang', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as net.AddressInfo).port)));
    try {
      const dataDir = testTempDir('icpdesk-cli-');
      await expect(startCli({ ICPDESK_DATA_DIR: dataDir, ICPDESK_PORT: String(port) })).rejects.toThrow(/CLI exited \(1\)[\s\S]*EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });
});
