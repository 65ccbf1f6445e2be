/** Raw HTTP helpers for the browser-mode host's tests (tests/ipc/web-host*.test.ts). */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host';
import { call, folderContext, tmpDir, type TestCtx } from './data';
import { testTempDir } from './temp-dirs';

/**
 * Raw request so Host/Origin headers can be forged (fetch does not allow setting Host). With `timeoutMs`, a host that
 * stays silent that long fails the request instead of hanging (the mutation run relies on it).
 */
export function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; timeoutMs?: number }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`no answer to ${opts.method ?? 'GET'} ${opts.path} within ${opts.timeoutMs} ms`)));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** Opens the one-time launch URL like the user's browser; returns the session cookie ("name=value"). */
export async function launch(host: WebHost): Promise<string> {
  const r = await raw(host.port, { path: new URL(host.launchUrl).pathname + new URL(host.launchUrl).search, headers: { Host: `127.0.0.1:${host.port}` } });
  expect(r.status).toBe(303);
  expect(r.headers.location).toBe('/');
  const set = r.headers['set-cookie']?.[0] ?? '';
  return set.split(';')[0];
}


/**
 * A browser-mode host on a fresh data folder (a stub index.html as the renderer), its session cookie, and one client
 * (太原晋祠兴旅游服务有限公司) with its checklist in template order. The caller closes `host` and `ctx.db`.
 */
export async function hostWithClient() {
  const dataDir = tmpDir();
  const ctx: TestCtx = await folderContext(dataDir);
  const rendererDir = testTempDir('icpdesk-r-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  const host = await startWebHost({ ctx, rendererDir });
  const cookie = await launch(host);
  const { client } = await call(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
  const materials = await call(ctx, 'materials.list', { clientId: client.id });
  return { dataDir, ctx, host, cookie, materials };
}

/**
 * For a `describe` whose tests each need {@link hostWithClient}: registers the `afterEach` that closes every host and
 * database the block's tests started, and returns the function that starts one (same result as hostWithClient).
 */
export function useHostWithClient(): () => ReturnType<typeof hostWithClient> {
  const started: Awaited<ReturnType<typeof hostWithClient>>[] = [];
  afterEach(async () => {
    for (const m of started.splice(0)) { await m.host.close(); m.ctx.db.close(); }
  });
  return async () => { const m = await hostWithClient(); started.push(m); return m; };
}
