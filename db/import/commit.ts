/**
 * The import's write, split in two so the write transaction holds the lock only for the inserts: {@link prepareImport}
 * picks and validates the rows to import and computes what derives from each row alone — normalised USCC, pinyin
 * sort keys, search text and n-grams (no database access, before the lock) — and {@link writeImport} inserts them
 * set-based (bulk-insert.ts) in one IMMEDIATE transaction. The same code runs in the import worker (its own
 * connection, db/import/worker.ts) and, without a worker (tests, an in-memory database), on the calling thread — so
 * both leave identical rows, events, 其他信息, sort keys, due-date marks and search index entries, and both leave what
 * creating the same clients one by one (db/service/clients.ts insertClient) leaves.
 */
import { z } from 'zod';
import { ClientInput, type ImportPreview, type ImportRow, type Out } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { MATERIAL_DONE_STATUSES } from '../../shared/domain/materials';
import { stageOf, type StageKey } from '../../shared/domain/stages';
import { chinaToday } from '../../shared/domain/weeks';
import { biTokens, uniTokens } from '../search/grams';
import { pinyinSortKey } from '../sort-keys';
import { checkUscc, resolveIdNumber, searchTextOf, usccExistsError } from '../service/clients';
import type { ServiceContext } from '../service/context';
import { checklistSize } from '../service/materials';
import { stmt } from '../service/stmt';
import { writeTransaction } from '../tx';
import { insertClientsBulk, type BulkClient } from './bulk-insert';
import { headerKey } from './header-map';
import { rememberMapping } from './mapping-memory';
import type { RawTable } from './read-table';

/** Stage number from which a client is past 发证 (6 发证, 7 后续管理). */
const PAST_ISSUANCE = stageOf('issuance').no;

/** What a row stores that depends on the row alone (computed by prepareImport, before the write lock). */
interface Derived {
  uscc: string;
  usccValid: boolean;
  searchText: string;
  nameSort: string | null;
  consultantSort: string | null;
  uni: string;
  bi: string;
  /** 其他信息 with a value (empty ones are not stored), with the value's n-grams. */
  extra: BulkClient['extra'];
}

/** One row ready to insert: the validated client, how it is stored (insertClient's options) and its derived values. */
interface ReadyRow {
  row: ImportRow;
  client: ClientInput;
  opts: { stage: StageKey; stageSince: string | null | undefined; checklistAccepted: boolean; allowBadCheck: boolean; eventKind: 'client.import' };
  derived: Derived;
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
 * 后续管理 without one gets none — 阶段日期未知 — and its checklist is imported as 已通过). Also computes each row's
 * derived values (normalised USCC, sort keys, search text and n-grams of the client and its 其他信息).
 * @throws AppError('VALIDATION') import_row_invalid naming the sheet row when a row's values fail ClientInput, or
 *   import_row_failed when its USCC is invalid (and not a forced check-character error)
 */
export function prepareImport(table: RawTable, preview: ImportPreview, force: readonly number[]): PreparedImport {
  const forced = new Set(force);
  const take = (r: ImportRow) => r.outcome === 'import' || (r.outcome === 'flagged' && r.canForce && forced.has(r.sheetRow));
  const ready: ReadyRow[] = [];
  const skipped: PreparedImport['skipped'] = [];
  const sortKey = sortKeyCache();
  for (const r of preview.rows) {
    if (!take(r)) {
      skipped.push({ sheetRow: r.sheetRow, seq: r.seq, reasons: r.reasons });
      continue;
    }
    try {
      const { stage, stageSince, ...values } = r.values;
      const pastIssuance = !!stage && stageOf(stage).no >= PAST_ISSUANCE;
      const client = ClientInput.parse(values);
      ready.push({
        row: r,
        client,
        derived: derive(client, r, sortKey),
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
 * pinyinSortKey with a memory per value: a sheet names a few consultants thousands of times (and may repeat names),
 * and pinyin-pro's word segmentation costs about 0.1 ms a value.
 */
function sortKeyCache(): (value: string | null | undefined, person?: boolean) => string | null {
  const known = new Map<string, string | null>();
  return (value, person = false) => {
    if (value === null || value === undefined) return null;
    const k = `${person ? 'p' : 'n'}${value}`;
    let key = known.get(k);
    if (key === undefined) known.set(k, (key = pinyinSortKey(value, person)));
    return key;
  };
}

/** The values stored for `client` that depend on the row alone (what insertClient and the triggers derive). */
function derive(client: ClientInput, r: ImportRow, pinyinSortKey: ReturnType<typeof sortKeyCache>): Derived {
  const { uscc, valid } = checkUscc(client.uscc, r.flags.includes('uscc_check'));
  const stored = { ...client, uscc };
  const fields = [stored.name, uscc, stored.legalRep, stored.contactName, stored.contactPhone, stored.platformName, stored.domain];
  return {
    uscc,
    usccValid: valid,
    searchText: searchTextOf(stored),
    nameSort: pinyinSortKey(stored.name),
    consultantSort: pinyinSortKey(stored.consultant ?? null, true),
    uni: uniTokens(fields),
    bi: biTokens(fields),
    extra: r.extra.filter((e) => e.value !== '').map((e) => ({ label: e.label, value: e.value, uni: uniTokens([e.value]), bi: biTokens([e.value]) })),
  };
}

/** 'accepted' counts as done (materials_done of a checklist imported as 已通过). */
const ACCEPTED_IS_DONE = MATERIAL_DONE_STATUSES.includes('accepted');

/** The clients row of `r` (bulk-insert.ts BULK_CLIENT_COLUMNS order) at the import's instant. */
function clientRow(ctx: ServiceContext, r: ReadyRow, at: string, today: string, total: number): unknown[] {
  const c = r.client;
  const d = r.derived;
  const accepted = r.opts.checklistAccepted;
  return [
    c.name, d.uscc, d.usccValid ? 1 : 0, c.city, c.district ?? null, c.address ?? null, c.industry, c.platformName ?? null, c.domain ?? null,
    c.icpFilingNo ?? null, c.serverLocation ?? null, c.businessScope ?? null, c.legalRep ?? null, resolveIdNumber(ctx, c.legalRepIdNumber ?? null),
    c.contactName ?? null, c.contactPhone ?? null, c.capitalYuan ?? null, c.founded ?? null, c.officeAreaM2 ?? null, c.insuredStaff ?? null,
    c.consultant ?? null, c.remark ?? null, r.opts.stage, r.opts.stageSince === undefined ? today : r.opts.stageSince,
    accepted && ACCEPTED_IS_DONE ? total : 0, total, d.searchText, d.nameSort, d.consultantSort, at, at,
  ];
}

/**
 * Inserts the prepared rows in ONE IMMEDIATE transaction on `ctx.db`, set-based (bulk-insert.ts): the clients with
 * their checklists, a 'client.import' and a 'stage' event each, their 其他信息, sort keys, due-date marks and search
 * index entries, then the mapping remembered for the header set. Per row, before anything is inserted: the ID number
 * checked at the import's date and the USCC checked against the register and the rows before it.
 * @returns the commit's answer: how many were imported, how many 其他信息 values were stored, the new ids in sheet
 *   order and the skipped rows
 * @throws AppError CONFLICT import_row_failed naming the sheet row when its USCC is in the register (saved since the
 *   check) or on an earlier row; VALIDATION import_row_failed for an ID number that fails; any SQLite error. The
 *   transaction is rolled back, so nothing is written.
 */
export function writeImport(ctx: ServiceContext, prepared: PreparedImport): Out<'import.commit'> {
  return writeTransaction(ctx.db, () => {
    const now = ctx.now();
    const at = now.toISOString();
    const today = chinaToday(now);
    const total = checklistSize(ctx);
    const base = (stmt(ctx.db, 'SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
    const usccs = prepared.ready.map((r) => r.derived.uscc);
    const held = new Map<string, { id: number; name: string }>();
    for (const h of stmt(ctx.db, 'SELECT uscc, id, name FROM clients WHERE uscc IN (SELECT value FROM json_each(?))').all(JSON.stringify(usccs)) as { uscc: string; id: number; name: string }[]) {
      held.set(h.uscc, { id: h.id, name: h.name });
    }
    const rows: BulkClient[] = prepared.ready.map((r, i) => {
      try {
        const row = clientRow(ctx, r, at, today, total);
        const hit = held.get(r.derived.uscc);
        if (hit) throw usccExistsError(hit);
        held.set(r.derived.uscc, { id: base + 1 + i, name: r.client.name });
        return { row, accepted: r.opts.checklistAccepted, uni: r.derived.uni, bi: r.derived.bi, extra: r.derived.extra };
      } catch (e) {
        throw withRow(e, r.row);
      }
    });
    const { ids, extraValues } = insertClientsBulk(ctx.db, rows, at, today);
    rememberMapping(ctx, prepared.remember.key, { mapping: prepared.remember.mapping, ignore: prepared.remember.ignore });
    return { imported: ids.length, extraValues, skipped: prepared.skipped, clientIds: ids };
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
