import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * 0150 (issue 13, the 20,000-row import): an index on the material template's live items in checklist order. Every
 * new client's checklist is `… FROM material_template WHERE retired = 0 ORDER BY sort` (db/service/materials.ts), and
 * the import's one INSERT…SELECT for all checklists (db/import/bulk-insert.ts, clients × template ORDER BY client id,
 * sort) sorted all 340,000 rows of a 20,000-client import in a temporary B-tree; with this index SQLite reads the
 * template in order for each client and sorts nothing (EXPLAIN QUERY PLAN, tests/db/query-plans.test.ts).
 */
export const m0150: Migration = {
  version: 150,
  name: 'template-order-index',
  up(db: Database.Database) {
    db.exec('CREATE INDEX IF NOT EXISTS material_template_live ON material_template(retired, sort)');
  },
};
