/**
 * Client-spreadsheet import (客户台账导入): preview what a file would do, then commit it all-or-nothing.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { ClientInput, type ImportRow, type Out, type Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { analyzeRows } from '../import/analyze';
import { readTable, type RawTable } from '../import/read-table';
import { withDeferredSearchIndex } from '../search/bulk';
import { stageOf } from '../../shared/domain/stages';
import { insertClient } from './clients';
import type { ServiceContext } from './context';

/**
 * The last spreadsheet read on each connection, by a hash of its name and bytes: a preview, a re-preview with
 * another mapping and the commit all send the same file, and reading a 5,000-row xlsx takes about a second.
 */
const lastTable = new WeakMap<ServiceContext['db'], { key: string; table: RawTable }>();

/** {@link readTable}, answered from {@link lastTable} when the same file was read last on this connection. */
async function readTableOnce(ctx: ServiceContext, fileName: string, bytes: Buffer): Promise<RawTable> {
  const key = crypto.createHash('sha256').update(fileName).update('\0').update(bytes).digest('hex');
  const hit = lastTable.get(ctx.db);
  if (hit?.key === key) return hit.table;
  const table = await readTable(fileName, bytes);
  lastTable.set(ctx.db, { key, table });
  return table;
}

/** The file's bytes from base64; an empty result is BAD_FILE. */
function decode(dataBase64: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (!bytes.length) throw new AppError('BAD_FILE', '文件为空');
  return bytes;
}

/**
 * Reads and analyses an uploaded spreadsheet without writing anything.
 *
 * @param input `{ fileName, dataBase64, mapping }`; mapping null = suggested from the headings
 * @returns the preview: one row per data row with its outcome (import / flagged / duplicate), flags and reasons
 * @throws AppError('BAD_FILE') for unreadable files, a missing company-name column or no data rows
 */
export async function previewImport(ctx: ServiceContext, input: Parsed<'import.preview'>): Promise<Out<'import.preview'>> {
  const table = await readTableOnce(ctx, input.fileName, decode(input.dataBase64));
  return analyzeRows(ctx, table, input.mapping, input.fileName);
}

/**
 * Imports a spreadsheet: re-reads and re-analyses it with `input.mapping` (the database may have changed since the
 * preview), then in ONE transaction creates a client (with checklist and 'client.import' event) for every 'import'
 * row and for every flagged row listed in `input.force` that may be forced. The stage comes from the sheet
 * (default 'consultation') with its date (阶段日期 column; a client at 发证 or 后续管理 without one has no stage date —
 * shown as 阶段日期未知 — and its checklist is imported as 已通过, not as 17 missing items); a forced wrong check character is stored with usccValid false. The new clients are
 * added to the search index in one statement at the end (withDeferredSearchIndex), not one trigger call per row.
 *
 * @returns how many were imported, their ids (sheet order) and every row not imported with its reasons
 * @throws AppError('BAD_FILE') as {@link previewImport}; any error while inserting (prefixed with the sheet row when
 *   it is an AppError) rolls the whole import back, so nothing is written
 */
export async function commitImport(ctx: ServiceContext, input: Parsed<'import.commit'>): Promise<Out<'import.commit'>> {
  const table = await readTableOnce(ctx, input.fileName, decode(input.dataBase64));
  const preview = analyzeRows(ctx, table, input.mapping, input.fileName);
  const force = new Set(input.force);
  const take = (r: ImportRow) => r.outcome === 'import' || (r.outcome === 'flagged' && r.canForce && force.has(r.sheetRow));
  return withDeferredSearchIndex(ctx.db, () => {
    const clientIds: number[] = [];
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
        clientIds.push(id);
      } catch (e) {
        throw withRow(e, r);
      }
    }
    return { imported: clientIds.length, skipped, clientIds };
  });
}

/** Stage number from which a client is past 发证 (6 发证, 7 后续管理). */
const PAST_ISSUANCE = stageOf('issuance').no;

/** Names the sheet row in an AppError's message; other errors pass through unchanged. */
function withRow(e: unknown, r: ImportRow): unknown {
  const where = `第${r.sheetRow}行${r.seq ? `（序号${r.seq}）` : ''}`;
  if (e instanceof AppError) return new AppError(e.code, `${where}：${e.message}`, { ...e.details, sheetRow: r.sheetRow });
  if (e instanceof z.ZodError) return new AppError('VALIDATION', `${where}：数据不符合要求`, { sheetRow: r.sheetRow });
  return e;
}
