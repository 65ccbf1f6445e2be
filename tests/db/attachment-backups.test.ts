/**
 * Attachments in backups and exports (issue 18 §7): a backup keeps the files its database references (each stored
 * once in the backups' shared store), a restore brings them back and reports an altered or missing one, rotation keeps
 * files a kept backup still lists, and the JSON export into an empty installation gives back every file byte-identical.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsDir } from '../../db/backup/create';
import { BACKUP_FILES_DIR, pruneBackupFiles } from '../../db/files/backup-files';
import { blobPath } from '../../db/files/store';
import type { ServiceContext } from '../../db/service/context';
import { call, folderContext, tmpDir } from '../helpers/data';
import { dispatch } from '../../db/dispatch';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Page /MediaBox [0 0 595 842]>>endobj\ntrailer<<>>\n%%EOF\n');
const SCAN = Buffer.concat([PDF, Buffer.from('% second file, other bytes\n')]);
const b64 = (b: Buffer) => b.toString('base64');
const stored = (dir: string) => fs.readdirSync(dir).flatMap((sub) => fs.readdirSync(path.join(dir, sub)));

describe('attachments in backups and exports', () => {
  const ctxs: ServiceContext[] = [];
  afterEach(() => { for (const c of ctxs.splice(0)) c.db.close(); });

  async function withFiles() {
    const dataDir = tmpDir();
    const ctx = await folderContext(dataDir);
    ctxs.push(ctx);
    const { client } = await call(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
    const [a01, b01] = await call(ctx, 'materials.list', { clientId: client.id });
    const pdf = (await call(ctx, 'attachments.add', { materialId: a01.id, fileName: '申请表.pdf', base64: b64(PDF) })).attachment;
    const scan = (await call(ctx, 'attachments.add', { materialId: b01.id, fileName: '租赁合同.pdf', base64: b64(SCAN) })).attachment;
    return { dataDir, ctx, client, pdf, scan };
  }

  it('a backup stores each file once; a restore brings the files back; an altered stored file is reported', async () => {
    const { dataDir, ctx, pdf, scan } = await withFiles();
    const first = await call(ctx, 'backup.create', {});
    await call(ctx, 'backup.create', {});
    const store = path.join(backupsDir(dataDir), BACKUP_FILES_DIR);
    expect(stored(store).sort()).toEqual([pdf.sha256, scan.sha256].sort()); // two backups, each file stored once
    expect(JSON.parse(fs.readFileSync(path.join(backupsDir(dataDir), `${first.name}.files.json`), 'utf8')).files.sort()).toEqual([pdf.sha256, scan.sha256].sort());

    // The live files are lost (a damaged disk, a careless clean-up): the restore puts them back from the backup store.
    fs.rmSync(path.join(dataDir, 'files'), { recursive: true, force: true });
    const r = await call(ctx, 'backup.restore', { name: first.name });
    expect(r.files).toEqual({ files: 2, restored: 2, missing: [], altered: [] });
    expect(Buffer.from((await call(ctx, 'attachments.get', { id: pdf.id })).base64, 'base64').equals(PDF)).toBe(true);
    expect(Buffer.from((await call(ctx, 'attachments.get', { id: scan.id })).base64, 'base64').equals(SCAN)).toBe(true);

    // One live file and its backup copy altered: the restore says which item's file it could not bring back.
    fs.rmSync(blobPath(dataDir, scan.sha256));
    const saved = path.join(store, scan.sha256.slice(0, 2), scan.sha256);
    fs.chmodSync(saved, 0o600);
    fs.appendFileSync(saved, 'tampered');
    const again = await call(ctx, 'backup.restore', { name: first.name });
    expect(again.files).toEqual({ files: 2, restored: 0, missing: [], altered: [{ itemKey: scan.itemKey, fileName: '租赁合同.pdf' }] });
  });

  it('a backup whose files cannot be stored fails whole: no backup is listed without its files', async () => {
    const { dataDir, ctx } = await withFiles();
    const dir = backupsDir(dataDir);
    const before = (await call(ctx, 'backup.list', {})).map((b) => b.name);
    // The backups' file store cannot be made (a file is in the way, as a full or broken disk would fail it).
    fs.mkdirSync(dir, { recursive: true });
    fs.rmSync(path.join(dir, BACKUP_FILES_DIR), { recursive: true, force: true });
    fs.writeFileSync(path.join(dir, BACKUP_FILES_DIR), 'not a folder');
    const r = await dispatch(ctx, 'backup.create', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('备份失败，数据未更改');
    expect((await call(ctx, 'backup.list', {})).map((b) => b.name)).toEqual(before);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('rotation removes a stored file only when no kept backup lists it', async () => {
    const { dataDir, ctx, scan } = await withFiles();
    const old = await call(ctx, 'backup.create', {});
    await call(ctx, 'attachments.remove', { id: scan.id });
    const newer = await call(ctx, 'backup.create', {});
    const store = path.join(backupsDir(dataDir), BACKUP_FILES_DIR);
    expect(stored(store)).toContain(scan.sha256); // the older backup still lists it
    expect(pruneBackupFiles(backupsDir(dataDir))).toBe(0);
    fs.rmSync(path.join(backupsDir(dataDir), old.name)); // the older backup rotated away
    expect(pruneBackupFiles(backupsDir(dataDir))).toBe(1);
    expect(stored(store)).not.toContain(scan.sha256);
    expect(fs.existsSync(path.join(backupsDir(dataDir), `${old.name}.files.json`))).toBe(false);
    expect(fs.existsSync(path.join(backupsDir(dataDir), `${newer.name}.files.json`))).toBe(true);
  });

  it('the JSON export into an empty installation gives back every file byte-identical', async () => {
    const { ctx, pdf, scan } = await withFiles();
    const exported = await call(ctx, 'data.exportJson', {});
    const fresh = await folderContext(tmpDir());
    ctxs.push(fresh);
    await call(fresh, 'data.importJson', { fileName: exported.fileName, dataBase64: exported.base64 });
    const list = await call(fresh, 'attachments.list', { clientId: pdf.clientId });
    expect(list.map((a) => [a.fileName, a.sha256])).toEqual([['申请表.pdf', pdf.sha256], ['租赁合同.pdf', scan.sha256]]);
    for (const [a, bytes] of [[list[0], PDF], [list[1], SCAN]] as const) {
      expect(Buffer.from((await call(fresh, 'attachments.get', { id: a.id })).base64, 'base64').equals(bytes)).toBe(true);
    }
  });
});
