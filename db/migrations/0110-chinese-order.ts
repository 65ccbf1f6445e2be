import type { Migration } from './index';
import { registerSortKeyFunctions } from '../search/sql-functions';

/**
 * The 11 Shanxi cities with their division codes as of 0110 (GB/T 2260), frozen here for `clients.city_order`; a test
 * checks they equal shared/domain/cities.ts CITIES. Other values (none are stored: the city is validated) sort last.
 */
export const CITY_CODES_0110 = [
  ['太原市', 1401], ['大同市', 1402], ['阳泉市', 1403], ['长治市', 1404], ['晋城市', 1405], ['朔州市', 1406],
  ['晋中市', 1407], ['运城市', 1408], ['忻州市', 1409], ['临汾市', 1410], ['吕梁市', 1411],
] as const;

/**
 * The register's sort columns and their indexes as of 0110: 0050's, with name and consultant sorted by their pinyin
 * sort key (db/sort-keys.ts) and city by its official division code. Partial indexes over the unarchived clients,
 * ending implicitly with the rowid, so `ORDER BY <column>, id` reads the index in order (db/service/client-list.ts).
 */
export const CLIENT_SORT_INDEXES = {
  createdAt: { column: 'created_at', index: 'clients_by_created' },
  name: { column: 'name_sort', index: 'clients_by_name_pinyin' },
  city: { column: 'city_order', index: 'clients_by_city_code' },
  industry: { column: 'industry', index: 'clients_by_industry' },
  stage: { column: 'stage_order', index: 'clients_by_stage' },
  consultant: { column: 'consultant_sort', index: 'clients_by_consultant_pinyin' },
  progress: { column: 'materials_done', index: 'clients_by_progress' },
  lastNoteDate: { column: 'last_note_date', index: 'clients_by_last_note' },
} as const;

/**
 * 0110 Chinese order (issue 14): names and consultants sort by pinyin everywhere, cities in official code order.
 * - `clients.name_sort`, `clients.consultant_sort`: pinyin sort keys, filled here for existing rows and kept by
 *   triggers calling `icp_sort_key(value, person)` (registered on every connection with the search functions), so
 *   every write path — services, import, JSON import, the bench generator — keeps them.
 * - `clients.city_order`: the city's division code (virtual generated column, {@link CITY_CODES_0110}).
 * - Indexes `clients_by_name_pinyin`, `clients_by_consultant_pinyin` (consultant_sort, consultant — also covers the
 *   facets' consultant list in order) and `clients_by_city_code`, partial over unarchived clients. 0050's
 *   `clients_by_name` is dropped (no query sorts by code point any more); `clients_by_city` / `clients_by_consultant`
 *   stay, as the city and consultant filters use them.
 */
export const m0110: Migration = {
  version: 110,
  name: 'chinese-order',
  up(db) {
    registerSortKeyFunctions(db);
    db.exec(`
      ALTER TABLE clients ADD COLUMN name_sort TEXT;
      ALTER TABLE clients ADD COLUMN consultant_sort TEXT;
      ALTER TABLE clients ADD COLUMN city_order INTEGER GENERATED ALWAYS AS (CASE city
        ${CITY_CODES_0110.map(([name, code]) => `WHEN '${name}' THEN ${code}`).join(' ')} ELSE 9999 END) VIRTUAL;
      UPDATE clients SET name_sort = icp_sort_key(name, 0), consultant_sort = icp_sort_key(consultant, 1);
      CREATE TRIGGER clients_sort_keys_ai AFTER INSERT ON clients BEGIN
        UPDATE clients SET name_sort = icp_sort_key(new.name, 0), consultant_sort = icp_sort_key(new.consultant, 1) WHERE id = new.id;
      END;
      CREATE TRIGGER clients_sort_keys_au AFTER UPDATE OF name, consultant ON clients BEGIN
        UPDATE clients SET name_sort = icp_sort_key(new.name, 0), consultant_sort = icp_sort_key(new.consultant, 1) WHERE id = new.id;
      END;
      CREATE INDEX clients_by_name_pinyin ON clients(name_sort) WHERE archived = 0;
      CREATE INDEX clients_by_consultant_pinyin ON clients(consultant_sort, consultant) WHERE archived = 0;
      CREATE INDEX clients_by_city_code ON clients(city_order) WHERE archived = 0;
      DROP INDEX clients_by_name;
    `);
  },
};
