/**
 * Restoring the live database from a listed backup or a picked file, swapping the connection in place:
 * 1. the source is copied to a private staging file in the backups folder and checked (inspect.ts);
 * 2. the staged copy is upgraded to this version's schema (older backups) and checked again;
 * 3. a 'pre-restore' backup of the live database is taken (when one is open);
 * 4. the live connection is closed, the target's -wal / -shm / -journal removed (after a clean close they hold
 *    nothing that is not in the pre-restore backup; they must never be applied to the restored file), the staged
 *    file renamed onto the target, and the database reopened into the SAME ServiceContext (`ctx.db = …`).
 * While it runs `ctx.busy` is set and dispatch refuses other calls. If the swap fails the previous database (or the
 * pre-restore backup) is put back.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupPreview, RestoreResult } from '../../shared/contracts/backup';
import { parseBackupFileName } from '../../shared/domain/backups';
import { AppError } from '../../shared/errors';
import { msg, type MessageCode } from '../../shared/messages';
import { finishOpen, openDatabase } from '../open';
import { runningKind, type RunningKind, type ServiceContext } from '../service/context';
import { backupsDir, createBackup, removeDbFiles, sealAndVerify } from './create';
import { inspectCandidate, type CandidateFacts } from './inspect';
import { resolveBackup } from './list';
import { placeholderDb } from './open-folder';
import { makePrivateDir, makePrivateFile, writePrivateFile } from './private-files';
import { clearRecoveryMarker } from './recovery';
import { restoreBackupFiles } from '../files/backup-files';

/** Where to restore from: a listed backup (by name) or the bytes of a file the user picked. */
export type RestoreSource = { backup: string } | { fileName: string; bytes: Buffer };

interface Staged {
  staging: string;
  facts: CandidateFacts;
  preview: BackupPreview;
}

/** Copies the source to a staging file beside the backups and checks it; the caller removes the staging file. */
function stage(ctx: ServiceContext, source: RestoreSource): Staged {
  const dir = backupsDir(ctx.dataDir);
  makePrivateDir(dir);
  const staging = path.join(dir, `.staging-${crypto.randomBytes(6).toString('hex')}.sqlite`);
  let label: string;
  let createdAt: string | null = null;
  let size: number;
  if ('backup' in source) {
    const file = resolveBackup(dir, source.backup);
    fs.copyFileSync(file, staging); // a backup is a sealed single file and never open for writing
    makePrivateFile(staging);
    label = source.backup;
    createdAt = parseBackupFileName(source.backup)!.createdAt;
    size = fs.statSync(file).size;
  } else {
    if (!source.bytes.length) throw new AppError('BAD_FILE', msg('file_empty'));
    writePrivateFile(staging, source.bytes);
    label = source.fileName;
    size = source.bytes.length;
  }
  try {
    const facts = inspectCandidate(staging);
    const preview: BackupPreview = { source: label, createdAt, size, schemaVersion: facts.schemaVersion, needsUpgrade: facts.needsUpgrade, ...facts.stats };
    return { staging, facts, preview };
  } catch (e) {
    removeDbFiles(staging);
    throw e;
  }
}

/** What `source` holds, after the same checks a restore makes; nothing is changed. */
export function previewRestore(ctx: ServiceContext, source: RestoreSource): BackupPreview {
  const s = stage(ctx, source);
  removeDbFiles(s.staging);
  return s.preview;
}

/** What a restore (or 重新开始) says when it is refused because `kind` is running. */
const RUNNING_MESSAGES = { import: 'restore_import_running', backup: 'restore_backup_running', export: 'restore_export_running' } as const satisfies Record<RunningKind, MessageCode>;

/**
 * Refuses a restore or 重新开始 that would replace the file under other work: UNAVAILABLE while another restore runs,
 * BUSY naming the running import / backup / full export (details.running), UNAVAILABLE for a newer version's data.
 */
function assertIdle(ctx: ServiceContext): void {
  if (ctx.busy) throw new AppError('UNAVAILABLE', msg('restore_running'));
  const running = runningKind(ctx);
  if (running) throw new AppError('BUSY', msg(RUNNING_MESSAGES[running]), { running });
  if (ctx.health?.state === 'newer') throw new AppError('UNAVAILABLE', msg('restore_data_newer'));
}

/** Removes the side files of the target (never the target itself). */
function removeSideFiles(dbPath: string): void {
  for (const side of ['-wal', '-shm', '-journal']) fs.rmSync(dbPath + side, { force: true });
}

/**
 * Restores `source` into the live database of `ctx` (see the module comment for the steps).
 * @returns what was restored and the pre-restore backup (null when no database was open, i.e. in recovery)
 * @throws AppError('BAD_FILE' | 'CONFLICT' | 'NOT_FOUND' | 'VALIDATION') from the checks, before anything changes;
 *   AppError('UNAVAILABLE') while another restore runs; AppError('BUSY') while an import, a backup or a full export runs (coded restore_<kind>_running); AppError('INTERNAL') if the swap failed (the previous data
 *   was put back)
 */
export async function restoreDatabase(ctx: ServiceContext, source: RestoreSource): Promise<RestoreResult> {
  assertIdle(ctx);
  ctx.busy = 'restore';
  let staged: Staged | null = null;
  try {
    staged = stage(ctx, source);
    const upgrade = new Database(staged.staging, { fileMustExist: true });
    try {
      finishOpen(upgrade);
    } finally {
      upgrade.close();
    }
    sealAndVerify(staged.staging);
    const wasOpen = (ctx.health?.state ?? 'ok') === 'ok';
    const preRestore = wasOpen ? await createBackup(ctx.db, backupsDir(ctx.dataDir), 'pre-restore', ctx.now()) : null;
    swap(ctx, staged.staging, preRestore?.name ?? null, wasOpen);
    const files = restoreBackupFiles(ctx.db, ctx.dataDir, backupsDir(ctx.dataDir));
    return { restored: staged.preview, preRestore, files };
  } finally {
    if (staged) removeDbFiles(staged.staging);
    ctx.busy = null;
  }
}

/** Closes the live connection, puts `staging` in place and reopens; on failure puts the previous data back. */
function swap(ctx: ServiceContext, staging: string, preRestoreName: string | null, wasOpen: boolean): void {
  ctx.db.close();
  let renamed = false;
  try {
    removeSideFiles(ctx.dbPath);
    fs.renameSync(staging, ctx.dbPath);
    renamed = true;
    ctx.db = openDatabase(ctx.dbPath);
  } catch (e) {
    console.error('[restore] swap failed:', e instanceof Error ? e.message : e);
    if (renamed && preRestoreName) {
      removeSideFiles(ctx.dbPath);
      fs.copyFileSync(path.join(backupsDir(ctx.dataDir), preRestoreName), ctx.dbPath);
      makePrivateFile(ctx.dbPath);
    }
    ctx.db = wasOpen ? openDatabase(ctx.dbPath) : placeholderDb();
    throw new AppError('INTERNAL', msg('restore_failed'));
  }
  ctx.health = { state: 'ok' };
  clearRecoveryMarker(ctx.dataDir);
}

/**
 * Recovery only: starts over with a new empty database (the damaged file stays where it was moved).
 * @throws AppError('CONFLICT') when the data is open (nothing to recover)
 */
export function startEmpty(ctx: ServiceContext): void {
  if (ctx.health?.state !== 'recovery') throw new AppError('CONFLICT', msg('restore_not_needed'));
  assertIdle(ctx);
  if (fs.existsSync(ctx.dbPath)) throw new AppError('CONFLICT', msg('restore_file_still_there'));
  ctx.db.close();
  removeSideFiles(ctx.dbPath);
  ctx.db = openDatabase(ctx.dbPath);
  ctx.health = { state: 'ok' };
  clearRecoveryMarker(ctx.dataDir);
}
