import type { Migration } from './index';
import { BI_TABLE_OPTIONS, UNI_TABLE_OPTIONS } from '../search/grams';
import { registerSearchFunctions } from '../search/sql-functions';

/**
 * Stage keys in process order as of 0050 (spec §5), frozen here for the `clients.stage_order` column; a test checks
 * they equal STAGE_KEYS. Changing the stages' order needs a new migration.
 */
export const STAGE_ORDER_0050 = ['consultation', 'materials', 'pre_application', 'formal_submission', 'site_inspection', 'issuance', 'aftercare'] as const;

/**
 * The register's sort columns and their indexes (0050): partial indexes over the unarchived clients (the register
 * shows archived = 0) that end, implicitly, with the rowid, so `ORDER BY <column>, id` reads the index in order.
 * The city and consultant ones also serve those filters; `clients_active_stage` serves the stage filter.
 */
export const CLIENT_SORT_INDEXES = {
  createdAt: { column: 'created_at', index: 'clients_by_created' },
  name: { column: 'name', index: 'clients_by_name' },
  city: { column: 'city', index: 'clients_by_city' },
  industry: { column: 'industry', index: 'clients_by_industry' },
  stage: { column: 'stage_order', index: 'clients_by_stage' },
  consultant: { column: 'consultant', index: 'clients_by_consultant' },
  progress: { column: 'materials_done', index: 'clients_by_progress' },
  lastNoteDate: { column: 'last_note_date', index: 'clients_by_last_note' },
} as const;

/** The columns of a client that search covers, in index order (0050). */
export const CLIENT_SEARCH_COLUMNS = ['name', 'uscc', 'legal_rep', 'contact_name', 'contact_phone', 'platform_name', 'domain'] as const;

/**
 * DDL for the two n-gram tables `<prefix>_uni` / `<prefix>_bi` of `source` (rowid = source's INTEGER PRIMARY KEY
 * `id`), their insert/delete/update triggers, and the statements filling them from the existing rows.
 */
function gramIndexSql(prefix: string, source: string, columns: readonly string[]): string {
  const of = (row: string) => columns.map((c) => (row ? `${row}.${c}` : c)).join(', ');
  const insert = (row: string) => `
        INSERT INTO ${prefix}_uni(rowid, uni) VALUES (${row}.id, icp_search_uni(${of(row)}));
        INSERT INTO ${prefix}_bi(rowid, bi) VALUES (${row}.id, icp_search_bi(${of(row)}));`;
  const changed = columns.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
  return `
      CREATE VIRTUAL TABLE ${prefix}_uni USING fts5(uni, ${UNI_TABLE_OPTIONS});
      CREATE VIRTUAL TABLE ${prefix}_bi USING fts5(bi, ${BI_TABLE_OPTIONS});
      CREATE TRIGGER ${prefix}_search_ai AFTER INSERT ON ${source} BEGIN${insert('new')}
      END;
      CREATE TRIGGER ${prefix}_search_ad AFTER DELETE ON ${source} BEGIN
        DELETE FROM ${prefix}_uni WHERE rowid = old.id;
        DELETE FROM ${prefix}_bi WHERE rowid = old.id;
      END;
      CREATE TRIGGER ${prefix}_search_au AFTER UPDATE OF ${columns.join(', ')} ON ${source} WHEN ${changed} BEGIN
        DELETE FROM ${prefix}_uni WHERE rowid = old.id;
        DELETE FROM ${prefix}_bi WHERE rowid = old.id;${insert('new')}
      END;
      INSERT INTO ${prefix}_uni(rowid, uni) SELECT id, icp_search_uni(${of('')}) FROM ${source};
      INSERT INTO ${prefix}_bi(rowid, bi) SELECT id, icp_search_bi(${of('')}) FROM ${source};`;
}

/**
 * 0050: exact, indexed search for clients and progress notes (db/search/grams.ts explains the index).
 * - Replaces the trigram index `clients_fts` (3+ characters only, with case folding of its own) with
 *   `clients_uni` + `clients_bi` over the client's name, USCC, legal representative, contact, phone, platform name
 *   and domain, and adds `notes_uni` + `notes_bi` over note text. All four are contentless FTS5 tables kept by
 *   triggers that call the `icp_search_*` SQL functions (registered on every connection by openDatabase), and are
 *   filled here from the existing rows. `clients.search_text` is no longer read (kept: columns are never dropped).
 * - Adds `clients.stage_order` (1–7, a virtual generated column from the stage) and one index per register sort
 *   ({@link CLIENT_SORT_INDEXES}) and filter, so every sort, with or without filters, reads an index in order instead
 *   of sorting the whole table (db/service/client-list.ts chooses how), and `clients_archived` (the few archived
 *   clients, subtracted from a search's count). Drops 0010's sort indexes that these replace (name, created,
 *   last note, progress, industry: every write to a client paid for them); keeps 0010's city, stage and consultant
 *   indexes, which also cover archived clients.
 */
export const m0050: Migration = {
  version: 50,
  name: 'search',
  up(db) {
    registerSearchFunctions(db);
    db.exec(`
      DROP TRIGGER IF EXISTS clients_fts_ai;
      DROP TRIGGER IF EXISTS clients_fts_ad;
      DROP TRIGGER IF EXISTS clients_fts_au;
      DROP TABLE IF EXISTS clients_fts;
      ${gramIndexSql('clients', 'clients', CLIENT_SEARCH_COLUMNS)}
      ${gramIndexSql('notes', 'notes', ['body'])}

      ALTER TABLE clients ADD COLUMN stage_order INTEGER GENERATED ALWAYS AS (CASE stage
        ${STAGE_ORDER_0050.map((k, i) => `WHEN '${k}' THEN ${i + 1}`).join(' ')} ELSE ${STAGE_ORDER_0050.length + 1} END) VIRTUAL;
      ${Object.values(CLIENT_SORT_INDEXES).map((s) => `CREATE INDEX ${s.index} ON clients(${s.column}) WHERE archived = 0;`).join('\n      ')}
      CREATE INDEX clients_active_stage ON clients(stage) WHERE archived = 0;
      CREATE INDEX clients_archived ON clients(id) WHERE archived <> 0;
      DROP INDEX clients_name;
      DROP INDEX clients_created;
      DROP INDEX clients_last_note;
      DROP INDEX clients_progress;
      DROP INDEX clients_industry;
    `);
  },
};
