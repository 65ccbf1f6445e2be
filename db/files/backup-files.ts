/**
 * Attachment files in backups (issue 18 §7). A backup is the database plus every file it references. Files never
 * change, so each is copied into `<backups>/files/<aa>/<sha256>` once and shared by every backup that references it;
 * each backup has a manifest `<backup name>.files.json` listing its files. Restore brings back the database and its
 * files together and reports each file it could not bring back (missing, or altered: hash mismatch). Rotation removes
 * a stored file only when no kept backup's manifest lists it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { copyFilePlaced, placeFile, sha256, writeAll } from './store';

type DB = Database.Database;

/** The backups' shared file store folder. */
export const BACKUP_FILES_DIR = 'files';
const MANIFEST = /^(.+\.sqlite)\.files\.json$/;

const storePath = (root: string, sha: string) => path.join(root, sha.slice(0, 2), sha);

/** The attachment files a database references (none when the table does not exist yet: an older schema). */
export function referencedFiles(db: DB): string[] {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'").get();
  if (!has) return [];
  return (db.prepare('SELECT DISTINCT sha256 FROM attachments ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256);
}

/**
 * Copies a file into a store folder unless it is there already (store.ts placeFile: temporary name, fsync, rename, so
 * a crash never leaves a partial file under the final name). Returns true when copied.
 */
function copyInto(from: string, root: string, sha: string): boolean {
  const to = storePath(root, sha);
  if (fs.existsSync(to)) return false;
  copyFilePlaced(from, to);
  return true;
}

/**
 * For backup `name` (about to be named in `backupsDir`) referencing the files `shas`: copies those the backup store
 * lacks from `<dataDir>/files` and writes the manifest (atomically). Returns how many files were copied (new bytes),
 * how many it references, and those found neither in the live store nor in the backup store.
 */
export function storeBackupFiles(shas: readonly string[], dataDir: string, backupsDir: string, name: string): { copied: number; files: number; missing: string[] } {
  const root = path.join(backupsDir, BACKUP_FILES_DIR);
  let copied = 0;
  const missing: string[] = [];
  for (const sha of shas) {
    if (fs.existsSync(storePath(root, sha))) continue;
    const src = storePath(path.join(dataDir, 'files'), sha);
    if (!fs.existsSync(src)) { missing.push(sha); continue; }
    if (copyInto(src, root, sha)) copied++;
  }
  const manifest = Buffer.from(JSON.stringify({ files: shas }));
  placeFile(path.join(backupsDir, `${name}.files.json`), (fd) => writeAll(fd, manifest));
  return { copied, files: shas.length, missing };
}

/** Removes manifests whose backup is gone and stored files no kept backup lists. Returns the number of files removed. */
export function pruneBackupFiles(backupsDir: string): number {
  if (!fs.existsSync(backupsDir)) return 0;
  const names = new Set(fs.readdirSync(backupsDir));
  const keep = new Set<string>();
  for (const n of names) {
    const m = MANIFEST.exec(n);
    if (!m) continue;
    if (!names.has(m[1])) { fs.rmSync(path.join(backupsDir, n), { force: true }); continue; }
    try {
      for (const sha of (JSON.parse(fs.readFileSync(path.join(backupsDir, n), 'utf8')) as { files: string[] }).files) keep.add(sha);
    } catch {
      return 0; // an unreadable manifest: keep every file rather than lose one a backup needs
    }
  }
  const root = path.join(backupsDir, BACKUP_FILES_DIR);
  if (!fs.existsSync(root)) return 0;
  let removed = 0;
  for (const sub of fs.readdirSync(root)) {
    for (const f of fs.readdirSync(path.join(root, sub))) {
      if (!keep.has(f)) { fs.rmSync(path.join(root, sub, f), { force: true }); removed++; }
    }
  }
  return removed;
}

/** What restoring the files found: counts, and the files it could not bring back with the item they belong to. */
export interface RestoredFiles {
  files: number;
  restored: number;
  missing: { itemKey: string; fileName: string }[];
  altered: { itemKey: string; fileName: string }[];
}

/**
 * After a restore put `db` in place: every file it references is in `<dataDir>/files` with the right content, taken
 * from the backup store when needed. A file neither place has is `missing`; one whose bytes no longer match is `altered`.
 */
export function restoreBackupFiles(db: DB, dataDir: string, backupsDir: string): RestoredFiles {
  const out: RestoredFiles = { files: 0, restored: 0, missing: [], altered: [] };
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'").get();
  if (!has) return out;
  const rows = db.prepare('SELECT a.sha256, a.file_name, m.item_key FROM attachments a JOIN materials m ON m.id = a.material_id ORDER BY m.sort, a.sort, a.id').all() as { sha256: string; file_name: string; item_key: string }[];
  const live = path.join(dataDir, 'files');
  const root = path.join(backupsDir, BACKUP_FILES_DIR);
  const checked = new Map<string, 'ok' | 'missing' | 'altered'>();
  for (const r of rows) {
    let state = checked.get(r.sha256);
    if (!state) {
      out.files++;
      const ok = (f: string) => fs.existsSync(f) && sha256(fs.readFileSync(f)) === r.sha256;
      const here = storePath(live, r.sha256);
      if (ok(here)) state = 'ok';
      else {
        const saved = storePath(root, r.sha256);
        if (ok(saved)) {
          fs.rmSync(here, { force: true });
          copyInto(saved, live, r.sha256);
          out.restored++;
          state = 'ok';
        } else state = fs.existsSync(saved) || fs.existsSync(here) ? 'altered' : 'missing';
      }
      checked.set(r.sha256, state);
    }
    if (state === 'missing') out.missing.push({ itemKey: r.item_key, fileName: r.file_name });
    if (state === 'altered') out.altered.push({ itemKey: r.item_key, fileName: r.file_name });
  }
  return out;
}
