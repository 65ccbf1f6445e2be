/**
 * The single dispatch point shared by every transport: checks the method is in the contract, parses the input with
 * its zod schema, runs the handler and wraps the result as an {@link Envelope}. Never throws; never lets a raw Error
 * cross the boundary (unexpected errors become INTERNAL with a generic Chinese message, logged without input data).
 */
import { z } from 'zod';
import { contract, isMethod, type Envelope, type Method } from '../shared/contract';
import { AppError, payload, type ErrorPayload, type FieldIssue } from '../shared/errors';
import { messageOfZhText, msg, ZH_MESSAGES, type Message } from '../shared/messages';
import type { ServiceContext } from './service/context';
import { handlers } from './service/index';
import { NewerDatabaseError } from './open';
import { flushDueDates } from './service/due-dates';
import { redactPersonalData } from '../shared/redact';
import { NEWER_METHODS, RECOVERY_METHODS } from '../shared/contracts/backup';
import { truncateText } from '../shared/domain/text';
import { importWriteEnded } from './import/jobs';

/**
 * Methods that only read (no write, no due-date recompute): they run at once even while an import worker holds the
 * write lock (WAL readers see the register as it was until the import commits). Every other method waits for that
 * write to end first — asynchronously, so this thread keeps answering — instead of blocking the thread in SQLite's
 * busy wait, or failing with BUSY after busy_timeout if the import's transaction is longer than 5 s.
 */
export const READS_DURING_IMPORT_WRITE: ReadonlySet<Method> = new Set<Method>([
  'app.info', 'clients.list', 'clients.facets', 'clients.get', 'clients.timeline', 'materials.list', 'notes.list', 'notes.search',
  'import.progress', 'import.cancel', 'settings.get', 'calendar.years', 'process.get', 'licence.get', 'annualReports.list',
  'changes.list', 'inspections.list', 'inspectionTemplate.list', 'attachments.list', 'attachments.get', 'attachments.packageProgress', 'attachments.packageCancel', 'attachments.thumbnail', 'attachments.thumbnails', 'backup.status', 'backup.list',
]);

z.config(z.locales.zhCN());
const zodEnglish = z.locales.en();

/**
 * One zod issue as a coded message: the contract's own Chinese messages by their text ({@link messageOfZhText});
 * zod's built-in ones as `zod_issue` with zod's zh-CN text (the configured locale) and its English text (zod's `en`
 * locale), rendered in the UI's language.
 */
function zodIssueMessage(issue: z.core.$ZodIssue): Message {
  const coded = messageOfZhText(issue.message);
  if (coded) return coded;
  const en = zodEnglish.localeError(issue as never);
  return msg('zod_issue', { zh: issue.message, en: typeof en === 'string' ? en : en?.message ?? issue.message });
}

/** Turns a zod error into VALIDATION with one `{ path, message, key, params }` per issue (zh-CN message, coded). */
export function validationError(err: z.ZodError): AppError {
  const fields: FieldIssue[] = err.issues.map((i) => {
    const m = zodIssueMessage(i);
    return { path: i.path.join('.'), message: i.message, key: m.code, params: m.params };
  });
  // The sentence shown to the user carries no internal field names; details.fields keep the paths for inline errors.
  // Each distinct problem once, the first ten (a long list is cut, not the data).
  const seen = new Set<string>();
  const issues = fields.filter((f) => !seen.has(f.message) && !!seen.add(f.message)).slice(0, 10).map((f) => ({ code: f.key, params: f.params }) as Message);
  return new AppError('VALIDATION', msg('validation_failed', { issues }), { fields });
}

/** The Chinese messages for failures the user can act on (shown as they are; nothing was changed in each case). */
export const ACTIONABLE_MESSAGES = {
  DISK_FULL: ZH_MESSAGES.error_DISK_FULL,
  BUSY: ZH_MESSAGES.error_BUSY,
  READ_ONLY: ZH_MESSAGES.error_READ_ONLY,
  DISK_ERROR: ZH_MESSAGES.error_DISK_ERROR,
} as const;

/**
 * Maps an error from SQLite or the file system to a code the user can act on, or null: SQLITE_FULL / ENOSPC / EDQUOT
 * → DISK_FULL; SQLITE_BUSY* / SQLITE_LOCKED* (the write lock still held elsewhere after busy_timeout) → BUSY;
 * SQLITE_READONLY* / EROFS / EACCES / EPERM (a read-only disk or folder, no permission, a file held by another
 * program) → READ_ONLY; other SQLITE_IOERR* / EIO (a failing disk, a removed USB or network drive) → DISK_ERROR.
 * better-sqlite3's SqliteError carries the extended code in `code` (e.g. 'SQLITE_BUSY_SNAPSHOT'); Node's fs errors
 * carry the errno name in `code`.
 */
export function actionableError(e: unknown): ErrorPayload | null {
  const code = e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : '';
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR_WRITE') && /full|space/i.test(String((e as Error).message)) || code === 'ENOSPC' || code === 'EDQUOT') {
    return payload('DISK_FULL', msg('error_DISK_FULL'));
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return payload('BUSY', msg('error_BUSY'));
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return payload('READ_ONLY', msg('error_READ_ONLY'));
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return payload('DISK_ERROR', msg('error_DISK_ERROR'));
  return null;
}

function toPayload(e: unknown, method: string): ErrorPayload {
  if (e instanceof AppError) return e.toPayload();
  if (e instanceof NewerDatabaseError) return e.toPayload();
  const actionable = actionableError(e);
  if (actionable) return actionable;
  // Log the method and the error class only: inputs may hold personal data.
  console.error(redactPersonalData(`[dispatch] ${method} failed: ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`));
  return payload('INTERNAL', msg('error_INTERNAL'));
}

/**
 * Refusal for a method that cannot run in the data's current state: during a restore only the status methods run;
 * in 'recovery' only the recovery methods; in 'newer' only the status methods. Null when it may run.
 */
export function stateRefusal(ctx: ServiceContext, method: Method): ErrorPayload | null {
  const state = ctx.health?.state ?? 'ok';
  const statusOnly = (NEWER_METHODS as readonly string[]).includes(method);
  if (ctx.busy && !statusOnly) return payload('UNAVAILABLE', msg('state_restoring'));
  if (state === 'recovery' && !(RECOVERY_METHODS as readonly string[]).includes(method)) {
    return payload('UNAVAILABLE', msg('state_recovery'), { state });
  }
  if (state === 'newer' && !statusOnly) return payload('UNAVAILABLE', msg('state_newer'), { state });
  return null;
}

/** Runs `method` with raw (unvalidated) `input`. */
export async function dispatch(ctx: ServiceContext, method: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isMethod(method)) {
    return { ok: false, error: payload('UNKNOWN_METHOD', msg('unknown_method', { method: truncateText(String(method), 60) })) };
  }
  const refusal = stateRefusal(ctx, method);
  if (refusal) return { ok: false, error: refusal };
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error).toPayload() };
  try {
    if (!READS_DURING_IMPORT_WRITE.has(method)) {
      for (let w = importWriteEnded(ctx); w; w = importWriteEnded(ctx)) await w;
    }
    const handler = handlers[method] as (c: ServiceContext, i: unknown) => unknown;
    return { ok: true, value: await settled(ctx, () => handler(ctx, parsed.data)) };
  } catch (e) {
    return { ok: false, error: toPayload(e, method) };
  }
}

/**
 * Runs a service call whose input is not JSON (a streamed attachment: electron/web-host/upload-route.ts, Electron's
 * attach channel) under the same rules as {@link dispatch}: the data state's refusals, waiting for an import's write,
 * the due dates settled afterwards, errors mapped to coded payloads (AppError as is, disk full / busy actionable, the
 * rest INTERNAL and logged without the input). `passThrough` errors are rethrown instead (the caller answers them).
 */
export async function dispatchStreamed<T>(ctx: ServiceContext, method: Method, run: () => Promise<T>, passThrough: (e: unknown) => boolean = () => false): Promise<Envelope<T>> {
  const refusal = stateRefusal(ctx, method);
  if (refusal) return { ok: false, error: refusal };
  try {
    for (let w = importWriteEnded(ctx); w; w = importWriteEnded(ctx)) await w;
    return { ok: true, value: await settled(ctx, run) };
  } catch (e) {
    if (passThrough(e)) throw e;
    return { ok: false, error: toPayload(e, method) };
  }
}

/**
 * Runs one service call between two due-date settlements: marks left by a failed recompute or by an import's writes
 * are settled before it, so read methods (dashboard.get) read current due dates without writing themselves, and the
 * call's own marks right after it, whether it succeeded or threw (its error is rethrown unchanged).
 */
async function settled<T>(ctx: ServiceContext, run: () => T | Promise<T>): Promise<T> {
  settleDueDates(ctx);
  try {
    return await run();
  } finally {
    settleDueDates(ctx);
  }
}

/**
 * Recomputes the due dates a call marked (db/service/due-dates.ts) right after it, and any marks left over before
 * the next call (one index read when there are none), so the table is current for every request. A failure here is
 * logged, never reported as the call's failure: the marks stay and the next
 * reader recomputes.
 */
function settleDueDates(ctx: ServiceContext): void {
  // While an import worker writes, the marks wait for the next call (recomputing now would wait for the write lock).
  if ((ctx.health?.state ?? 'ok') !== 'ok' || ctx.busy || importWriteEnded(ctx)) return;
  try {
    flushDueDates(ctx);
  } catch (e) {
    console.error(`[due-dates] recompute failed: ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`);
  }
}
