/**
 * Client-spreadsheet import (客户台账导入): preview what a file would do, then commit it all-or-nothing. In the hosts
 * the file is parsed in a worker thread (db/import/read-in-worker.ts) with progress (`import.progress`) and cancel
 * (`import.cancel`) per job id; the database is written only by the commit's one transaction, after reading ended.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { ClientInput, type ImportRow, type Out, type Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { analyzeRows } from '../import/analyze';
import { headerKey } from '../import/header-map';
import { rememberMapping } from '../import/mapping-memory';
import { readTable, type RawTable } from '../import/read-table';
import { cancelJob, endJob, jobProgress, readTableInWorker, setJobState, startJob, throwIfCancelled } from '../import/read-in-worker';
import { withDeferredSearchIndex } from '../search/bulk';
import { insertClient, insertExtraInfo } from './clients';
import { stageOf } from '../../shared/domain/stages';
import type { ServiceContext } from './context';

/**
 * The last spreadsheet read on each connection, by a hash of its name and bytes: a preview, a re-preview with
 * another mapping and the commit all send the same file, and reading a 5,000-row xlsx takes about a second.
 */
const lastTable = new WeakMap<ServiceContext['db'], { key: string; table: RawTable }>();

/** readTable (in a worker when `ctx.importWorker`), answered from {@link lastTable} when the same file was read last. */
async function readTableOnce(ctx: ServiceContext, fileName: string, bytes: Buffer, job: ReturnType<typeof startJob>): Promise<RawTable> {
  const key = crypto.createHash('sha256').update(fileName).update('\0').update(bytes).digest('hex');
  const hit = lastTable.get(ctx.db);
  if (hit?.key === key) return hit.table;
  const table = ctx.importWorker
    ? await readTableInWorker(fileName, bytes, job)
    : await readTable(fileName, bytes, (p) => (job.progress = { ...job.progress, ...p }));
  throwIfCancelled(job);
  lastTable.set(ctx.db, { key, table });
  return table;
}

/** The file's bytes from base64; an empty result is BAD_FILE. */
function decode(dataBase64: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (!bytes.length) throw AppError.of('BAD_FILE', msg('file_empty'));
  return bytes;
}

/**
 * Reads and analyses an uploaded spreadsheet without writing anything.
 *
 * @param input `{ fileName, dataBase64, mapping, ignore, jobId }`; mapping null = remembered for this header set, else
 *   suggested from the headings; jobId (optional) names the run for import.progress / import.cancel
 * @returns the preview: every column with its destination, one row per data row with its outcome (import / flagged /
 *   duplicate), flags, coded reasons and 其他信息 values
 * @throws AppError('BAD_FILE') for unreadable files (coded, see readTable), a missing company-name column, no data
 *   rows, more than 50,000 data rows, or import_cancelled
 */
export async function previewImport(ctx: ServiceContext, input: Parsed<'import.preview'>): Promise<Out<'import.preview'>> {
  const jobId = input.jobId ?? null;
  const job = startJob(jobId);
  try {
    const table = await readTableOnce(ctx, input.fileName, decode(input.dataBase64), job);
    return analyzeRows(ctx, table, input.mapping, input.fileName, input.ignore ?? null);
  } finally {
    endJob(jobId);
  }
}

/**
 * Imports a spreadsheet: re-reads and re-analyses it with `input.mapping` / `input.ignore` (the database may have
 * changed since the preview), then in ONE IMMEDIATE transaction creates a client (with checklist, 'client.import'
 * event and its 其他信息) for every 'import' row and for every flagged row listed in `input.force` that may be forced,
 * and remembers the mapping for this header set. The stage comes from the sheet (default 'consultation') with its
 * date (阶段日期 column; a client at 发证 or 后续管理 without one has no stage date — shown as 阶段日期未知 — and its
 * checklist is imported as 已通过, not as 17 missing items); a forced wrong check character is stored with usccValid
 * false. The new clients are added to the search index in one statement at the end (withDeferredSearchIndex).
 *
 * @returns how many were imported, how many values went to 其他信息, their ids (sheet order) and every row not
 *   imported with its reasons
 * @throws AppError('BAD_FILE') as {@link previewImport}; any error while inserting (coded import_row_failed with the
 *   sheet row) rolls the whole import back, so nothing is written; a cancel before the writing starts writes nothing
 */
export async function commitImport(ctx: ServiceContext, input: Parsed<'import.commit'>): Promise<Out<'import.commit'>> {
  const jobId = input.jobId ?? null;
  const job = startJob(jobId);
  try {
    const table = await readTableOnce(ctx, input.fileName, decode(input.dataBase64), job);
    const preview = analyzeRows(ctx, table, input.mapping, input.fileName, input.ignore ?? []);
    throwIfCancelled(job);
    setJobState(jobId, 'writing');
    const force = new Set(input.force);
    const take = (r: ImportRow) => r.outcome === 'import' || (r.outcome === 'flagged' && r.canForce && force.has(r.sheetRow));
    return withDeferredSearchIndex(ctx.db, () => {
      const clientIds: number[] = [];
      let extraValues = 0;
      const skipped: Out<'import.commit'>['skipped'] = [];
      for (const r of preview.rows) {
        if (!take(r)) {
          skipped.push({ sheetRow: r.sheetRow, seq: r.seq, reasons: r.reasons });
          continue;
        }
        try {
          const { stage, stageSince, ...values } = r.values;
          const client = ClientInput.parse(values);
          const { id } = insertClient(ctx, client, {
            stage: stage ?? 'consultation',
            // The sheet's stage date; a client imported past 发证 without one gets none ("阶段日期未知"), not the import date.
            stageSince: stageSince ?? (stage && stageOf(stage).no >= PAST_ISSUANCE ? null : undefined),
            checklistAccepted: !!stage && stageOf(stage).no >= PAST_ISSUANCE,
            allowBadCheck: r.flags.includes('uscc_check'),
            eventKind: 'client.import',
          });
          extraValues += insertExtraInfo(ctx, id, r.extra);
          clientIds.push(id);
        } catch (e) {
          throw withRow(e, r);
        }
      }
      rememberMapping(ctx, headerKey(table.rows[preview.headerRow - 1] ?? []), { mapping: preview.mapping, ignore: preview.ignore });
      return { imported: clientIds.length, extraValues, skipped, clientIds };
    });
  } finally {
    endJob(jobId);
  }
}

/** import.progress: how far the named run got. */
export function importProgress(_ctx: ServiceContext, input: Parsed<'import.progress'>): Out<'import.progress'> {
  return jobProgress(input.jobId);
}

/** import.cancel: stops the named run while it is still reading (nothing has been written then). */
export function importCancel(_ctx: ServiceContext, input: Parsed<'import.cancel'>): Out<'import.cancel'> {
  return { cancelled: cancelJob(input.jobId) };
}

/** Stage number from which a client is past 发证 (6 发证, 7 后续管理). */
const PAST_ISSUANCE = stageOf('issuance').no;

/** Names the sheet row in an error (coded import_row_failed / import_row_invalid); other errors pass through unchanged. */
function withRow(e: unknown, r: ImportRow): unknown {
  if (e instanceof AppError) {
    const detail = e.msg ?? e.message;
    return AppError.of(e.code, msg('import_row_failed', { sheetRow: r.sheetRow, detail }), { ...e.details, sheetRow: r.sheetRow });
  }
  if (e instanceof z.ZodError) return AppError.of('VALIDATION', msg('import_row_invalid', { sheetRow: r.sheetRow }), { sheetRow: r.sheetRow });
  return e;
}
