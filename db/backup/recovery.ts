/**
 * Setting a damaged database aside: the file is renamed (never deleted) to `<file>.corrupt-<YYYYMMDD-HHMMSS>` (China
 * time), its -wal / -shm beside it renamed with it, and a marker `recovery.json` is written in the data folder so a
 * restart before the user has chosen what to do shows the recovery screen again instead of starting empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { chinaStamp } from '../../shared/domain/backups';
import { makePrivateFile, writePrivateFile } from './private-files';

/** The marker's file name in the data folder. */
export const RECOVERY_MARKER = 'recovery.json';

const Marker = z.object({ corruptFile: z.string().nullable(), reason: z.string(), detectedAt: z.string() });
/** What the marker records: where the damaged file went, why, and when (ISO instant). */
export type RecoveryMarker = z.infer<typeof Marker>;

/**
 * Renames the damaged `dbFile` (and its -wal / -shm) aside and writes the marker.
 * @returns the marker written (corruptFile = the new path, or null if the file had already gone)
 */
export function quarantineDatabase(dbFile: string, reason: string, now: Date): RecoveryMarker {
  let target = `${dbFile}.corrupt-${chinaStamp(now)}`;
  for (let n = 2; fs.existsSync(target); n++) target = `${dbFile}.corrupt-${chinaStamp(now)}-${n}`;
  let corruptFile: string | null = null;
  if (fs.existsSync(dbFile)) {
    fs.renameSync(dbFile, target);
    makePrivateFile(target);
    corruptFile = target;
  }
  for (const side of ['-wal', '-shm']) {
    if (fs.existsSync(dbFile + side)) {
      fs.renameSync(dbFile + side, target + side);
      makePrivateFile(target + side);
    }
  }
  const marker: RecoveryMarker = { corruptFile, reason: reason.slice(0, 500), detectedAt: now.toISOString() };
  writePrivateFile(path.join(path.dirname(dbFile), RECOVERY_MARKER), JSON.stringify(marker, null, 2));
  return marker;
}

/** The marker in `dataDir`, or null (absent or unreadable). */
export function readRecoveryMarker(dataDir: string): RecoveryMarker | null {
  try {
    return Marker.parse(JSON.parse(fs.readFileSync(path.join(dataDir, RECOVERY_MARKER), 'utf8')));
  } catch {
    return null;
  }
}

/** Removes the marker (after a restore or "start empty"). */
export function clearRecoveryMarker(dataDir: string): void {
  fs.rmSync(path.join(dataDir, RECOVERY_MARKER), { force: true });
}
