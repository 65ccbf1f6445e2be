import { zhText, type Message } from './messages';

/**
 * Error codes that cross the API boundary. Every failure the renderer sees is an {@link AppError}
 * serialised as `{ code, message, details }`; `message` is Chinese (zh-CN) and safe to show to the user.
 */
export const ERROR_CODES = [
  'VALIDATION', // input failed its zod schema or a domain rule; details.fields lists { path, message }
  'NOT_FOUND', // the id named in the input does not exist
  'CONFLICT', // e.g. a client with the same USCC already exists
  'BAD_FILE', // an import file that is not a spreadsheet, is empty, cannot be decoded, or lacks a required column
  'UNKNOWN_METHOD', // the method is not in the contract
  'FORBIDDEN', // wrong sender, token, Host or Origin
  'UNAVAILABLE', // the data is not open: recovery after a damaged file, a newer version's file, or a restore running
  'BUSY', // the data is in use right now: another window holds the write lock past busy_timeout, or a backup / export is running; retry later
  'DISK_FULL', // the disk holding the data folder is full (SQLITE_FULL / ENOSPC); nothing was changed
  'READ_ONLY', // the data folder or its disk cannot be written (SQLITE_READONLY / EROFS / EACCES / EPERM); nothing was changed
  'DISK_ERROR', // the disk failed to read or write (SQLITE_IOERR, EIO: a failing disk, a USB or network drive gone); nothing was changed
  'INTERNAL', // anything unexpected; the database is left as it was
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One field-level problem: `path` is the dotted field path (e.g. `uscc`), `message` is Chinese. */
export interface FieldIssue {
  path: string;
  message: string;
  /** The coded message (shared/messages.ts), when there is one. */
  key?: string;
  params?: Record<string, unknown>;
}

/** The wire shape of an error: what `{ ok: false, error }` carries. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: { fields?: FieldIssue[]; [key: string]: unknown };
  /**
   * The coded message (shared/messages.ts) the UI renders in its language; `message` is its zh-CN text. Every error
   * this host sends has one (AppError requires it; tests/unit/error-codes.test.ts); optional on the wire so the UI
   * still shows an older host's or its own local errors.
   */
  key?: string;
  params?: Record<string, unknown>;
}

/**
 * An error with a category from {@link ERROR_CODES} and a coded message (shared/messages.ts): thrown by services,
 * turned into {@link ErrorPayload} at the dispatch point. `message` is the coded message's zh-CN text; the renderer
 * renders `msg` in its own language. There is no way to make one from bare text: every error the user can see has a
 * code the i18n resources know (tests/unit/error-codes.test.ts scans the source for any that does not).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorPayload['details'];
  /** The coded message: `{ code, params }`. */
  readonly msg: Message;
  constructor(code: ErrorCode, m: Message, details?: ErrorPayload['details']) {
    super(zhText(m));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.msg = m;
  }
  /** Same as the constructor: an error whose message is the coded message `m`. */
  static of(code: ErrorCode, m: Message, details?: ErrorPayload['details']): AppError {
    return new AppError(code, m, details);
  }
  /**
   * An error about one input field: `details.fields` holds `{ path, message, key, params }` for `m` (so a form shows
   * it inline in the UI's language), plus any `extra` details.
   */
  static field(code: ErrorCode, path: string, m: Message, extra: Record<string, unknown> = {}): AppError {
    return new AppError(code, m, { ...extra, fields: [fieldIssue(path, m)] });
  }
  toPayload(): ErrorPayload {
    return payload(this.code, this.msg, this.details);
  }
}

/** A {@link FieldIssue} for `path` carrying the coded message `m` (its zh-CN text in `message`). */
export function fieldIssue(path: string, m: Message): FieldIssue {
  return { path, message: zhText(m), key: m.code, params: m.params };
}

/** The wire payload of an error with category `code` and coded message `m` (for refusals made without throwing). */
export function payload(code: ErrorCode, m: Message, details?: ErrorPayload['details']): ErrorPayload {
  return { code, message: zhText(m), ...(details ? { details } : {}), key: m.code, params: m.params };
}

/** A value that cannot be parsed (a capital like "五百万", a date like "2023-13-45"); message is Chinese. */
export class ParseError extends AppError {
  constructor(m: Message, details?: ErrorPayload['details']) {
    super('VALIDATION', m, details);
    this.name = 'ParseError';
  }
}
