import type { Migration } from './index';

/** 0060: the legal representative's ID number (personal data: stored in full, shown masked). */
export const m0060: Migration = {
  version: 60,
  name: 'personal-data',
  up(db) {
    db.exec('ALTER TABLE clients ADD COLUMN legal_rep_id_number TEXT');
  },
};
