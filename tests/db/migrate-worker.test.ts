/**
 * db/backup/open-folder.ts migrateInWorker / openDataFolder({ migrateInWorker }): the app's migrations run in a worker
 * thread, so the host's event loop runs while they do (the start-up window paints), with the same progress steps and
 * the same result as in-thread; a failing migration leaves the file as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../db/migrations/index';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrateInWorker, openDataFolder } from '../../db/backup/open-folder';
import { testTempDir } from '../helpers/temp-dirs';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/db/v170.sqlite');
const NOW = new Date('2026-11-27T02:00:00Z');
const dirs: string[] = [];
const tmpDir = () => { const d = testTempDir('migrate-worker-'); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });
type Step = { version: number; what: string; done: number; total: number };

describe('migrations in a worker thread', { timeout: 60_000 }, () => {
  it('the event loop runs before the migration ends; the same steps and the same rows as in-thread', async () => {
    const inWorker = tmpDir();
    const inThread = tmpDir();
    for (const d of [inWorker, inThread]) fs.copyFileSync(FIXTURE, path.join(d, 'icp-desk.sqlite'));
    const steps: Step[] = [];
    let ticked = false;
    setImmediate(() => { ticked = true; });
    let tickedBeforeFirstStep: boolean | null = null;
    const opened = await openDataFolder({
      dataDir: inWorker, now: () => NOW, migrateInWorker: true,
      onProgress: (s) => { tickedBeforeFirstStep ??= ticked; steps.push({ version: s.version, what: s.what, done: s.done, total: s.total }); },
    });
    // In-thread, the migration would report synchronously before any setImmediate callback could run.
    expect(tickedBeforeFirstStep).toBe(true);
    expect(opened.health?.state ?? 'ok').toBe('ok');
    expect(steps[0]).toEqual({ version: 180, what: '', done: 0, total: 0 });
    expect(steps.filter((s) => s.what === 'events' && s.version === 180).at(-1)).toEqual({ version: 180, what: 'events', done: 82, total: 82 });
    // 0190 copies events, notes and materials, reporting each.
    expect(steps.filter((s) => s.version === 190 && s.what !== '').map((s) => `${s.what} ${s.done}/${s.total}`)).toEqual(['events 0/82', 'events 82/82', 'notes 0/11', 'notes 11/11', 'materials 0/187', 'materials 187/187']);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');

    const threadSteps: Step[] = [];
    const other = await openDataFolder({ dataDir: inThread, now: () => NOW, onProgress: (s) => threadSteps.push({ version: s.version, what: s.what, done: s.done, total: s.total }) });
    expect(steps).toEqual(threadSteps);
    const dump = (db: Database.Database) => db.prepare('SELECT id, client_id, at, kind, subject, subject_title, old_value, new_value FROM events ORDER BY id').all();
    expect(dump(opened.db)).toEqual(dump(other.db));
    expect(dump(opened.db)).toHaveLength(82);
    // The pre-migration backup was taken first, as in-thread.
    expect(fs.readdirSync(path.join(inWorker, 'backups')).some((f) => f.includes('pre-migration'))).toBe(true);
    opened.db.close();
    other.db.close();
  });

  it('a migration that fails in the worker rejects with its message; the file is byte-identical', async () => {
    const d = tmpDir();
    const file = path.join(d, 'icp-desk.sqlite');
    fs.copyFileSync(FIXTURE, file);
    const broken = new Database(file);
    broken.exec('DROP TABLE notes'); // 0180 reads notes: the worker's migration fails
    broken.close();
    const before = fs.readFileSync(file);
    await expect(migrateInWorker(file)).rejects.toThrow(/notes/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
