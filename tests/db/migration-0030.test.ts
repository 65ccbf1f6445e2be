import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { applyPragmas, migrate } from '../../db/open';
import { MIGRATIONS } from '../../db/migrations/index';
import { m0030 } from '../../db/migrations/0030-inspections';
import { DEFAULT_INSPECTION_TEMPLATE } from '../../shared/domain/inspection';

describe('migration 0030 (inspections)', () => {
  it('on a database at the previous version: adds the inspection tables, seeds the §6 template, keeps existing clients', () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    const before = MIGRATIONS.filter((m) => m.version < m0030.version);
    migrate(db, before);
    const prev = before[before.length - 1].version;
    expect(db.pragma('user_version', { simple: true })).toBe(prev);
    db.prepare("INSERT INTO clients (name, uscc, city, created_at, updated_at) VALUES ('某某科技有限公司', '91140106MA1QN6K440', '太原市', 'x', 'x')").run();

    expect(migrate(db)).toContain(30);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'inspection%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(['inspection_attendees', 'inspection_items', 'inspection_template', 'inspections']);
    for (const t of tables) expect((db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(t) as { strict: number }).strict).toBe(1);
    const tpl = db.prepare('SELECT key, section, text, evidence, retired FROM inspection_template ORDER BY sort').all();
    expect(tpl).toEqual(DEFAULT_INSPECTION_TEMPLATE.map((t) => ({ key: t.key, section: t.section, text: t.text, evidence: t.evidence, retired: 0 })));
    expect(db.prepare('SELECT name FROM clients').all()).toEqual([{ name: '某某科技有限公司' }]);
    // Deleting a client removes its inspections (ON DELETE CASCADE).
    db.prepare("INSERT INTO inspections (client_id, inspection_date, created_at, updated_at) VALUES (1, '2026-12-01', 'x', 'x')").run();
    db.prepare('DELETE FROM clients').run();
    expect(db.prepare('SELECT count(*) n FROM inspections').get()).toEqual({ n: 0 });
  });
});
