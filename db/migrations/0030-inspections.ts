import type { Migration } from './index';
import { DEFAULT_INSPECTION_TEMPLATE } from '../../shared/domain/inspection';

/**
 * 0030: site inspections (spec §6) — the editable checklist template (seeded with the 14 default items), inspections,
 * their company attendees, and each inspection's own checklist items, COPIED from the template when the inspection
 * is scheduled (so later template edits never change a past checklist).
 */
export const m0030: Migration = {
  version: 30,
  name: 'inspections',
  up(db) {
    db.exec(`
      CREATE TABLE inspection_template (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        section TEXT NOT NULL,
        text TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT 'none',
        sort INTEGER NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE inspections (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        inspection_date TEXT NOT NULL,
        inspection_time TEXT,
        address TEXT,
        authority_people TEXT,
        consultant_name TEXT,
        consultant_phone TEXT,
        equipment_list TEXT,
        notes TEXT,
        outcome TEXT,
        outcome_notes TEXT,
        expected_issue_date TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX inspections_client ON inspections(client_id, inspection_date);
      CREATE INDEX inspections_date ON inspections(inspection_date, inspection_time);

      CREATE TABLE inspection_attendees (
        id INTEGER PRIMARY KEY,
        inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        phone TEXT,
        sort INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX inspection_attendees_inspection ON inspection_attendees(inspection_id, sort);

      CREATE TABLE inspection_items (
        id INTEGER PRIMARY KEY,
        inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        template_key TEXT,
        section TEXT NOT NULL,
        text TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT 'none',
        sort INTEGER NOT NULL,
        checked INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        measured_area_m2 REAL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX inspection_items_inspection ON inspection_items(inspection_id, sort);
    `);
    const ins = db.prepare('INSERT INTO inspection_template (key, section, text, evidence, sort) VALUES (?, ?, ?, ?, ?)');
    DEFAULT_INSPECTION_TEMPLATE.forEach((t, i) => ins.run(t.key, t.section, t.text, t.evidence, (i + 1) * 10));
  },
};
