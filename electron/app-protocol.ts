/**
 * The app:// protocol handler of the Electron host: serves the built renderer from `rendererDir` (the same path rules
 * as the browser-mode host, electron/web-host/static.ts: lexical check and symlinks resolved inside the folder) with
 * the same security headers (CSP with frame-ancestors 'none', X-Frame-Options DENY, nosniff).
 */
import { pathToFileURL } from 'node:url';
import { APP_HOST } from './security';
import { SECURITY_HEADERS } from './web-host/respond';
import { resolveStaticFile } from './web-host/static';

/** Returns the handler for `protocol.handle(APP_SCHEME, …)`; `fetchFile` is Electron's `net.fetch` (tests pass a fake). */
export function appProtocolHandler(rendererDir: string, fetchFile: (fileUrl: string) => Promise<Response>): (req: Request) => Promise<Response> {
  return async (req) => {
    let file: string | null = null;
    try {
      const url = new URL(req.url);
      file = url.host === APP_HOST ? resolveStaticFile(rendererDir, url.pathname) : null;
    } catch {
      file = null;
    }
    if (!file) return new Response('not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
    const r = await fetchFile(pathToFileURL(file).toString());
    const headers = new Headers(r.headers);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers.set(k, v);
    return new Response(r.body, { status: r.status, headers });
  };
}
