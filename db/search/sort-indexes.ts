/**
 * The register's sort columns and the partial indexes (over unarchived clients) that serve them, as the current schema
 * has them: name and consultant by their pinyin sort key (db/sort-keys.ts), city by its official division code.
 * Each index ends implicitly with the rowid, so `ORDER BY <column>, id` reads it in order (db/service/client-list.ts).
 * `then`: a second column of the index that the order names before the id, so that the index alone gives the order:
 * the consultant index is (consultant_sort, consultant), and without `consultant` in the ORDER BY SQLite sorted each
 * consultant's clients by id in a temporary B-tree (issue 16: thousands of rows per consultant at 100,000 clients).
 * A consultant's sort key ends with the consultant itself (db/sort-keys.ts), so the order is the same.
 * Runtime code reads this list, never a migration's: migration 0110 keeps its own frozen copy, and
 * tests/db/query-plans.test.ts checks every index named here exists after all migrations and is the one used.
 */
export const CLIENT_SORT_INDEXES: Readonly<Record<'createdAt' | 'name' | 'city' | 'industry' | 'stage' | 'consultant' | 'progress' | 'lastNoteDate', { column: string; index: string; then?: string }>> = {
  createdAt: { column: 'created_at', index: 'clients_by_created' },
  name: { column: 'name_sort', index: 'clients_by_name_pinyin' },
  city: { column: 'city_order', index: 'clients_by_city_code' },
  industry: { column: 'industry', index: 'clients_by_industry' },
  stage: { column: 'stage_order', index: 'clients_by_stage' },
  consultant: { column: 'consultant_sort', index: 'clients_by_consultant_pinyin', then: 'consultant' },
  progress: { column: 'materials_done', index: 'clients_by_progress' },
  lastNoteDate: { column: 'last_note_date', index: 'clients_by_last_note' },
};

/** A sort the register offers. */
export type ClientSortKey = keyof typeof CLIENT_SORT_INDEXES;
