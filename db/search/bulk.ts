/**
 * Bulk writes without per-row index upkeep. The search index triggers (0050) cost ~0.2 ms a row in a long
 * transaction, because FTS5 flushes its pending data at every statement savepoint a trigger opens; a bulk load
 * (the benchmark's generator, a spreadsheet import) instead indexes all its new rows with one statement per table.
 */
import type Database from 'better-sqlite3';
import { CLIENT_SEARCH_COLUMNS } from '../migrations/0050-search';
import { writeTransaction } from '../tx';
import { withTriggersSuspended } from '../triggers';

/** The AFTER INSERT triggers that index new rows, with the source table and the indexed columns. */
const INSERT_TRIGGERS = [
  { trigger: 'clients_search_ai', table: 'clients', columns: CLIENT_SEARCH_COLUMNS as readonly string[] },
  { trigger: 'notes_search_ai', table: 'notes', columns: ['body'] },
  { trigger: 'client_extra_search_ai', table: 'client_extra', columns: ['value'] },
] as const;

/**
 * Runs `fn` in one transaction with the search index's insert triggers suspended, then indexes every client and
 * note whose id is above the maximum before `fn` ran (new rows of an INTEGER PRIMARY KEY table get such ids; rows
 * `fn` inserts with a lower explicit id would be missed) and restores the triggers. Updates and deletes inside `fn`
 * keep their triggers. All or nothing (one IMMEDIATE transaction): if `fn` throws, everything (triggers included) is
 * rolled back.
 */
export function withDeferredSearchIndex<T>(db: Database.Database, fn: () => T): T {
  return writeTransaction(db, () => {
    const max = INSERT_TRIGGERS.map((t) => (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${t.table}`).get() as { m: number }).m);
    return withTriggersSuspended(db, INSERT_TRIGGERS.map((t) => t.trigger), () => {
      const result = fn();
      INSERT_TRIGGERS.forEach((t, i) => {
        const cols = t.columns.join(', ');
        db.prepare(`INSERT INTO ${t.table}_uni(rowid, uni) SELECT id, icp_search_uni(${cols}) FROM ${t.table} WHERE id > ?`).run(max[i]);
        db.prepare(`INSERT INTO ${t.table}_bi(rowid, bi) SELECT id, icp_search_bi(${cols}) FROM ${t.table} WHERE id > ?`).run(max[i]);
      });
      return result;
    });
  });
}

/** The contentless n-gram tables of 0050 and what they index. */
export const SEARCH_INDEXES = [
  { table: 'clients', columns: CLIENT_SEARCH_COLUMNS as readonly string[] },
  { table: 'notes', columns: ['body'] as readonly string[] },
  { table: 'client_extra', columns: ['value'] as readonly string[] },
] as const;

/**
 * Rebuilds the search n-gram tables (`<table>_uni`, `<table>_bi`) from their source rows: used after a bulk load
 * that bypassed the triggers (the JSON import). Contentless FTS5 tables cannot 'rebuild' themselves, so they are
 * emptied with 'delete-all' and refilled. Run inside the caller's transaction.
 */
export function reindexSearch(db: Database.Database): void {
  for (const t of SEARCH_INDEXES) {
    const cols = t.columns.join(', ');
    for (const kind of ['uni', 'bi'] as const) {
      db.prepare(`INSERT INTO ${t.table}_${kind}(${t.table}_${kind}) VALUES ('delete-all')`).run();
      db.prepare(`INSERT INTO ${t.table}_${kind}(rowid, ${kind}) SELECT id, icp_search_${kind}(${cols}) FROM ${t.table}`).run();
    }
  }
}

/** True for the contentless n-gram tables {@link reindexSearch} maintains. */
export function isSearchIndexTable(name: string): boolean {
  return SEARCH_INDEXES.some((t) => name === `${t.table}_uni` || name === `${t.table}_bi`);
}
