import type { Migration } from './index';

/**
 * 0020: the consultant's editable "next steps" text of the weekly summary (周报, spec §9), one per client per ISO
 * week ('2026-W48'), deleted with the client; and an index on events(kind, occurred_on) so the weekly roll-up finds
 * the stage changes dated after a week without reading every later event.
 */
export const m0020: Migration = {
  version: 20,
  name: 'weekly-next-steps',
  up(db) {
    db.exec(`
      CREATE TABLE weekly_next_steps (
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        week TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (client_id, week)
      ) STRICT;
      CREATE INDEX weekly_next_steps_week ON weekly_next_steps(week, client_id);
      CREATE INDEX events_kind_on ON events(kind, occurred_on, client_id);
    `);
  },
};
