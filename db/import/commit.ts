/**
 * The import's write, split in two so the write transaction holds the lock only for the inserts: {@link prepareImport}
 * picks and validates the rows to import (no database access), {@link writeImport} inserts them in one IMMEDIATE
 * transaction. The same code runs in the import worker (its own connection, db/import/worker.ts) and, without a
 * worker (tests, an in-memory database), on the calling thread — so both leave identical rows, events, 其他信息, sort
 * keys, due-date marks and search index entries.
 */
import { z } from 'zod';
import { ClientInput, type ImportPreview, type ImportRow, type Out } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { stageOf, type StageKey } from '../../shared/domain/stages';
import { withDeferredSearchIndex } from '../search/bulk';
import { insertClient, insertExtraInfo } from '../service/clients';
import type { ServiceContext } from '../service/context';
import { headerKey } from './header-map';
import { rememberMapping } from './mapping-memory';
import type { RawTable } from './read-table';

/** Stage number from which a client is past 发证 (6 发证, 7 后续管理). */
const PAST_ISSUANCE = stageOf('issuance').no;

/** One row ready to insert: the validated client and how insertClient stores it. */
interface ReadyRow {
  row: ImportRow;
  client: ClientInput;
  opts: { stage: StageKey; stageSince: string | null | undefined; checklistAccepted: boolean; allowBadCheck: boolean; eventKind: 'client.import' };
}

/** What {@link prepareImport} hands to {@link writeImport}. */
export interface PreparedImport {
  ready: ReadyRow[];
  skipped: Out<'import.commit'>['skipped'];
  /** The header set's key and the mapping to remember for it (import_mappings). */
  remember: { key: string; mapping: ImportPreview['mapping']; ignore: number[] };
}

/**
 * Chooses what a commit writes: every 'import' row and every flagged row listed in `force` that may be forced; the
 * rest are `skipped` with their reasons. Each chosen row's values are parsed with ClientInput here, before any
 * transaction. The stage comes from the sheet (default 'consultation') with its date (阶段日期; a client at 发证 or
 * 后续管理 without one gets none — 阶段日期未知 — and its checklist is imported as 已通过).
 * @throws AppError('VALIDATION') import_row_invalid naming the sheet row when a row's values fail ClientInput
 */
export function prepareImport(table: RawTable, preview: ImportPreview, force: readonly number[]): PreparedImport {
  const forced = new Set(force);
  const take = (r: ImportRow) => r.outcome === 'import' || (r.outcome === 'flagged' && r.canForce && forced.has(r.sheetRow));
  const ready: ReadyRow[] = [];
  const skipped: PreparedImport['skipped'] = [];
  for (const r of preview.rows) {
    if (!take(r)) {
      skipped.push({ sheetRow: r.sheetRow, seq: r.seq, reasons: r.reasons });
      continue;
    }
    try {
      const { stage, stageSince, ...values } = r.values;
      const pastIssuance = !!stage && stageOf(stage).no >= PAST_ISSUANCE;
      ready.push({
        row: r,
        client: ClientInput.parse(values),
        opts: {
          stage: stage ?? 'consultation',
          // The sheet's stage date; a client imported past 发证 without one gets none ("阶段日期未知"), not the import date.
          stageSince: stageSince ?? (pastIssuance ? null : undefined),
          checklistAccepted: pastIssuance,
          allowBadCheck: r.flags.includes('uscc_check'),
          eventKind: 'client.import',
        },
      });
    } catch (e) {
      throw withRow(e, r);
    }
  }
  const key = headerKey(table.rows[preview.headerRow - 1] ?? []);
  return { ready, skipped, remember: { key, mapping: preview.mapping, ignore: preview.ignore } };
}

/**
 * Inserts the prepared rows in ONE IMMEDIATE transaction on `ctx.db`: per row the client (with checklist, a
 * 'client.import' and a 'stage' event) and its 其他信息, then the mapping remembered for the header set; the search
 * index takes the new rows in one statement per table at the end (withDeferredSearchIndex). Triggers keep the pinyin
 * sort keys and mark the new clients' due dates in the same transaction.
 * @returns the commit's answer: how many were imported, how many 其他信息 values were stored, the new ids in sheet
 *   order and the skipped rows
 * @throws any insert error (a USCC saved meanwhile → CONFLICT, coded import_row_failed with the sheet row); the
 *   transaction is rolled back, so nothing is written
 */
export function writeImport(ctx: ServiceContext, prepared: PreparedImport): Out<'import.commit'> {
  return withDeferredSearchIndex(ctx.db, () => {
    const clientIds: number[] = [];
    let extraValues = 0;
    for (const { row, client, opts } of prepared.ready) {
      try {
        const { id } = insertClient(ctx, client, opts);
        extraValues += insertExtraInfo(ctx, id, row.extra);
        clientIds.push(id);
      } catch (e) {
        throw withRow(e, row);
      }
    }
    rememberMapping(ctx, prepared.remember.key, { mapping: prepared.remember.mapping, ignore: prepared.remember.ignore });
    return { imported: clientIds.length, extraValues, skipped: prepared.skipped, clientIds };
  });
}

/** Names the sheet row in an error (coded import_row_failed / import_row_invalid); other errors pass through unchanged. */
function withRow(e: unknown, r: ImportRow): unknown {
  if (e instanceof AppError) {
    const detail = e.msg ?? e.message;
    return AppError.of(e.code, msg('import_row_failed', { sheetRow: r.sheetRow, detail }), { ...e.details, sheetRow: r.sheetRow });
  }
  if (e instanceof z.ZodError) return AppError.of('VALIDATION', msg('import_row_invalid', { sheetRow: r.sheetRow }), { sheetRow: r.sheetRow });
  return e;
}
