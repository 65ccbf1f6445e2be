import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * 0170 (issue 16): the dashboard's annual-report totals per filing year, kept in `annual_counts` by triggers in the
 * same statement as every change that moves them, instead of joining every job of the year with its client and
 * licence on each call (8.5 ms at 20,000 clients with 1,258 jobs, 62 ms at 100,000 with 40,000 jobs).
 *
 * A job counts when the dashboard lists it: its client is not archived and has a licence. `year` is the filing year,
 * `filed` 1 when `filed_on` is set, `n` the counted jobs (rows may reach 0; readers skip them). What moves a count, and
 * the trigger that follows it:
 * - a job created, removed, filed or reopened (or moved to another year or client): `annual_counts_a*`;
 * - a licence created or removed (all the client's jobs start or stop counting): `annual_counts_l*`;
 * - a client archived or restored: `annual_counts_c_arch`;
 * - a client removed: `annual_counts_c_del`, BEFORE the row goes — the jobs and licence its removal cascades to are
 *   deleted once the client row is already gone, so their own triggers see no live client and count nothing.
 * Derived: not exported; the JSON import recomputes it ({@link ANNUAL_COUNTS_REBUILD}).
 *
 * Also (the weekly roll-up, issue 16): `attachments_by_client (client_id)` becomes `(client_id, added_at,
 * material_id)`, so "files attached by the end of the week, per item" (db/service/weekly.ts) reads the index alone
 * instead of every attachment row of the week's clients (15.5 → 5.9 ms for 300 clients at 20,000). Same leading
 * column: whatever used the old index uses the new one.
 */
export const m0170: Migration = {
  version: 170,
  name: 'annual-counts',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE annual_counts (
        year INTEGER NOT NULL,
        filed INTEGER NOT NULL CHECK (filed IN (0, 1)),
        n INTEGER NOT NULL,
        PRIMARY KEY (year, filed)
      ) STRICT, WITHOUT ROWID;
      ${ANNUAL_COUNTS_REBUILD}
      CREATE TRIGGER annual_counts_ai AFTER INSERT ON annual_reports WHEN ${live('NEW.client_id')} BEGIN ${one('NEW', 1)} END;
      CREATE TRIGGER annual_counts_ad AFTER DELETE ON annual_reports WHEN ${live('OLD.client_id')} BEGIN ${one('OLD', -1)} END;
      CREATE TRIGGER annual_counts_au_old AFTER UPDATE OF year, filed_on, client_id ON annual_reports WHEN ${live('OLD.client_id')} BEGIN ${one('OLD', -1)} END;
      CREATE TRIGGER annual_counts_au_new AFTER UPDATE OF year, filed_on, client_id ON annual_reports WHEN ${live('NEW.client_id')} BEGIN ${one('NEW', 1)} END;
      CREATE TRIGGER annual_counts_li AFTER INSERT ON licences
        WHEN EXISTS (SELECT 1 FROM clients WHERE id = NEW.client_id AND archived = 0) BEGIN ${all('NEW.client_id', 1)} END;
      CREATE TRIGGER annual_counts_ld AFTER DELETE ON licences
        WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id AND archived = 0) BEGIN ${all('OLD.client_id', -1)} END;
      CREATE TRIGGER annual_counts_lu AFTER UPDATE OF client_id ON licences WHEN OLD.client_id <> NEW.client_id BEGIN
        ${all('OLD.client_id', -1, 'EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id AND archived = 0) AND NOT EXISTS (SELECT 1 FROM licences WHERE client_id = OLD.client_id)')}
        ${all('NEW.client_id', 1, 'EXISTS (SELECT 1 FROM clients WHERE id = NEW.client_id AND archived = 0)')}
      END;
      CREATE TRIGGER annual_counts_c_arch AFTER UPDATE OF archived ON clients
        WHEN (OLD.archived = 0) <> (NEW.archived = 0) AND EXISTS (SELECT 1 FROM licences WHERE client_id = NEW.id) BEGIN
        ${all('NEW.id', 'CASE WHEN NEW.archived = 0 THEN 1 ELSE -1 END')}
      END;
      CREATE TRIGGER annual_counts_c_del BEFORE DELETE ON clients
        WHEN OLD.archived = 0 AND EXISTS (SELECT 1 FROM licences WHERE client_id = OLD.id) BEGIN ${all('OLD.id', -1)} END;

      CREATE INDEX IF NOT EXISTS attachments_by_client_added ON attachments (client_id, added_at, material_id);
      DROP INDEX IF EXISTS attachments_by_client;
    `);
  },
};

/** SQL: the client `id` is shown on the dashboard's annual reports (not archived, has a licence). */
function live(id: string): string {
  return `(EXISTS (SELECT 1 FROM clients WHERE id = ${id} AND archived = 0) AND EXISTS (SELECT 1 FROM licences WHERE client_id = ${id}))`;
}

/** SQL: adds `delta` to the count of one job row (`row` is NEW or OLD). */
function one(row: 'NEW' | 'OLD', delta: 1 | -1): string {
  return `INSERT INTO annual_counts (year, filed, n) VALUES (${row}.year, ${row}.filed_on IS NOT NULL, ${delta})
    ON CONFLICT (year, filed) DO UPDATE SET n = n + (${delta});`;
}

/** SQL: adds `delta` (an SQL expression: 1 or -1) per job of client `id` to the counts, optionally only `when`. */
function all(id: string, delta: number | string, when = '1'): string {
  return `INSERT INTO annual_counts (year, filed, n)
    SELECT year, filed_on IS NOT NULL, (${delta}) * count(*) FROM annual_reports WHERE client_id = ${id} AND ${when} GROUP BY year, filed_on IS NOT NULL
    ON CONFLICT (year, filed) DO UPDATE SET n = n + excluded.n;`;
}

/** Recomputes `annual_counts` from the jobs, clients and licences (migration 0170; the JSON import after loading with its triggers off). */
export const ANNUAL_COUNTS_REBUILD = `
  DELETE FROM annual_counts;
  INSERT INTO annual_counts (year, filed, n)
    SELECT a.year, a.filed_on IS NOT NULL, count(*) FROM annual_reports a JOIN clients c ON c.id = a.client_id
    WHERE c.archived = 0 AND EXISTS (SELECT 1 FROM licences l WHERE l.client_id = a.client_id) GROUP BY 1, 2;`;
