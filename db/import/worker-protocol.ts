/**
 * Messages between the thread that answers the UI and the import worker (db/import/worker.ts). Everything crosses by
 * structured clone; the read table travels as v8-serialised bytes (transferred, never parsed on the UI thread).
 */
import type { ImportMapping, ImportPreview, Out } from '../../shared/contract';
import { AppError, type ErrorPayload } from '../../shared/errors';
import type { Message } from '../../shared/messages';

/**
 * The worker's job (its `workerData`, or the first message of a spare: {@link TaskMessage}):
 * - `read`: read the file and send the table back (no database: an in-memory database the worker cannot open);
 * - `preview`: read (or take `table`), analyse against the database at `dbPath`, answer the preview;
 * - `commit`: the same, then — after the UI thread's go-ahead — insert in one IMMEDIATE transaction.
 */
export interface WorkerTask {
  task: 'read' | 'preview' | 'commit';
  fileName: string;
  /** The file (absent when `table` is given). */
  bytes: Uint8Array | null;
  /** A table read before (v8.serialize of a RawTable), so a commit after its preview does not read the file again. */
  table: Uint8Array | null;
  /**
   * The sheet's analysis from an earlier preview of the same table (v8.serialize of analyze.ts SheetAnalysis): reused
   * when made with the same header row, mapping and ignored columns (the register is checked again all the same).
   */
  analysis: Uint8Array | null;
  /** The database file (WAL) the worker opens its own connection to; null for `read`. */
  dbPath: string | null;
  mapping: ImportMapping | null;
  ignore: number[] | null;
  force: number[];
}

/** Worker → UI thread. */
export type FromWorker =
  | { type: 'progress'; bytesRead: number; totalBytes: number; rows: number }
  /** The table read from the file (v8.serialize), for the UI thread's cache. */
  | { type: 'table'; data: Uint8Array }
  /** The sheet's analysis (v8.serialize of a SheetAnalysis), when made anew, for the UI thread's cache. */
  | { type: 'analysis'; data: Uint8Array }
  /** Checking `rows` data rows against the database (state 检查). */
  | { type: 'checking'; rows: number }
  /** Rows prepared; waits for `go` before taking the write lock. */
  | { type: 'ready'; rows: number }
  /** `timings` (commit only): how long the write transaction and the due-date recompute took, in ms. */
  | { type: 'done'; value: ImportPreview | Out<'import.commit'> | null; timings?: WriteTimings }
  | { type: 'error'; error: WireError };

/**
 * A commit measured in the worker, in ms: checking and preparing the rows before the write lock (`checkMs`: analyse,
 * validate, sort keys and n-grams), the import transaction (write lock held) and the due-date recompute after it.
 */
export interface WriteTimings { checkMs: number; writeMs: number; dueDatesMs: number; rows: number }

/**
 * UI thread → a spare worker (started without workerData): its job. `task.bytes` is transferred (the UI thread made a
 * copy for it); a cached table or analysis is cloned (the UI thread keeps its own).
 */
export interface TaskMessage { type: 'task'; task: WorkerTask }

/** UI thread → worker: write now, with this instant as the import's time (every row's created_at and event). */
export interface GoMessage { type: 'go'; now: string }

/** An error as it crosses the thread boundary: an AppError whole, or another error's name, message and code. */
export type WireError =
  | { app: ErrorPayload & { msg: Message } }
  | { name: string; message: string; code?: string };

/** Flattens an error for postMessage. */
export function toWire(e: unknown): WireError {
  if (e instanceof AppError) return { app: { ...e.toPayload(), msg: e.msg } };
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) };
}

/**
 * Rebuilds an error from the wire: an AppError with its code, message, details and coded message; any other error
 * as an Error carrying the same `code` (so SQLITE_BUSY / SQLITE_FULL still become BUSY / DISK_FULL at dispatch).
 */
export function fromWire(w: WireError): Error {
  if ('app' in w) return new AppError(w.app.code, w.app.msg, w.app.details);
  return Object.assign(new Error(w.message), { name: w.name, ...(w.code ? { code: w.code } : {}) });
}
