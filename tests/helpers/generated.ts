import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/open';
import type { ServiceContext } from '../../db/service/context';
import { generateRegister, type GenerateOptions } from '../../bench/generate';
import { testTempDir } from './temp-dirs';

/**
 * A database file in a fresh temp folder filled by the benchmark's generator (bench/generate.ts), with a service
 * context on it (clock fixed at 2026-11-27T02:00Z). `open()` gives another connection to the same file.
 */
export function generatedContext(opts: GenerateOptions): ServiceContext & { open(): ServiceContext; cleanup(): void } {
  const dir = testTempDir('icpdesk-gen-');
  const file = path.join(dir, 'icp-desk.sqlite');
  const db = openDatabase(file);
  generateRegister(db, opts);
  const now = () => new Date('2026-11-27T02:00:00.000Z');
  const contexts: ServiceContext[] = [];
  const make = (d = openDatabase(file)): ServiceContext => {
    const c = { db: d, dbPath: file, dataDir: dir, version: 'test', now };
    contexts.push(c);
    return c;
  };
  const ctx = make(db);
  return {
    ...ctx,
    open: () => make(),
    cleanup() {
      for (const c of contexts) if (c.db.open) c.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
