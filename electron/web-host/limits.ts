/**
 * Request-body limits per API method. Everything is small (1 MiB) except the few methods that take a file
 * (an import spreadsheet, a database to restore, a JSON export): their limits follow their contract's `dataBase64`
 * maximum plus room for the JSON around it. At most one large upload is read at a time (a second gets 503), so a
 * page cannot make the host buffer several hundred-MB bodies at once.
 */

/** Limit for every method not in {@link UPLOAD_LIMITS}, in bytes. */
export const DEFAULT_BODY_BYTES = 1024 * 1024;

/** Methods that carry a file, with their body limit in bytes (shared/contract.ts ImportFile: 40 MB of base64; shared/contracts/backup.ts UploadedFile: 256 MB). */
export const UPLOAD_LIMITS: Readonly<Record<string, number>> = {
  'import.preview': 41 * 1024 * 1024,
  'import.commit': 42 * 1024 * 1024,
  'backup.previewFile': 257 * 1024 * 1024,
  'backup.restoreFile': 257 * 1024 * 1024,
  'data.importJson': 257 * 1024 * 1024,
  // Not 'attachments.add': the page streams attachments to POST /host/attachments (upload-route.ts), so a base64
  // attachment through the JSON API gets the default 1 MiB.
};

/** The body limit of `method` in bytes ({@link DEFAULT_BODY_BYTES} for unknown methods too). */
export function bodyLimit(method: string): number {
  return Object.hasOwn(UPLOAD_LIMITS, method) ? UPLOAD_LIMITS[method] : DEFAULT_BODY_BYTES;
}

/** One slot for a large upload: `take()` is false while another holds it; `release()` frees it (idempotent per holder). */
export class UploadSlot {
  private busy = false;

  take(): (() => void) | null {
    if (this.busy) return null;
    this.busy = true;
    let done = false;
    return () => {
      if (!done) {
        done = true;
        this.busy = false;
      }
    };
  }
}
