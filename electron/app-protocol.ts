/**
 * The `app://icpdesk/` protocol handler serving the built renderer (dist/renderer) to the Electron window: files
 * under the renderer folder only (path traversal refused), index.html for client-side routes (paths without an
 * extension), 404 for a missing file with an extension (a missing /assets/x.js is an error, not a blank page), and
 * the app's Content-Security-Policy on every response. Same rules as the browser-mode host (web-host.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_HOST } from './security';
import { CONTENT_SECURITY_POLICY } from './csp';
import { safeStaticPath } from './web-host';

/** Fetches a file: URL (Electron's `net.fetch`). */
export type FetchFile = (fileUrl: string) => Promise<Response>;

const notFound = () => new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The file `pathname` resolves to under `rendererDir`: the file itself, index.html for an extension-less route,
 * or null (→ 404) for a foreign host, a path outside the folder or a missing file with an extension.
 */
export function resolveAppPath(rendererDir: string, host: string, pathname: string): string | null {
  const file = host === APP_HOST ? safeStaticPath(rendererDir, pathname) : null;
  if (!file) return null;
  if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  return path.extname(file) ? null : path.join(rendererDir, 'index.html');
}

/** The handler for `protocol.handle('app', …)`. */
export function createAppProtocolHandler(rendererDir: string, fetchFile: FetchFile): (req: Request) => Promise<Response> {
  return async (req) => {
    const url = new URL(req.url);
    const file = resolveAppPath(rendererDir, url.host, url.pathname);
    if (!file) return notFound();
    const r = await fetchFile(pathToFileURL(file).toString());
    const headers = new Headers(r.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(r.body, { status: r.status, headers });
  };
}
