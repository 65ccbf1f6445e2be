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
  /** The coded message (shared/messages.ts) the UI renders in its language; `message` is its zh-CN text. */
  key?: string;
  params?: Record<string, unknown>;
}

/** An error with a code from {@link ERROR_CODES}; thrown by services, turned into {@link ErrorPayload} at the dispatch point. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorPayload['details'];
  /** The coded message, when the error was made from one ({@link AppError.of}). */
  readonly msg?: Message;
  constructor(code: ErrorCode, message: string, details?: ErrorPayload['details'], msg?: Message) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.msg = msg;
  }
  /** An error whose message is the coded message `m` (its zh-CN text in `message`, code and params on the wire). */
  static of(code: ErrorCode, m: Message, details?: ErrorPayload['details']): AppError {
    return new AppError(code, zhText(m), details, m);
  }
  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.msg ? { key: this.msg.code, params: this.msg.params } : {}),
    };
  }
}

/** A value that cannot be parsed (a capital like "五百万", a date like "2023-13-45"); message is Chinese. */
export class ParseError extends AppError {
  constructor(m: Message, details?: ErrorPayload['details']) {
    super('VALIDATION', zhText(m), details, m);
    this.name = 'ParseError';
  }
}
