import type { Migration } from './index';
import { ORIGINAL_ITEM_KEYS } from '../../shared/domain/materials';

/**
 * 0100: facts the site inspection checks, entered once (issue 12).
 * - clients.icp_filing_no (ICP备案号) and clients.server_location (服务器所在地), printed on the prep sheet;
 * - material_template.has_original: 1 for items that have an original to bring to the inspection (营业执照, signed
 *   or sealed documents, contracts); screenshots, lists and policies are 0 — the prep sheet's "需携带原件" lists
 *   only the former;
 * - an index on licences(number): the service refuses a number another client already holds.
 */
export const m0100: Migration = {
  version: 100,
  name: 'client-facts',
  up(db) {
    db.exec(`
      ALTER TABLE clients ADD COLUMN icp_filing_no TEXT;
      ALTER TABLE clients ADD COLUMN server_location TEXT;
      ALTER TABLE material_template ADD COLUMN has_original INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX licences_number ON licences(number);
    `);
    const mark = db.prepare('UPDATE material_template SET has_original = 1 WHERE key = ?');
    for (const key of ORIGINAL_ITEM_KEYS) mark.run(key);
  },
};
