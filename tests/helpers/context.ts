import Database from 'better-sqlite3';
import { finishOpen, openDatabase, type DB } from '../../db/open';
import type { ServiceContext } from '../../db/service/context';
import { testTempDir } from './temp-dirs';

/** A new empty data folder for a test's ServiceContext (tests/helpers/temp-dirs.ts: removed with the process's test folders). */
export function testDataDir(): string {
  return testTempDir('icpdesk-ctx-');
}

/** The bytes of an in-memory database with every migration applied, made once per test process. */
let migrated: Buffer | null = null;

/**
 * What `openDatabase(':memory:')` returns — every migration applied, the search functions registered, the pragmas
 * set — without running the migrations again for every test: the first call migrates a database and keeps its bytes
 * (`serialize`); each call opens a new in-memory copy of them and finishes the open as `openDatabase` does (its
 * migration step finds nothing left to apply). Under load the migrations took ~200 ms per test context.
 */
export function migratedMemoryDatabase(): DB {
  if (!migrated) {
    const first = openDatabase(':memory:');
    migrated = first.serialize();
    first.close();
  }
  const db = new Database(migrated);
  try {
    finishOpen(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * A fresh in-memory database with all migrations applied and a fixed clock (default 2026-11-27T02:00Z = Friday 10:00
 * China). `dataDir` is a new empty folder of its own, never the shared temp folder: the services write attachment
 * files, previews and backups into it and sweep it (orphan files), so a shared folder would let one test — or another
 * process on the machine — remove or see another's files.
 */
export function testContext(now = '2026-11-27T02:00:00.000Z'): ServiceContext & { setNow(iso: string): void } {
  let t = new Date(now);
  const db = migratedMemoryDatabase();
  return { db, dbPath: ':memory:', dataDir: testDataDir(), version: 'test', now: () => t, setNow: (iso: string) => (t = new Date(iso)) };
}
