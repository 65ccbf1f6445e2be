/**
 * Migration 0090 (import keeps every cell) on the released v60 fixture: client_extra with its search index and
 * import_mappings exist, existing data is untouched, and the triggers index 其他信息 values from then on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { listClients } from '../../db/service/client-list';
import { testTempDir } from '../helpers/temp-dirs';

const V60 = fileURLToPath(new URL('../fixtures/db/v60.sqlite', import.meta.url));

describe('migration 0090 (import-extra-info)', () => {
  it('from v60 with data: adds client_extra (searchable) and import_mappings, keeps every client', () => {
    const dir = testTempDir('icpdesk-m70-');
    const file = path.join(dir, 'db.sqlite');
    fs.copyFileSync(V60, file);
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(90);
      const clients = db.prepare('SELECT id, name FROM clients ORDER BY id').all() as { id: number; name: string }[];
      expect(clients.length).toBeGreaterThan(0);
      expect(db.prepare('SELECT count(*) AS n FROM client_extra').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM import_mappings').get()).toEqual({ n: 0 });
      db.prepare("INSERT INTO client_extra (client_id, position, label, value) VALUES (?, 0, '档案号', '000127')").run(clients[0].id);
      const ctx = { db, dbPath: file, dataDir: dir, version: 'test', now: () => new Date('2026-11-27T02:00:00Z') };
      const hit = listClients(ctx, { q: '000127', city: null, stage: null, consultant: null, sort: 'createdAt', dir: 'asc', offset: 0, limit: 10 });
      expect(hit.rows.map((r) => r.id)).toEqual([clients[0].id]);
      db.prepare('DELETE FROM clients WHERE id = ?').run(clients[0].id);
      expect(db.prepare('SELECT count(*) AS n FROM client_extra').get()).toEqual({ n: 0 });
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
