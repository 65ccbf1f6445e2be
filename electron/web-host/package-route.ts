/**
 * The browser-mode download of a finished submission package (issue 18 §4): `GET /packages/<id>?t=<per-run token>`
 * (with the session cookie, as `GET /files/<id>`) streams the zip the worker wrote to the data folder
 * (db/package/downloads.ts) from disk — never read whole — as `application/zip` with its length and
 * `Content-Disposition: attachment` naming it (UTF-8). Once every byte has gone out the file is removed; a download cut
 * short keeps it for another try until it expires. An id this host's context did not build answers 404.
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { ServiceContext } from '../../db/service/context';
import { packageFile, removePackage } from '../../db/package/downloads';
import { msg } from '../../shared/messages';
import { contentDisposition, SECURITY_HEADERS, sendError } from './respond';

/** The route's path prefix. */
export const PACKAGE_PREFIX = '/packages/';

/** Answers `GET /packages/<id>`: 200 with the zip streamed, 404 for an unknown, foreign, malformed or removed id. */
export function servePackage(ctx: ServiceContext, res: http.ServerResponse, id: string, head = false): void {
  const pkg = packageFile(ctx, id);
  if (!pkg) return sendError(res, 404, 'NOT_FOUND', msg('package_not_found'));
  res.writeHead(200, {
    ...SECURITY_HEADERS, 'Content-Type': 'application/zip', 'Cache-Control': 'no-store',
    'Content-Disposition': contentDisposition(pkg.fileName), 'Content-Length': String(pkg.size),
  });
  // A HEAD (a download manager or link preview asking the size) sends no bytes, so it must not use the package up.
  if (head) return void res.end();
  const stream = fs.createReadStream(pkg.file);
  stream.on('error', () => res.destroy());
  res.on('finish', () => removePackage(ctx, id));
  stream.pipe(res);
}
