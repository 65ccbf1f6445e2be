import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * 0130 (issue 16, file size and read-only reads):
 * - Events' indexes that no query needs any more: `events_on (occurred_on, client_id)` (every reader of events
 *   filters by client and uses `events_client`; the date columns are read with `+occurred_on`) and
 *   `events_kind_on (kind, occurred_on, client_id)` (only the weekly roll-up's candidates read events by kind and
 *   date, and only stage moves) — 138 MB of a 789 MB file at 20,000 clients. A partial index on the stage moves'
 *   dates replaces the second (a few MB). Likewise `notes_date (note_date)` (8 MB): every reader of notes by date
 *   names the clients, so `notes_client_date` serves it. The space is reclaimed when the user chooses 压缩数据库文件 in 设置.
 * - The annual-report jobs `annualReports.list` used to create when a client's page was opened (a write inside a
 *   read): every filing year each existing licence covers (shared/domain/licence.ts annualReportApplies: issued
 *   before 01-01 of the year, valid on some day of the year before), created once here. From now on jobs are created
 *   when a licence is saved, at start and when the year changes (db/service/annual-jobs.ts).
 */
export const m0130: Migration = {
  version: 130,
  name: 'event-indexes',
  up(db: Database.Database) {
    db.exec(`
      DROP INDEX IF EXISTS events_on;
      DROP INDEX IF EXISTS events_kind_on;
      CREATE INDEX events_stage_on ON events(occurred_on, client_id) WHERE kind = 'stage';
      DROP INDEX IF EXISTS notes_date;

      INSERT OR IGNORE INTO annual_reports (client_id, year, created_at, updated_at)
      WITH RECURSIVE y(year) AS (
        SELECT min(CAST(substr(issued_on, 1, 4) AS INTEGER)) + 1 FROM licences
        UNION ALL SELECT year + 1 FROM y WHERE year <= (SELECT max(CAST(substr(expires_on, 1, 4) AS INTEGER)) FROM licences)
      )
      SELECT l.client_id, y.year, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      FROM licences l JOIN y ON l.issued_on < printf('%04d-01-01', y.year) AND l.expires_on >= printf('%04d-01-01', y.year - 1)
      ORDER BY l.client_id, y.year;
    `);
  },
};
