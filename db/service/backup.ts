/**
 * 数据与备份 handlers: data status (state, folder warning, recovery facts), backups (list, take now, preview,
 * restore from a listed backup or a picked file, start empty after damage), full export (xlsx / JSON) and importing
 * a JSON export into an empty database, compacting the file (VACUUM, offered once it is worth it). The work is in db/backup and db/export; this file only glues it to the
 * contract.
 */
import fs from 'node:fs';
import type { Out, Parsed } from '../../shared/contract';
import { checkDataFolder, type FolderFacts } from '../../shared/domain/data-folder';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { backupsDir, createBackup } from '../backup/create';
import { listBackups, newestGoodBackup } from '../backup/list';
import { previewRestore, restoreDatabase, startEmpty } from '../backup/restore';
import { exportJson, importJson } from '../export/json';
import { exportXlsx } from '../export/xlsx';
import type { DB } from '../open';
import { trackRunning, type ServiceContext } from './context';

/** What the host can learn about a folder: its real path (mapped drives → UNC on Windows) and file-system type. */
export function folderFacts(dir: string, platform: string = process.platform): FolderFacts {
  let realPath: string | null = null;
  let fsType: number | null = null;
  try { realPath = fs.realpathSync.native(dir); } catch { /* folder missing: the path alone decides */ }
  try { fsType = platform === 'linux' ? fs.statfsSync(dir).type : null; } catch { /* not supported */ }
  return { platform, realPath, fsType };
}

export function dataStatus(ctx: ServiceContext): Out<'backup.status'> {
  const h = ctx.health ?? { state: 'ok' as const };
  const dir = backupsDir(ctx.dataDir);
  return {
    state: h.state,
    dataDir: ctx.dataDir,
    dbPath: ctx.dbPath,
    backupsDir: dir,
    folderWarning: checkDataFolder(ctx.dataDir, folderFacts(ctx.dataDir)),
    recovery: h.state === 'recovery' ? { corruptFile: h.corruptFile, reason: h.reason, detectedAt: h.detectedAt, newestGood: newestGoodBackup(dir) } : null,
    newer: h.state === 'newer' ? { found: h.found, supported: h.supported } : null,
  };
}

function bytes(dataBase64: string): Buffer {
  const b = Buffer.from(dataBase64, 'base64');
  if (!b.length) throw new AppError('BAD_FILE', msg('file_empty'));
  return b;
}

/** 立即备份: a 'manual' backup of the open database. */
export function backupNow(ctx: ServiceContext): Promise<Out<'backup.create'>> {
  return trackRunning(ctx, 'backup', () => createBackup(ctx.db, backupsDir(ctx.dataDir), 'manual', ctx.now()));
}

/** yyyymmdd-hhmm of the export instant in China, for file names. */
function stamp(ctx: ServiceContext): string {
  return new Date(ctx.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

export const backupHandlers = {
  'backup.status': (ctx: ServiceContext) => dataStatus(ctx),
  'backup.list': (ctx: ServiceContext) => listBackups(backupsDir(ctx.dataDir)),
  'backup.create': (ctx: ServiceContext) => backupNow(ctx),
  'backup.preview': (ctx: ServiceContext, i: Parsed<'backup.preview'>) => previewRestore(ctx, { backup: i.name }),
  'backup.previewFile': (ctx: ServiceContext, i: Parsed<'backup.previewFile'>) => previewRestore(ctx, { fileName: i.fileName, bytes: bytes(i.dataBase64) }),
  'backup.restore': (ctx: ServiceContext, i: Parsed<'backup.restore'>) => restoreDatabase(ctx, { backup: i.name }),
  'backup.restoreFile': (ctx: ServiceContext, i: Parsed<'backup.restoreFile'>) => restoreDatabase(ctx, { fileName: i.fileName, bytes: bytes(i.dataBase64) }),
  'backup.startEmpty': (ctx: ServiceContext) => {
    startEmpty(ctx);
    return { ok: true as const };
  },
  'data.exportXlsx': (ctx: ServiceContext) => trackRunning(ctx, 'export', async () => {
    const buf = await exportXlsx(ctx.db, { appVersion: ctx.version, now: ctx.now() });
    return { fileName: `许可通完整导出-${stamp(ctx)}.xlsx`, base64: buf.toString('base64') };
  }),
  'data.exportJson': (ctx: ServiceContext) => {
    const text = exportJson(ctx.db, { appVersion: ctx.version, now: ctx.now() });
    return { fileName: `许可通完整导出-${stamp(ctx)}.json`, base64: Buffer.from(text, 'utf8').toString('base64') };
  },
  'data.importJson': (ctx: ServiceContext, i: Parsed<'data.importJson'>) => importJson(ctx.db, bytes(i.dataBase64).toString('utf8')),
  'data.compactInfo': (ctx: ServiceContext) => compactInfo(ctx.db),
  'data.compact': (ctx: ServiceContext) => {
    // VACUUM rewrites the file in one transaction (all or nothing); WAL pages are folded in first so the size is final.
    ctx.db.exec('VACUUM');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    return compactInfo(ctx.db);
  },
};

/** Offer compacting from this much free space (and at least {@link COMPACT_MIN_SHARE} of the file). */
export const COMPACT_MIN_BYTES = 1024 * 1024;
export const COMPACT_MIN_SHARE = 0.1;

/** The file's size and its free pages, in bytes (from the page counts, so pages still in the WAL count too). */
export function compactInfo(db: DB): Out<'data.compactInfo'> {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const fileBytes = (db.pragma('page_count', { simple: true }) as number) * pageSize;
  const freeBytes = (db.pragma('freelist_count', { simple: true }) as number) * pageSize;
  return { fileBytes, freeBytes, offer: freeBytes >= COMPACT_MIN_BYTES && freeBytes >= fileBytes * COMPACT_MIN_SHARE };
}
