import type { Migration } from './index';

/** Tables whose rows mark a client's due dates for recomputation, with the columns that matter (issue 16). */
const MARKS: Array<{ table: string; events: string[] }> = [
  { table: 'process_dates', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'licences', events: ['INSERT', 'UPDATE OF client_id', 'DELETE'] },
  { table: 'change_filings', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'materials', events: ['INSERT', 'UPDATE OF status, due_date, title, sort', 'DELETE'] },
];

/**
 * 0070: the materialised open due dates (issue 16). `due_dates` holds each client's open process deadlines
 * (pre_review … material_target, for clients not archived and not in after-care) and open change filings (agency
 * deadline), with start and due date, indexed by due date, so the dashboard reads a window instead of deriving every
 * client. Triggers mark a client in `due_dirty` in the same transaction as any change that can move its due dates
 * (stage, archive, process dates, materials, material status events, licences, change filings; a holiday-calendar
 * edit marks the clients with a row spanning the years it touches); db/service/due-dates.ts recomputes the marked
 * clients right after the change and before any read.
 * Also `note_versions` (filled by 0080 and notes.update): a note's earlier text and date, each with the instant it
 * was replaced, so a weekly summary shows a note as it was at the end of its week. Every client starts marked. (The triggers insert with NOT EXISTS,
 * not OR IGNORE: an outer statement's conflict clause, e.g. an upsert's, would override the trigger's.)
 */
export const m0070: Migration = {
  version: 70,
  name: 'due-dates-note-versions',
  up(db) {
    db.exec(`
      CREATE TABLE due_dates (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('process', 'change')),
        rule TEXT NOT NULL,
        ref_id INTEGER,
        start TEXT NOT NULL,
        due TEXT NOT NULL,
        subject TEXT,
        subject_key TEXT
      ) STRICT;
      CREATE INDEX due_dates_due ON due_dates(due);
      CREATE INDEX due_dates_client ON due_dates(client_id);
      CREATE TABLE due_dirty (client_id INTEGER PRIMARY KEY) STRICT;
      CREATE TABLE note_versions (
        id INTEGER PRIMARY KEY,
        note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        note_date TEXT NOT NULL,
        body TEXT NOT NULL,
        replaced_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX note_versions_note ON note_versions(note_id, replaced_at);
      INSERT INTO due_dirty (client_id) SELECT id FROM clients;

      CREATE TRIGGER due_mark_clients_ai AFTER INSERT ON clients BEGIN INSERT INTO due_dirty SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM due_dirty WHERE client_id = NEW.id); END;
      CREATE TRIGGER due_mark_clients_au AFTER UPDATE OF stage, archived ON clients BEGIN INSERT INTO due_dirty SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM due_dirty WHERE client_id = NEW.id); END;
      CREATE TRIGGER due_mark_events_ai AFTER INSERT ON events WHEN NEW.kind IN ('stage', 'material.status')
        BEGIN INSERT INTO due_dirty SELECT NEW.client_id WHERE NOT EXISTS (SELECT 1 FROM due_dirty WHERE client_id = NEW.client_id); END;
    `);
    for (const { table, events } of MARKS) {
      for (const ev of events) {
        const tag = ev.split(' ')[0].toLowerCase().slice(0, 1);
        const rows = ev === 'DELETE' ? ['OLD'] : ev === 'INSERT' ? ['NEW'] : ['OLD', 'NEW'];
        db.exec(`CREATE TRIGGER due_mark_${table}_a${tag} AFTER ${ev} ON ${table} BEGIN
          ${rows.map((r) => `INSERT INTO due_dirty SELECT ${r}.client_id WHERE NOT EXISTS (SELECT 1 FROM due_dirty WHERE client_id = ${r}.client_id);`).join(' ')} END;`);
      }
    }
    // A holiday-year edit can move only deadlines whose span touches the dates it lists (its year ± 1).
    for (const [ev, rows] of [['INSERT', ['NEW']], ['UPDATE', ['OLD', 'NEW']], ['DELETE', ['OLD']]] as const) {
      db.exec(`CREATE TRIGGER due_mark_holiday_years_a${ev[0].toLowerCase()} AFTER ${ev} ON holiday_years BEGIN
        ${rows.map((r) => `INSERT INTO due_dirty SELECT DISTINCT d.client_id FROM due_dates d
          WHERE d.start <= printf('%04d-12-31', ${r}.year + 1) AND d.due >= printf('%04d-01-01', ${r}.year - 1)
            AND NOT EXISTS (SELECT 1 FROM due_dirty x WHERE x.client_id = d.client_id);`).join(' ')} END;`);
    }
  },
};
