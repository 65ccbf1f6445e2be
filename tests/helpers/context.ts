import { openDatabase } from '../../db/open';
import type { ServiceContext } from '../../db/service/context';
import { testTempDir } from './temp-dirs';

/** A new empty data folder for a test's ServiceContext (tests/helpers/temp-dirs.ts: removed with the process's test folders). */
export function testDataDir(): string {
  return testTempDir('icpdesk-ctx-');
}

/**
 * A fresh in-memory database with all migrations applied and a fixed clock (default 2026-11-27T02:00Z = Friday 10:00
 * China). `dataDir` is a new empty folder of its own, never the shared temp folder: the services write attachment
 * files, previews and backups into it and sweep it (orphan files), so a shared folder would let one test — or another
 * process on the machine — remove or see another's files.
 */
export function testContext(now = '2026-11-27T02:00:00.000Z'): ServiceContext & { setNow(iso: string): void } {
  let t = new Date(now);
  const db = openDatabase(':memory:');
  return { db, dbPath: ':memory:', dataDir: testDataDir(), version: 'test', now: () => t, setNow: (iso: string) => (t = new Date(iso)) };
}
