import type { Migration } from './index';
import { DEFAULT_MATERIAL_TEMPLATE } from '../../shared/domain/materials';

/** 0010: clients, material template and items, progress notes, the events log, search index. */
export const m0010: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE clients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        uscc TEXT NOT NULL UNIQUE,
        uscc_valid INTEGER NOT NULL DEFAULT 1,
        city TEXT NOT NULL,
        district TEXT,
        address TEXT,
        industry TEXT NOT NULL DEFAULT '其他',
        platform_name TEXT,
        domain TEXT,
        business_scope TEXT,
        legal_rep TEXT,
        contact_name TEXT,
        contact_phone TEXT,
        capital_yuan INTEGER,
        founded TEXT,
        office_area_m2 REAL,
        insured_staff INTEGER,
        consultant TEXT,
        remark TEXT,
        stage TEXT NOT NULL DEFAULT 'consultation',
        stage_since TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        materials_done INTEGER NOT NULL DEFAULT 0,
        materials_total INTEGER NOT NULL DEFAULT 0,
        last_note_date TEXT,
        search_text TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX clients_city ON clients(city, name);
      CREATE INDEX clients_stage ON clients(stage, name);
      CREATE INDEX clients_consultant ON clients(consultant, name);
      CREATE INDEX clients_name ON clients(name);
      CREATE INDEX clients_created ON clients(created_at, id);
      CREATE INDEX clients_last_note ON clients(last_note_date, id);
      CREATE INDEX clients_progress ON clients(materials_done, id);
      CREATE INDEX clients_industry ON clients(industry, id);

      CREATE VIRTUAL TABLE clients_fts USING fts5(search_text, content='clients', content_rowid='id', tokenize='trigram');
      CREATE TRIGGER clients_fts_ai AFTER INSERT ON clients BEGIN
        INSERT INTO clients_fts(rowid, search_text) VALUES (new.id, new.search_text);
      END;
      CREATE TRIGGER clients_fts_ad AFTER DELETE ON clients BEGIN
        INSERT INTO clients_fts(clients_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
      END;
      CREATE TRIGGER clients_fts_au AFTER UPDATE OF search_text ON clients BEGIN
        INSERT INTO clients_fts(clients_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO clients_fts(rowid, search_text) VALUES (new.id, new.search_text);
      END;

      CREATE TABLE material_template (
        key TEXT PRIMARY KEY,
        group_key TEXT NOT NULL,
        title TEXT NOT NULL,
        hint TEXT NOT NULL DEFAULT '',
        authority_added INTEGER NOT NULL DEFAULT 0,
        sort INTEGER NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE materials (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,
        group_key TEXT NOT NULL,
        title TEXT NOT NULL,
        hint TEXT NOT NULL DEFAULT '',
        sort INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'missing',
        check_complete INTEGER NOT NULL DEFAULT 0,
        check_accurate INTEGER NOT NULL DEFAULT 0,
        check_legible INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        due_date TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (client_id, item_key)
      ) STRICT;
      CREATE INDEX materials_due ON materials(due_date) WHERE due_date IS NOT NULL;

      CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        note_date TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX notes_client_date ON notes(client_id, note_date);
      CREATE INDEX notes_date ON notes(note_date);

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        occurred_on TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT,
        subject_title TEXT,
        old_value TEXT,
        new_value TEXT
      ) STRICT;
      CREATE INDEX events_client ON events(client_id, id);
      CREATE INDEX events_on ON events(occurred_on, client_id);
    `);
    const ins = db.prepare(
      'INSERT INTO material_template (key, group_key, title, hint, authority_added, sort) VALUES (?, ?, ?, ?, ?, ?)',
    );
    DEFAULT_MATERIAL_TEMPLATE.forEach((m, i) => ins.run(m.key, m.group, m.title, m.hint, m.authorityAdded ? 1 : 0, (i + 1) * 10));
  },
};
