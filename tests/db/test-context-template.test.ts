/**
 * testContext (tests/helpers/context.ts) opens a copy of one migrated in-memory database instead of running every
 * migration per test (issue 17 item 6). The copy must be what `openDatabase(':memory:')` gives: the same schema, seed
 * rows and settings, the search functions registered, and each copy independent of the others.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../db/open';
import { SCHEMA_VERSION } from '../../db/migrations';
import { migratedMemoryDatabase, testContext } from '../helpers/context';
import { count, dumpTables, sampleClient, call } from '../helpers/data';

const schema = (db: DB) => db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
const settings = (db: DB) => Object.fromEntries(
  ['user_version', 'application_id', 'foreign_keys', 'busy_timeout', 'secure_delete', 'synchronous', 'cache_size']
    .map((p) => [p, db.pragma(p, { simple: true })]),
);

describe('testContext: a copy of one migrated database', () => {
  it('has the schema, seed rows and connection settings openDatabase(":memory:") gives', () => {
    const fresh = openDatabase(':memory:');
    const first = migratedMemoryDatabase();
    const second = migratedMemoryDatabase(); // the copy, once the template exists
    for (const copy of [first, second]) {
      expect(schema(copy)).toEqual(schema(fresh));
      expect(dumpTables(copy)).toEqual(dumpTables(fresh));
      expect(settings(copy)).toEqual(settings(fresh));
    }
    expect(settings(second)).toMatchObject({ user_version: SCHEMA_VERSION, foreign_keys: 1, busy_timeout: 5000, secure_delete: 1 });
    // The search and sort functions are registered on the copy's connection.
    expect(second.prepare("SELECT icp_sort_key('长治', 0) = icp_sort_key('长治', 0) AS same").get()).toEqual({ same: 1 });
    for (const db of [fresh, first, second]) db.close();
  });

  it('each context writes to its own copy', async () => {
    const a = testContext();
    const b = testContext();
    await call(a, 'clients.create', { client: sampleClient(1) });
    expect(count(a.db, 'clients')).toBe(1);
    expect(count(b.db, 'clients')).toBe(0);
    expect(count(testContext().db, 'clients')).toBe(0);
    // Foreign keys are enforced on the copy: a note for a client that does not exist is refused.
    expect(() => b.db.prepare("INSERT INTO notes (client_id, note_date, body, created_ms, updated_ms) VALUES (999, '2026-11-27', 'x', '2026-11-27T02:00:00Z', '2026-11-27T02:00:00Z')").run()).toThrow(/FOREIGN KEY/);
  });
});
