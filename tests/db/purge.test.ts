/**
 * Deleting a client means deleted (issue 15, item 9): after clients.remove with purgeBackups, no file in the data
 * folder — database, -wal, -shm, every backup kind, set-aside damaged copies — holds the client's name or ID number.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupsDir, createBackup } from '../../db/backup/create';
import { call, folderContext, sampleClient, tmpDir } from '../helpers/data';

const NAME = '晋阳唯一删除测试科技有限公司';
const RENAMED = '晋阳唯一删除测试科技（改名）有限公司';
const ID_NUMBER = '140105199001011238';
const USCC = '91140106MA1QN6K440';

/** Every file under `dir` (recursively) holding `needle` (UTF-8 bytes), as paths relative to `dir`. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const bytes = Buffer.from(needle, 'utf8');
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (fs.readFileSync(f).includes(bytes)) hits.push(path.relative(dir, f));
    }
  };
  walk(dir);
  return hits;
}

/** A data folder with the client in the live database and in backups of every kind plus a set-aside copy. */
async function folderWithCopies() {
  const dataDir = tmpDir();
  const ctx = await folderContext(dataDir);
  for (let i = 1; i <= 3; i++) await call(ctx, 'clients.create', { client: sampleClient(i) });
  const { client } = await call(ctx, 'clients.create', {
    client: { name: NAME, uscc: USCC, city: '太原市', legalRepIdNumber: ID_NUMBER, contactName: '王唯一', remark: `${NAME} 的备注` },
  });
  await call(ctx, 'notes.create', { clientId: client.id, date: '2026-11-27', body: `与${NAME}沟通，法人证件号 ${ID_NUMBER}` });
  const dir = backupsDir(dataDir);
  await createBackup(ctx.db, dir, 'daily', new Date('2026-10-01T02:00:00Z'));
  await createBackup(ctx.db, dir, 'daily', new Date('2026-11-26T02:00:00Z'));
  await createBackup(ctx.db, dir, 'manual', new Date('2026-11-27T01:00:00Z'));
  await createBackup(ctx.db, dir, 'pre-migration', new Date('2026-11-20T02:00:00Z'));
  // Renamed afterwards: older copies hold the old name, newer ones the new.
  await call(ctx, 'clients.update', { id: client.id, client: { name: RENAMED, uscc: USCC, city: '太原市', legalRepIdNumber: ID_NUMBER } });
  const restored = await call(ctx, 'backup.restore', { name: fs.readdirSync(dir).find((n) => n.includes('manual'))! });
  expect(restored.preRestore?.kind).toBe('pre-restore');
  // A database set aside earlier as damaged (its damage was elsewhere: it still opens).
  fs.copyFileSync(path.join(dir, fs.readdirSync(dir).find((n) => n.includes('pre-restore'))!), path.join(dataDir, 'icp-desk.sqlite.corrupt-20261120-100000'));
  return { dataDir, ctx, clientId: client.id };
}

describe('deleting a client', () => {
  it('with 同时从所有备份中清除: no file in the data folder holds its name or ID number, other clients stay', async () => {
    const { dataDir, ctx, clientId } = await folderWithCopies();
    const copies = fs.readdirSync(backupsDir(dataDir)).filter((n) => n.endsWith('.sqlite')).length + 1; // + the set-aside copy (attachment manifests and files are not databases)
    expect(copies).toBe(6);
    for (const needle of [NAME, RENAMED, ID_NUMBER]) expect(filesContaining(dataDir, needle).length, needle).toBeGreaterThan(0);

    const r = await call(ctx, 'clients.remove', { id: clientId, purgeBackups: true });
    expect(r).toEqual({ ok: true, purge: { checked: 6, cleaned: 6, failed: [] } });

    for (const needle of [NAME, RENAMED, ID_NUMBER, USCC, '王唯一']) expect(filesContaining(dataDir, needle), needle).toEqual([]);
    // Every rewritten copy is sound and still holds the other three clients, with the same schema.
    for (const f of [...fs.readdirSync(backupsDir(dataDir)).filter((n) => n.endsWith('.sqlite')).map((n) => path.join(backupsDir(dataDir), n)), path.join(dataDir, 'icp-desk.sqlite.corrupt-20261120-100000')]) {
      const db = new Database(f, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true }), f).toBe('ok');
      expect((db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n, f).toBe(3);
      expect(db.prepare('SELECT count(*) n FROM notes').get(), f).toEqual({ n: 0 });
      db.close();
    }
    // The live data is intact, and the backup list still reads every copy.
    expect((ctx.db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n).toBe(3);
    const listed = await call(ctx, 'backup.list', {});
    expect(listed.map((b) => [b.ok, b.clients])).toEqual(listed.map(() => [true, 3]));
    ctx.db.close();
  }, 60_000);

  it('without the purge: gone from the database and its WAL at once (checkpointed), still in the backups as the dialog says', async () => {
    const { dataDir, ctx, clientId } = await folderWithCopies();
    const r = await call(ctx, 'clients.remove', { id: clientId });
    expect(r).toEqual({ ok: true, purge: null });
    expect(fs.statSync(`${ctx.dbPath}-wal`).size).toBe(0);
    for (const needle of [NAME, RENAMED, ID_NUMBER]) {
      const hits = filesContaining(dataDir, needle);
      expect(hits.filter((h) => h.startsWith('icp-desk.sqlite') && !h.includes('corrupt')), needle).toEqual([]);
    }
    expect(filesContaining(dataDir, ID_NUMBER).length).toBeGreaterThan(0);
    ctx.db.close();
  }, 60_000);

  it('a copy that cannot be opened is left as it was and reported by name', async () => {
    const { dataDir, ctx, clientId } = await folderWithCopies();
    const bad = path.join(dataDir, 'icp-desk.sqlite.corrupt-20261121-100000');
    const bytes = Buffer.concat([Buffer.from('not a database at all '), Buffer.from(NAME)]);
    fs.writeFileSync(bad, bytes);
    const r = await call(ctx, 'clients.remove', { id: clientId, purgeBackups: true });
    expect(r.purge).toEqual({ checked: 7, cleaned: 6, failed: ['icp-desk.sqlite.corrupt-20261121-100000'] });
    expect(fs.readFileSync(bad)).toEqual(bytes);
    expect(filesContaining(dataDir, NAME)).toEqual(['icp-desk.sqlite.corrupt-20261121-100000']);
    ctx.db.close();
  }, 60_000);
});
