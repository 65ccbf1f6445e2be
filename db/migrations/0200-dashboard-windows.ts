import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * 0200 (issue 16): what the dashboard needs to read its windows without reading every row in them, so that its cost
 * follows what it shows (`limit` rows per list), not the agency's size (it grew 2.1–3.4× from 20,000 to 100,000
 * clients, linear in the licences expiring within six months and the due dates within 14 days).
 *
 * - `renewal_counts`: per expiry date, the licences not yet renewed whose client is not archived — what the
 *   dashboard's renewal total counts — kept by triggers in the same statement as every change that moves them
 *   (`n` may reach 0; readers sum). What moves a count, and the trigger that follows it:
 *   - a licence created, removed, renewed (or un-renewed), its expiry or client changed: `renewal_counts_l*`;
 *   - a client archived or restored: `renewal_counts_c_arch`;
 *   - a client removed: `renewal_counts_c_del`, BEFORE the row goes — the licence its removal cascades to is deleted
 *     once the client row is already gone, so the licence's own trigger sees no live client and counts nothing
 *     (as 0170's `annual_counts`).
 *   Derived: not exported; the JSON import recomputes it ({@link RENEWAL_COUNTS_REBUILD}).
 * - `licences_open_expiry`: the licences not yet renewed by expiry date, so the shown renewals are read in order and
 *   stop at the limit.
 * - `clients_active_note`: the unarchived clients in progress (every stage but aftercare) by last note date and
 *   pinyin name and id (and their stage), so "no progress note this week" is counted from the index alone and its first
 *   rows are read in order, stopping at the limit.
 * - `due_dates_due_start` replaces `due_dates_due` (same leading column): the due window's earliest start (whether
 *   the working-day calendar covers every year its timings touch) is read from the index alone.
 */
export const m0200: Migration = {
  version: 200,
  name: 'dashboard-windows',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE renewal_counts (
        expires_on TEXT PRIMARY KEY,
        n INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      ${RENEWAL_COUNTS_REBUILD}
      CREATE TRIGGER renewal_counts_li AFTER INSERT ON licences WHEN ${open('NEW')} BEGIN ${add('NEW.expires_on', '1')} END;
      CREATE TRIGGER renewal_counts_ld AFTER DELETE ON licences WHEN ${open('OLD')} BEGIN ${add('OLD.expires_on', '-1')} END;
      CREATE TRIGGER renewal_counts_lu_old AFTER UPDATE OF expires_on, renewal_applied_on, client_id ON licences WHEN ${open('OLD')}
        BEGIN ${add('OLD.expires_on', '-1')} END;
      CREATE TRIGGER renewal_counts_lu_new AFTER UPDATE OF expires_on, renewal_applied_on, client_id ON licences WHEN ${open('NEW')}
        BEGIN ${add('NEW.expires_on', '1')} END;
      CREATE TRIGGER renewal_counts_c_arch AFTER UPDATE OF archived ON clients WHEN (OLD.archived = 0) <> (NEW.archived = 0) BEGIN
        INSERT INTO renewal_counts (expires_on, n)
          SELECT expires_on, CASE WHEN NEW.archived = 0 THEN 1 ELSE -1 END FROM licences WHERE client_id = NEW.id AND renewal_applied_on IS NULL
          ON CONFLICT (expires_on) DO UPDATE SET n = n + excluded.n;
      END;
      CREATE TRIGGER renewal_counts_c_del BEFORE DELETE ON clients WHEN OLD.archived = 0 BEGIN
        INSERT INTO renewal_counts (expires_on, n)
          SELECT expires_on, -1 FROM licences WHERE client_id = OLD.id AND renewal_applied_on IS NULL
          ON CONFLICT (expires_on) DO UPDATE SET n = n + excluded.n;
      END;

      CREATE INDEX licences_open_expiry ON licences(expires_on) WHERE renewal_applied_on IS NULL;
      CREATE INDEX clients_active_note ON clients(last_note_date, name_sort, id, stage) WHERE archived = 0 AND stage <> 'aftercare';
      CREATE INDEX due_dates_due_start ON due_dates(due, start);
      DROP INDEX IF EXISTS due_dates_due;
    `);
  },
};

/** SQL: the licence row `row` (NEW or OLD) is counted: not renewed, and its client exists and is not archived. */
function open(row: 'NEW' | 'OLD'): string {
  return `(${row}.renewal_applied_on IS NULL AND EXISTS (SELECT 1 FROM clients WHERE id = ${row}.client_id AND archived = 0))`;
}

/** SQL: adds `delta` to the count of the expiry date `date`. */
function add(date: string, delta: string): string {
  return `INSERT INTO renewal_counts (expires_on, n) VALUES (${date}, ${delta}) ON CONFLICT (expires_on) DO UPDATE SET n = n + (${delta});`;
}

/** SQL: `renewal_counts` counted again from the licences (the migration; after a JSON import, whose triggers are off). */
export const RENEWAL_COUNTS_REBUILD = `
  DELETE FROM renewal_counts;
  INSERT INTO renewal_counts (expires_on, n)
    SELECT l.expires_on, count(*) FROM licences l JOIN clients c ON c.id = l.client_id
    WHERE c.archived = 0 AND l.renewal_applied_on IS NULL GROUP BY l.expires_on;`;
