/**
 * "用系统应用打开" (issue 18 §2) in Electron: the attachment's verified bytes are written to a fresh private folder
 * in the system's temporary folder (`icpdesk-open-XXXXXX`, 0700) under the file's original name, made read-only
 * (0400: an editor cannot change the copy and let the user believe the stored file changed), and handed to
 * `shell.openPath`. The content-addressed store path is never given out: the store stays immutable and the system app
 * shows the real name. Copies older than a day are removed when the app starts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Shell } from 'electron';
import { cleanFileName } from '../shared/domain/attachments';
import { AppError } from '../shared/errors';
import { msg } from '../shared/messages';

/** Prefix of the temporary folders holding opened copies. */
export const OPEN_COPY_PREFIX = 'icpdesk-open-';

/**
 * Writes `bytes` as a read-only copy named `fileName` in a new private folder under `tmpRoot` and opens it with the
 * system's application for its type. Resolves to the copy's path.
 * @throws AppError('UNAVAILABLE', open_with_system_failed { fileName, reason }) with the system's message when the copy
 *   cannot be written or `shell.openPath` reports a failure (it resolves to '' on success and to an error string
 *   otherwise — it does not reject), e.g. no application is associated with the type
 */
export async function openCopyWithSystemApp(shell: Pick<Shell, 'openPath'>, file: { fileName: string; bytes: Uint8Array }, tmpRoot = os.tmpdir()): Promise<string> {
  const name = cleanFileName(file.fileName);
  const failed = (reason: string) => new AppError('UNAVAILABLE', msg('open_with_system_failed', { fileName: name, reason }));
  let copy: string;
  try {
    const dir = fs.mkdtempSync(path.join(tmpRoot, OPEN_COPY_PREFIX)); // 0700, a name no other user can predict
    copy = path.join(dir, name);
    fs.writeFileSync(copy, file.bytes, { mode: 0o400, flag: 'wx' });
    fs.chmodSync(copy, 0o400); // whatever the umask
  } catch (e) {
    throw failed(e instanceof Error ? e.message : String(e)); // the temporary folder is full or not writable
  }
  const error = await shell.openPath(copy);
  if (error) throw failed(error);
  return copy;
}

/** Removes opened copies (folders `icpdesk-open-*` of this user under `tmpRoot`) older than `maxAgeMs`. Returns how many. */
export function sweepOpenCopies(tmpRoot = os.tmpdir(), maxAgeMs = 24 * 3600_000, now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(tmpRoot);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(OPEN_COPY_PREFIX)) continue;
    const dir = path.join(tmpRoot, name);
    try {
      const st = fs.lstatSync(dir);
      if (!st.isDirectory() || (typeof process.getuid === 'function' && st.uid !== process.getuid()) || now - st.mtimeMs < maxAgeMs) continue;
      for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o600); // read-only files: Windows refuses to delete them
      fs.rmSync(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // another process's folder, or one in use: left for the next start
    }
  }
  return removed;
}
