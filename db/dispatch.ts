/**
 * The single dispatch point shared by every transport: checks the method is in the contract, parses the input with
 * its zod schema, runs the handler and wraps the result as an {@link Envelope}. Never throws; never lets a raw Error
 * cross the boundary (unexpected errors become INTERNAL with a generic Chinese message, logged without input data).
 */
import { z } from 'zod';
import { contract, isMethod, type Envelope, type Method } from '../shared/contract';
import { AppError, type ErrorPayload } from '../shared/errors';
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
  'changes.list', 'inspections.list', 'inspectionTemplate.list', 'attachments.list', 'attachments.get', 'backup.status', 'backup.list',
]);

z.config(z.locales.zhCN());

/** Turns a zod error into VALIDATION with one `{ path, message }` per issue (Chinese messages). */
export function validationError(err: z.ZodError): AppError {
  const fields = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  // The sentence shown to the user carries no internal field names; details.fields keep the paths for inline errors.
  const message = `输入有误：${[...new Set(fields.map((f) => f.message))].join('；')}`;
  return new AppError('VALIDATION', truncateText(message, 500), { fields });
}

/** The Chinese messages for failures the user can act on (shown as they are; nothing was changed in each case). */
export const ACTIONABLE_MESSAGES = {
  DISK_FULL: '磁盘空间不足，数据未更改。请清理磁盘空间后重试。',
  BUSY: '数据正被另一个窗口使用，请稍后重试。',
} as const;

/**
 * Maps an error from SQLite or the file system to a code the user can act on, or null: SQLITE_FULL / ENOSPC / EDQUOT
 * → DISK_FULL; SQLITE_BUSY* / SQLITE_LOCKED* (the write lock still held elsewhere after busy_timeout) → BUSY.
 * better-sqlite3's SqliteError carries the extended code in `code` (e.g. 'SQLITE_BUSY_SNAPSHOT'); Node's fs errors
 * carry the errno name in `code`.
 */
export function actionableError(e: unknown): ErrorPayload | null {
  const code = e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : '';
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR_WRITE') && /full|space/i.test(String((e as Error).message)) || code === 'ENOSPC' || code === 'EDQUOT') {
    return { code: 'DISK_FULL', message: ACTIONABLE_MESSAGES.DISK_FULL };
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { code: 'BUSY', message: ACTIONABLE_MESSAGES.BUSY };
  return null;
}

function toPayload(e: unknown, method: string): ErrorPayload {
  if (e instanceof AppError) return e.toPayload();
  if (e instanceof NewerDatabaseError) return e.toPayload();
  const actionable = actionableError(e);
  if (actionable) return actionable;
  // Log the method and the error class only: inputs may hold personal data.
  console.error(redactPersonalData(`[dispatch] ${method} failed: ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`));
  return { code: 'INTERNAL', message: '操作失败，数据未更改。请重试；如果问题持续，请备份数据后联系技术支持。' };
}

/**
 * Refusal for a method that cannot run in the data's current state: during a restore only the status methods run;
 * in 'recovery' only the recovery methods; in 'newer' only the status methods. Null when it may run.
 */
export function stateRefusal(ctx: ServiceContext, method: Method): ErrorPayload | null {
  const state = ctx.health?.state ?? 'ok';
  const statusOnly = (NEWER_METHODS as readonly string[]).includes(method);
  if (ctx.busy && !statusOnly) return { code: 'UNAVAILABLE', message: '正在恢复数据，请稍候再试' };
  if (state === 'recovery' && !(RECOVERY_METHODS as readonly string[]).includes(method)) {
    return { code: 'UNAVAILABLE', message: '数据库文件已损坏，请先在恢复页面恢复备份', details: { state } };
  }
  if (state === 'newer' && !statusOnly) return { code: 'UNAVAILABLE', message: '数据由更新版本的许可通创建，请升级程序后再打开', details: { state } };
  return null;
}

/** Runs `method` with raw (unvalidated) `input`. */
export async function dispatch(ctx: ServiceContext, method: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isMethod(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的接口：${truncateText(String(method), 60)}` } };
  }
  const refusal = stateRefusal(ctx, method);
  if (refusal) return { ok: false, error: refusal };
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error).toPayload() };
  try {
    if (!READS_DURING_IMPORT_WRITE.has(method)) {
      for (let w = importWriteEnded(); w; w = importWriteEnded()) await w;
    }
    const handler = handlers[method] as (c: ServiceContext, i: unknown) => unknown;
    const value = await handler(ctx, parsed.data);
    settleDueDates(ctx);
    return { ok: true, value };
  } catch (e) {
    settleDueDates(ctx);
    return { ok: false, error: toPayload(e, method) };
  }
}

/**
 * Recomputes the due dates a call marked (db/service/due-dates.ts) right after it, so the table is current before
 * the next request. A failure here is logged, never reported as the call's failure: the marks stay and the next
 * reader recomputes.
 */
function settleDueDates(ctx: ServiceContext): void {
  // While an import worker writes, the marks wait for the next call (recomputing now would wait for the write lock).
  if ((ctx.health?.state ?? 'ok') !== 'ok' || ctx.busy || importWriteEnded()) return;
  try {
    flushDueDates(ctx);
  } catch (e) {
    console.error(`[due-dates] recompute failed: ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`);
  }
}
