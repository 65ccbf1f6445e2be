import { openDatabase } from '../../db/open';
import type { ServiceContext } from '../../db/service/context';

/** A fresh in-memory database with all migrations applied and a fixed clock (default 2026-11-27T02:00Z = Friday 10:00 China). */
export function testContext(now = '2026-11-27T02:00:00.000Z'): ServiceContext & { setNow(iso: string): void } {
  let t = new Date(now);
  const db = openDatabase(':memory:');
  return { db, dbPath: ':memory:', dataDir: '/tmp', version: 'test', now: () => t, setNow: (iso: string) => (t = new Date(iso)) };
}
