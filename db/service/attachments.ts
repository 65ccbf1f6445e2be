/**
 * Attachments (issue 18): files behind material items. The bytes go to the content-addressed store (db/files/store.ts)
 * before the row is written; a failed write leaves no row; a file no row references any more is removed after the
 * transaction (and swept at the next start if the app stops in between). Every change is an event on the client.
 */
import type { Out, Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { cleanFileName, inspectFile, refusal } from '../../shared/domain/attachments';
import { readBlob, removeBlob, sweepOrphans, writeBlob } from '../files/store';
import { heicPreview, removePreview, sweepPreviews } from '../files/preview';
import type { ServiceContext } from './context';
import { recordEvent } from './events';
import { stmt } from './stmt';
import { writeTransaction } from '../tx';

type Row = Record<string, unknown>;

function toAttachment(r: Row): Out<'attachments.list'>[number] {
  return {
    id: r.id as number, clientId: r.client_id as number, materialId: r.material_id as number, itemKey: r.item_key as string,
    fileName: r.file_name as string, size: r.size as number, sha256: r.sha256 as string, kind: r.kind as never, mime: r.mime as string,
    pages: (r.pages as number | null) ?? null, width: (r.width as number | null) ?? null, height: (r.height as number | null) ?? null,
    pdfProblem: (r.pdf_problem as 'encrypted' | 'damaged' | null) ?? null, lowResolution: r.low_resolution === 1,
    addedAt: r.added_at as string, addedBy: (r.added_by as string | null) ?? null,
  };
}

const SELECT = `SELECT a.*, m.item_key FROM attachments a JOIN materials m ON m.id = a.material_id`;

function getRow(ctx: ServiceContext, id: number) {
  const r = stmt(ctx.db, `${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', '附件不存在', { id });
  return toAttachment(r);
}

function material(ctx: ServiceContext, id: number) {
  const m = stmt(ctx.db, 'SELECT id, client_id, item_key, title FROM materials WHERE id = ?').get(id) as { id: number; client_id: number; item_key: string; title: string } | undefined;
  if (!m) throw new AppError('NOT_FOUND', '材料项不存在', { id });
  return m;
}

const referenced = (ctx: ServiceContext, sha: string) => !!stmt(ctx.db, 'SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1').get(sha);

/** Removes the stored file when no row references it (after the transaction that dropped the last row). */
export function releaseFile(ctx: ServiceContext, sha: string): boolean {
  if (referenced(ctx, sha)) return false;
  removeBlob(ctx.dataDir, sha);
  removePreview(ctx.dataDir, sha);
  return true;
}

/** Files of the store no row references, and leftover temporary files: removed (at start, before any write). */
export function sweepAttachmentOrphans(ctx: ServiceContext): number {
  return sweepOrphans(ctx.dataDir, (sha) => referenced(ctx, sha)) + sweepPreviews(ctx.dataDir, (sha) => referenced(ctx, sha));
}

export function listAttachments(ctx: ServiceContext, input: Parsed<'attachments.list'>): Out<'attachments.list'> {
  return (stmt(ctx.db, `${SELECT} WHERE a.client_id = ? ORDER BY m.sort, m.id, a.sort, a.id`).all(input.clientId) as Row[]).map(toAttachment);
}

export function addAttachment(ctx: ServiceContext, input: Parsed<'attachments.add'>): Out<'attachments.add'> {
  const fileName = cleanFileName(input.fileName);
  const bytes = new Uint8Array(Buffer.from(input.base64, 'base64'));
  const refused = refusal(fileName, bytes);
  if (refused) throw new AppError('VALIDATION', refused.message, { reason: refused.code, fields: [{ path: 'file', message: refused.message }] });
  const m = material(ctx, input.materialId);
  const facts = inspectFile(fileName, bytes);
  const sha = writeBlob(ctx.dataDir, bytes); // before the row: a row never names a file that is not there
  try {
    return writeTransaction(ctx.db, () => {
      const duplicateOf = (stmt(ctx.db, `SELECT m.item_key, m.title, a.file_name FROM attachments a JOIN materials m ON m.id = a.material_id WHERE a.client_id = ? AND a.sha256 = ? ORDER BY a.id`)
        .all(m.client_id, sha) as { item_key: string; title: string; file_name: string }[]).map((d) => ({ itemKey: d.item_key, title: d.title, fileName: d.file_name }));
      const sort = (stmt(ctx.db, 'SELECT coalesce(max(sort), 0) + 1 AS n FROM attachments WHERE material_id = ?').get(m.id) as { n: number }).n;
      const id = Number(stmt(ctx.db,
        `INSERT INTO attachments (client_id, material_id, file_name, size, sha256, kind, mime, pages, width, height, pdf_problem, low_resolution, sort, added_at, added_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(m.client_id, m.id, fileName, bytes.length, sha, facts.kind, facts.mime, facts.pages, facts.width, facts.height, facts.pdfProblem, facts.lowResolution ? 1 : 0, sort, ctx.now().toISOString(), input.addedBy).lastInsertRowid);
      recordEvent(ctx, { clientId: m.client_id, kind: 'attachment.add', subject: m.item_key, subjectTitle: m.title, newValue: fileName });
      return { attachment: getRow(ctx, id), duplicateOf };
    });
  } catch (e) {
    releaseFile(ctx, sha);
    throw e;
  }
}

export function renameAttachment(ctx: ServiceContext, input: Parsed<'attachments.rename'>): Out<'attachments.rename'> {
  return writeTransaction(ctx.db, () => {
    const a = getRow(ctx, input.id);
    const fileName = cleanFileName(input.fileName);
    if (fileName === a.fileName) return a;
    stmt(ctx.db, 'UPDATE attachments SET file_name = ? WHERE id = ?').run(fileName, a.id);
    recordEvent(ctx, { clientId: a.clientId, kind: 'attachment.rename', subject: a.itemKey, oldValue: a.fileName, newValue: fileName });
    return getRow(ctx, a.id);
  });
}

export function moveAttachment(ctx: ServiceContext, input: Parsed<'attachments.move'>): Out<'attachments.move'> {
  return writeTransaction(ctx.db, () => {
    const a = getRow(ctx, input.id);
    const to = material(ctx, input.materialId);
    if (to.client_id !== a.clientId) throw new AppError('VALIDATION', '附件只能移到同一客户的其他材料项', { fields: [{ path: 'materialId', message: '附件只能移到同一客户的其他材料项' }] });
    if (to.id === a.materialId) return a;
    const sort = (stmt(ctx.db, 'SELECT coalesce(max(sort), 0) + 1 AS n FROM attachments WHERE material_id = ?').get(to.id) as { n: number }).n;
    stmt(ctx.db, 'UPDATE attachments SET material_id = ?, sort = ? WHERE id = ?').run(to.id, sort, a.id);
    recordEvent(ctx, { clientId: a.clientId, kind: 'attachment.move', subject: to.item_key, subjectTitle: to.title, oldValue: a.itemKey, newValue: a.fileName });
    return getRow(ctx, a.id);
  });
}

export function removeAttachment(ctx: ServiceContext, input: Parsed<'attachments.remove'>): Out<'attachments.remove'> {
  const a = writeTransaction(ctx.db, () => {
    const row = getRow(ctx, input.id);
    stmt(ctx.db, 'DELETE FROM attachments WHERE id = ?').run(row.id);
    recordEvent(ctx, { clientId: row.clientId, kind: 'attachment.remove', subject: row.itemKey, oldValue: row.fileName });
    return row;
  });
  return { ok: true, fileRemoved: releaseFile(ctx, a.sha256) };
}

/**
 * One attachment's name, type and bytes (hash-verified), for the hosts' own file routes (open with the system app,
 * the browser-mode download). @throws AppError NOT_FOUND (no such attachment, or its file is missing), BAD_FILE (altered)
 */
export function attachmentFile(ctx: ServiceContext, id: number): { fileName: string; mime: string; bytes: Buffer } {
  const a = getRow(ctx, id);
  return { fileName: a.fileName, mime: a.mime, bytes: readBlob(ctx.dataDir, a.sha256) };
}

/** The converted PNG preview of a HEIC/HEIF attachment (db/files/preview.ts), cached by content hash. */
export async function previewAttachment(ctx: ServiceContext, input: Parsed<'attachments.preview'>): Promise<Out<'attachments.preview'>> {
  const a = getRow(ctx, input.id);
  if (a.kind !== 'heic') throw new AppError('VALIDATION', '只有 HEIC 照片需要转换预览', { kind: a.kind });
  const png = await heicPreview(ctx.dataDir, a.sha256, () => readBlob(ctx.dataDir, a.sha256));
  return { mime: 'image/png', base64: png.toString('base64') };
}

export function getAttachment(ctx: ServiceContext, input: Parsed<'attachments.get'>): Out<'attachments.get'> {
  const f = attachmentFile(ctx, input.id);
  return { fileName: f.fileName, mime: f.mime, base64: f.bytes.toString('base64') };
}
