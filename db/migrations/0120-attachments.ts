import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * Attachments (issue 18): the files behind a material item. The bytes live in `<data folder>/files/` named by their
 * SHA-256 (content-addressed, immutable); this table holds the metadata. A file row belongs to one material item of
 * one client; deleting the client deletes its rows (the files no longer referenced are removed by the service).
 */
export const m0120: Migration = {
  version: 120,
  name: 'attachments',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        material_id INTEGER NOT NULL REFERENCES materials(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size > 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        kind TEXT NOT NULL,
        mime TEXT NOT NULL,
        pages INTEGER,
        width INTEGER,
        height INTEGER,
        pdf_problem TEXT,
        low_resolution INTEGER NOT NULL DEFAULT 0,
        sort INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL,
        added_by TEXT
      ) STRICT;
      CREATE INDEX attachments_by_material ON attachments (material_id, sort, id);
      CREATE INDEX attachments_by_client ON attachments (client_id);
      CREATE INDEX attachments_by_sha ON attachments (sha256);
    `);
  },
};
