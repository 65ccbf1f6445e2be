import type { Migration } from './index';
import { BI_TABLE_OPTIONS, UNI_TABLE_OPTIONS } from '../search/grams';
import { registerSearchFunctions } from '../search/sql-functions';

/**
 * 0090 (import keeps every cell, issue 13):
 * - `client_extra`: a client's 其他信息, the values of spreadsheet columns that map to no client field, as an ordered
 *   list of heading → raw text (`position` 0, 1, … per client; `label` the column heading, `value` the cell text as
 *   written, leading zeros and line breaks kept). Deleted with the client.
 * - `client_extra_uni` / `client_extra_bi`: the n-gram search index of `value` (same scheme as 0050's, kept by
 *   triggers), so the register's search finds a client by a value in its 其他信息.
 * - `import_mappings`: the column mapping the user last committed for a header set (`header_key` = the normalised
 *   headings joined by U+001F), as JSON `{ mapping, ignore }`, so the same kind of sheet needs no clicks next time.
 */
export const m0090: Migration = {
  version: 90,
  name: 'import-extra-info',
  up(db) {
    registerSearchFunctions(db);
    db.exec(`
      CREATE TABLE client_extra (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        value TEXT NOT NULL
      ) STRICT;
      CREATE INDEX client_extra_by_client ON client_extra(client_id, position);
      CREATE VIRTUAL TABLE client_extra_uni USING fts5(uni, ${UNI_TABLE_OPTIONS});
      CREATE VIRTUAL TABLE client_extra_bi USING fts5(bi, ${BI_TABLE_OPTIONS});
      CREATE TRIGGER client_extra_search_ai AFTER INSERT ON client_extra BEGIN
        INSERT INTO client_extra_uni(rowid, uni) VALUES (new.id, icp_search_uni(new.value));
        INSERT INTO client_extra_bi(rowid, bi) VALUES (new.id, icp_search_bi(new.value));
      END;
      CREATE TRIGGER client_extra_search_ad AFTER DELETE ON client_extra BEGIN
        DELETE FROM client_extra_uni WHERE rowid = old.id;
        DELETE FROM client_extra_bi WHERE rowid = old.id;
      END;
      CREATE TRIGGER client_extra_search_au AFTER UPDATE OF value ON client_extra WHEN old.value IS NOT new.value BEGIN
        DELETE FROM client_extra_uni WHERE rowid = old.id;
        DELETE FROM client_extra_bi WHERE rowid = old.id;
        INSERT INTO client_extra_uni(rowid, uni) VALUES (new.id, icp_search_uni(new.value));
        INSERT INTO client_extra_bi(rowid, bi) VALUES (new.id, icp_search_bi(new.value));
      END;
      CREATE TABLE import_mappings (
        header_key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
