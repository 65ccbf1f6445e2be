/**
 * Finished submission packages waiting to be saved (issue 18 §4). The worker writes the zip to
 * `<data folder>/package-tmp/<id>.zip` (0600 in 0700; `id` 32 hex digits, random) and the page gets only the id:
 * the browser-mode host streams the file from disk (`GET /packages/<id>`, electron/web-host/package-route.ts) and
 * Electron's main process copies it where the save dialog says (electron/save-package.ts) — the zip's bytes never
 * travel as base64 nor pass through the thread answering requests. A package is removed once saved, after
 * {@link PACKAGE_TTL_MS} unsaved, and swept at start (a crash's leftover). Ids are kept per service context: one
 * context never serves another's package.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../service/context';

/** The folder of finished packages inside the data folder. */
export const PACKAGES_DIR = 'package-tmp';
/** How long an unsaved package is kept (ms). */
export const PACKAGE_TTL_MS = 30 * 60_000;
const ID = /^[0-9a-f]{32}$/;

/** A finished package: its file on disk, the name to save it under, its size in bytes. */
export interface PackageFile { file: string; fileName: string; size: number }

const registry = new WeakMap<ServiceContext, Map<string, PackageFile & { timer: NodeJS.Timeout }>>();

/** A new package's id and the path its zip is to be written to (the folder made 0700; the file not yet created). */
export function newPackagePath(dataDir: string): { id: string; file: string } {
  const dir = path.join(dataDir, PACKAGES_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const id = crypto.randomBytes(16).toString('hex');
  return { id, file: path.join(dir, `${id}.zip`) };
}

/** Registers the finished package `id` of `ctx` for download; it is removed after {@link PACKAGE_TTL_MS} if not saved. */
export function registerPackage(ctx: ServiceContext, id: string, pkg: PackageFile, ttlMs = PACKAGE_TTL_MS): void {
  let map = registry.get(ctx);
  if (!map) registry.set(ctx, (map = new Map()));
  const timer = setTimeout(() => removePackage(ctx, id), ttlMs);
  timer.unref();
  map.set(id, { ...pkg, timer });
}

/** The package `id` of `ctx` when it is registered and its file still exists, else null (a malformed id too). */
export function packageFile(ctx: ServiceContext, id: string): PackageFile | null {
  if (!ID.test(id)) return null;
  const p = registry.get(ctx)?.get(id);
  if (!p || !fs.existsSync(p.file)) return null;
  return { file: p.file, fileName: p.fileName, size: p.size };
}

/** Forgets package `id` of `ctx` and deletes its file (after it was saved, or when it expires). */
export function removePackage(ctx: ServiceContext, id: string): void {
  const map = registry.get(ctx);
  const p = map?.get(id);
  if (!p) return;
  clearTimeout(p.timer);
  map!.delete(id);
  fs.rmSync(p.file, { force: true });
}

/** Removes every file left in the packages folder (called at start, when no package can be registered). Returns how many. */
export function sweepPackages(dataDir: string): number {
  const dir = path.join(dataDir, PACKAGES_DIR);
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const f of fs.readdirSync(dir)) { fs.rmSync(path.join(dir, f), { force: true, recursive: true }); removed++; }
  return removed;
}
