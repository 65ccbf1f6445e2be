/** Raw HTTP helpers for the browser-mode host's tests (tests/ipc/web-host*.test.ts). */
import http from 'node:http';
import { expect } from 'vitest';
import type { WebHost } from '../../electron/web-host';

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

