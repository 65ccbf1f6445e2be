/**
 * The import's set-based write: many new clients with everything a client gets when it is created one by one
 * (db/service/clients.ts insertClient: the row, its checklist from the material template, a 'client.import' and a
 * 'stage' event, its 其他信息, and what the triggers derive — pinyin sort keys, due-date marks, search n-grams), in a
 * few statements per table instead of a few per client:
 * - clients and 其他信息: multi-row INSERT … VALUES (256 rows a statement, prepared once per connection), with the
 *   sort keys and n-grams computed before the write lock (commit.ts prepareImport);
 * - checklists, events, due-date marks: one INSERT … SELECT each over the new client rows;
 * - the search index: one INSERT per n-gram table from the precomputed n-grams (json_each), as the deferred index of
 *   db/search/bulk.ts does.
 * The triggers that would do the same per row are suspended meanwhile ({@link BULK_REPLACED_TRIGGERS}; a test fails
 * when a migration adds an insert trigger this file does not replace). The result is row for row (ids included) what
 * insertClient + insertExtraInfo leave (tests/db/import-bulk-write.test.ts).
 */
import { storedAt } from '../service/event-columns';
import type { DB } from '../open';
import { STORED_KIND_SQL_0190, STORED_ON_SQL_0190, STORED_VALUE_SQL_0190 } from '../migrations/0190-compact-codes';
import { stmt } from '../service/stmt';
import { withTriggersSuspended } from '../triggers';

/** The clients columns a new client is written with, in {@link BulkClient.row} order. */
export const BULK_CLIENT_COLUMNS = [
  'name', 'uscc', 'uscc_valid', 'city', 'district', 'address', 'industry', 'platform_name', 'domain', 'icp_filing_no', 'server_location',
  'business_scope', 'legal_rep', 'legal_rep_id_number', 'contact_name', 'contact_phone', 'capital_yuan', 'founded', 'office_area_m2',
  'insured_staff', 'consultant', 'remark', 'stage', 'stage_since', 'materials_done', 'materials_total', 'search_text', 'name_sort',
  'consultant_sort', 'created_at', 'updated_at',
] as const;

/**
 * The insert triggers whose work {@link insertClientsBulk} does itself, by table: search n-grams (0050, 0090), sort
 * keys (0110), due-date marks (0070), the dashboard's stage and city counts (0140).
 */
export const BULK_REPLACED_TRIGGERS: Readonly<Record<string, readonly string[]>> = {
  clients: ['client_counts_ai', 'clients_search_ai', 'clients_sort_keys_ai', 'due_mark_clients_ai'],
  materials: ['due_mark_materials_ai'],
  events: ['due_mark_events_ai'],
  client_extra: ['client_extra_search_ai'],
};

/** One new client as {@link insertClientsBulk} writes it. */
export interface BulkClient {
  /** The clients row: one value per {@link BULK_CLIENT_COLUMNS} entry, in that order (text, number or null). */
  row: unknown[];
  /** Every checklist item starts 已通过 (a client imported past 发证); else 'missing'. */
  accepted: boolean;
  /** The client's search n-grams: db/search/grams.ts uniTokens / biTokens of the stored CLIENT_SEARCH_COLUMNS values. */
  uni: string;
  bi: string;
  /** 其他信息 with non-empty values, in order (position 0, 1, …), each with the n-grams of its value. */
  extra: ReadonlyArray<{ label: string; value: string; uni: string; bi: string }>;
}

/** Rows per multi-row INSERT, largest first: a full statement binds 256 × 31 values (SQLite allows 32,766). */
const CHUNKS = [256, 16, 1] as const;

/** Inserts `rows` (one array of values per row, in `cols` order) with multi-row INSERT statements, in order. */
function insertValues(db: DB, table: string, cols: readonly string[], rows: readonly unknown[][]): void {
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  let i = 0;
  for (const size of CHUNKS) {
    if (rows.length - i < size) continue;
    const s = stmt(db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${Array<string>(size).fill(tuple).join(', ')}`);
    for (; rows.length - i >= size; i += size) s.run(rows.slice(i, i + size).flat());
  }
}

/**
 * Inserts `clients` (in order) with checklists, events, 其他信息, due-date marks and search n-grams, inside the
 * caller's write transaction (it must be one: the suspended triggers come back on commit or rollback alike).
 * `at` is the import's instant (ISO), `on` its China date (events' occurred_on).
 * @returns the new ids in `clients` order and how many 其他信息 values were stored
 * @throws whatever SQLite throws (a UNIQUE uscc violation: check conflicts before calling); Error if the new ids are
 *   not consecutive (never with SQLite's rowid allocation in one write transaction)
 */
export function insertClientsBulk(db: DB, clients: readonly BulkClient[], at: string, on: string): { ids: number[]; extraValues: number } {
  if (!clients.length) return { ids: [], extraValues: 0 };
  const suspended = Object.values(BULK_REPLACED_TRIGGERS).flat();
  return withTriggersSuspended(db, suspended, () => {
    const base = (stmt(db, 'SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
    insertValues(db, 'clients', BULK_CLIENT_COLUMNS, clients.map((c) => c.row));
    const got = stmt(db, 'SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM clients WHERE id > ?').get(base) as { n: number; lo: number; hi: number };
    if (got.n !== clients.length || got.lo !== base + 1 || got.hi !== base + clients.length) throw new Error(`bulk insert: ids ${got.lo}…${got.hi} (${got.n}) after ${base}`);
    const ids = clients.map((_, i) => base + 1 + i);
    const accepted = JSON.stringify(ids.filter((_, i) => clients[i].accepted));

    // Checklists from the current template, client by client in template order (createChecklist's ids and order).
    stmt(db, `INSERT INTO materials (client_id, item_key, group_key, title, hint, sort, status, updated_ms)
      SELECT c.id, t.key, t.group_key, t.title, t.hint, t.sort,
        CASE WHEN c.id IN (SELECT value FROM json_each(?)) THEN 'accepted' ELSE 'missing' END, ?
      FROM clients c CROSS JOIN material_template t WHERE c.id > ? AND t.retired = 0 ORDER BY c.id, t.sort`).run(accepted, storedAt(new Date(at)), base);
    // The two events insertClient records per client, in its order.
    stmt(db, `INSERT INTO events (client_id, at, on_code, kind_code, subject, subject_title, old_code, new_code)
      SELECT c.id, @at, ${STORED_ON_SQL_0190('@on', '@at')}, ${STORED_KIND_SQL_0190('k.kind')}, NULL, NULL, NULL,
        ${STORED_VALUE_SQL_0190('CASE k.ord WHEN 0 THEN c.name ELSE c.stage END')}
      FROM clients c CROSS JOIN (SELECT 0 AS ord, 'client.import' AS kind UNION ALL SELECT 1, 'stage') k
      WHERE c.id > @base ORDER BY c.id, k.ord`).run({ at: storedAt(new Date(at)), on, base });
    // The dashboard's counts (client_counts_ai, per unarchived new client): one upsert per stage and per city.
    for (const dim of ['stage', 'city'] as const) {
      stmt(db, `INSERT INTO client_counts (dim, key, n) SELECT '${dim}', ${dim}, count(*) FROM clients WHERE id > ? AND archived = 0 GROUP BY ${dim}
        ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n`).run(base);
    }
    // Due-date marks (the triggers' NOT EXISTS: a deleted client's stale mark may carry a reused id).
    stmt(db, 'INSERT OR IGNORE INTO due_dirty (client_id) SELECT id FROM clients WHERE id > ? ORDER BY id').run(base);

    const extraBase = (stmt(db, 'SELECT coalesce(max(id), 0) AS m FROM client_extra').get() as { m: number }).m;
    const extra = clients.flatMap((c, i) => c.extra.map((e, pos) => ({ row: [ids[i], pos, e.label, e.value], uni: e.uni, bi: e.bi })));
    insertValues(db, 'client_extra', ['client_id', 'position', 'label', 'value'], extra.map((e) => e.row));
    const extraMax = (stmt(db, 'SELECT coalesce(max(id), 0) AS m FROM client_extra').get() as { m: number }).m;
    if (extraMax !== extraBase + extra.length) throw new Error(`bulk insert: client_extra ids end at ${extraMax}, not ${extraBase + extra.length}`);

    // The search index, one statement per n-gram table (rowids: the new ids, in order).
    const index = (table: string, kind: 'uni' | 'bi', first: number, grams: string[]) =>
      grams.length && stmt(db, `INSERT INTO ${table}_${kind}(rowid, ${kind}) SELECT ? + key, value FROM json_each(?) ORDER BY key`).run(first, JSON.stringify(grams));
    index('clients', 'uni', base + 1, clients.map((c) => c.uni));
    index('clients', 'bi', base + 1, clients.map((c) => c.bi));
    index('client_extra', 'uni', extraBase + 1, extra.map((e) => e.uni));
    index('client_extra', 'bi', extraBase + 1, extra.map((e) => e.bi));
    return { ids, extraValues: extra.length };
  });
}
