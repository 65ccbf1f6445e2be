/**
 * Attachments (issue 18): files behind material items. The bytes go to the content-addressed store (db/files/store.ts)
 * before the row is written; a failed write leaves no row; a file no row references any more is removed after the
 * transaction (and swept at the next start if the app stops in between). Every change is an event on the client.
 */
import type { Out, Parsed } from '../../shared/contract';
import type { UploadOrder } from '../../shared/contracts/attachments';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import fs from 'node:fs';
import { cleanFileName, executableSignature, inspectFile, MAX_ATTACHMENT_BYTES, refusal, refusalByName, type FileFacts } from '../../shared/domain/attachments';
import { commitStaged, discardStaged, readBlob, removeBlob, stageStream, sweepOrphans, writeBlob, type StagedFile } from '../files/store';
import { heicPreview, removePreview, sweepPreviews } from '../files/preview';
import { readThumb, removeThumbs, storeThumb, sweepThumbs } from '../files/thumbs';
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
  if (!r) throw new AppError('NOT_FOUND', msg('attachment_not_found'), { id });
  return toAttachment(r);
}

function material(ctx: ServiceContext, id: number) {
  const m = stmt(ctx.db, 'SELECT id, client_id, item_key, title FROM materials WHERE id = ?').get(id) as { id: number; client_id: number; item_key: string; title: string } | undefined;
  if (!m) throw new AppError('NOT_FOUND', msg('material_not_found'), { id });
  return m;
}

const referenced = (ctx: ServiceContext, sha: string) => !!stmt(ctx.db, 'SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1').get(sha);

/** Removes the stored file when no row references it (after the transaction that dropped the last row). */
export function releaseFile(ctx: ServiceContext, sha: string): boolean {
  if (referenced(ctx, sha)) return false;
  removeBlob(ctx.dataDir, sha);
  removePreview(ctx.dataDir, sha);
  removeThumbs(ctx.dataDir, sha);
  return true;
}

/** Files of the store no row references, and leftover temporary files: removed (at start, before any write). */
export function sweepAttachmentOrphans(ctx: ServiceContext): number {
  const isReferenced = (sha: string) => referenced(ctx, sha);
  return sweepOrphans(ctx.dataDir, isReferenced) + sweepPreviews(ctx.dataDir, isReferenced) + sweepThumbs(ctx.dataDir, isReferenced);
}

export function listAttachments(ctx: ServiceContext, input: Parsed<'attachments.list'>): Out<'attachments.list'> {
  return (stmt(ctx.db, `${SELECT} WHERE a.client_id = ? ORDER BY m.sort, m.id, a.sort, a.id`).all(input.clientId) as Row[]).map(toAttachment);
}

/** A reserved block of sort numbers: the first and how many. */
interface Block { first: number; count: number }
/** Per database and item: the highest sort number handed out, and the blocks of recent batches (by batch id, at most 32). */
const handedOut = new WeakMap<object, Map<number, { top: number; batches: Map<string, Block> }>>();
const BATCHES_KEPT = 32;

/**
 * The sort number for a new row of item `materialId` (issue 18): one past the highest in the table and the highest
 * handed out. A file of a batch (`order`, shared/contracts/attachments.ts `UploadOrder`) gets `first + index` of its
 * batch's block, reserved — `count` numbers past everything so far — when the first of its files is written, so the
 * files of one drop or pick keep the user's order whatever order their uploads finish in, and no two rows share a
 * number (a later batch or a single file takes numbers past the block; a failed or cancelled file leaves a gap).
 * Called inside the writing transaction; the reservations live in memory (a restart needs none: rows are in the table).
 */
export function nextSort(ctx: ServiceContext, materialId: number, order?: UploadOrder | null): number {
  const inTable = (stmt(ctx.db, 'SELECT coalesce(max(sort), 0) AS n FROM attachments WHERE material_id = ?').get(materialId) as { n: number }).n;
  let perDb = handedOut.get(ctx.db);
  if (!perDb) handedOut.set(ctx.db, (perDb = new Map()));
  let item = perDb.get(materialId);
  if (!item) perDb.set(materialId, (item = { top: 0, batches: new Map() }));
  const past = Math.max(inTable, item.top) + 1;
  let block = order ? item.batches.get(order.batch) : undefined;
  if (order && (!block || order.index >= block.count)) {
    block = { first: past, count: order.count };
    item.batches.set(order.batch, block);
    if (item.batches.size > BATCHES_KEPT) item.batches.delete(item.batches.keys().next().value!);
  }
  const sort = order && block ? block.first + order.index : past;
  item.top = Math.max(item.top, order && block ? block.first + block.count - 1 : sort);
  return sort;
}

/** The row for a file already in the store (`sha`), its duplicates in the client, and the event; one IMMEDIATE transaction. On failure the file is released. */
function insertAttachment(ctx: ServiceContext, m: ReturnType<typeof material>, fileName: string, size: number, sha: string, facts: FileFacts, addedBy: string | null, order?: UploadOrder | null): Out<'attachments.add'> {
  try {
    return writeTransaction(ctx.db, () => {
      const duplicateOf = (stmt(ctx.db, `SELECT m.item_key, m.title, a.file_name FROM attachments a JOIN materials m ON m.id = a.material_id WHERE a.client_id = ? AND a.sha256 = ? ORDER BY a.id`)
        .all(m.client_id, sha) as { item_key: string; title: string; file_name: string }[]).map((d) => ({ itemKey: d.item_key, title: d.title, fileName: d.file_name }));
      const sort = nextSort(ctx, m.id, order);
      const id = Number(stmt(ctx.db,
        `INSERT INTO attachments (client_id, material_id, file_name, size, sha256, kind, mime, pages, width, height, pdf_problem, low_resolution, sort, added_at, added_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(m.client_id, m.id, fileName, size, sha, facts.kind, facts.mime, facts.pages, facts.width, facts.height, facts.pdfProblem, facts.lowResolution ? 1 : 0, sort, ctx.now().toISOString(), addedBy).lastInsertRowid);
      recordEvent(ctx, { clientId: m.client_id, kind: 'attachment.add', subject: m.item_key, subjectTitle: m.title, newValue: fileName });
      return { attachment: getRow(ctx, id), duplicateOf };
    });
  } catch (e) {
    releaseFile(ctx, sha);
    throw e;
  }
}

/** The VALIDATION error of a refusal (field `file`, details.reason its code). */
export const refusedError = (r: NonNullable<ReturnType<typeof refusal>>) => AppError.field('VALIDATION', 'file', r.msg, { reason: r.code });

/** Attaches a file sent whole (base64, the JSON API; the renderer streams instead — {@link addStreamedAttachment}). */
export function addAttachment(ctx: ServiceContext, input: Parsed<'attachments.add'>): Out<'attachments.add'> {
  const fileName = cleanFileName(input.fileName);
  const bytes = new Uint8Array(Buffer.from(input.base64, 'base64'));
  const refused = refusal(fileName, bytes);
  if (refused) throw refusedError(refused);
  const m = material(ctx, input.materialId);
  const facts = inspectFile(fileName, bytes);
  const sha = writeBlob(ctx.dataDir, bytes); // before the row: a row never names a file that is not there
  return insertAttachment(ctx, m, fileName, bytes.length, sha, facts, input.addedBy);
}

/** What a streamed attachment needs before its bytes arrive (the query of the browser-mode upload, Electron's IPC). */
export interface StreamedAttachmentInput {
  materialId: number;
  fileName: string;
  addedBy: string | null;
  /** The file's place in a batch uploaded several at once; its sort number follows it ({@link nextSort}). */
  order?: UploadOrder | null;
}

/**
 * Attaches a file arriving as a stream (browser-mode upload, issue 18 §9): the item and the name are checked first
 * (an executable's extension is refused before a byte is read), then the bytes are streamed into the store's
 * `.incoming/` folder while hashed (db/files/store.ts `stageStream`; no whole-file buffer, no base64); an
 * executable's signature stops the stream at its first chunk, more than 50 MB stops it with `tooLarge()`. Only a
 * complete, accepted file is renamed to its hash, then the row is written as {@link addAttachment} does. Every
 * refusal and an aborted stream leave nothing written.
 * Facts come from the first 256 KiB; a PDF's page count needs the whole file, read back from the staged copy.
 * @throws AppError VALIDATION (refusals: field `file`, details.reason EMPTY / TOO_LARGE / EXECUTABLE), NOT_FOUND
 *   (no such item), or `tooLarge()`'s error, or the source's error (an aborted upload)
 */
export async function addStreamedAttachment(ctx: ServiceContext, input: StreamedAttachmentInput, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, tooLarge: () => Error): Promise<Out<'attachments.add'>> {
  const fileName = cleanFileName(input.fileName);
  const m = material(ctx, input.materialId);
  const byName = refusalByName(fileName);
  if (byName) throw refusedError(byName);
  let signatureChecked = false;
  const staged = await stageStream(ctx.dataDir, source, {
    maxBytes: MAX_ATTACHMENT_BYTES,
    onTooLarge: tooLarge,
    check: (head, size, final) => {
      if (final) {
        const r = refusal(fileName, head, size);
        if (r) throw refusedError(r);
      } else if (!signatureChecked && head.length >= 4) {
        signatureChecked = true; // an executable stops at its first bytes, before the rest is written
        if (executableSignature(head)) throw refusedError(refusal(fileName, head, size)!);
      }
    },
  });
  let sha: string;
  let facts: FileFacts;
  try {
    facts = inspectFile(fileName, staged.size <= staged.head.length ? staged.head : factsSource(staged));
    sha = commitStaged(ctx.dataDir, staged);
  } catch (e) {
    discardStaged(staged);
    throw e;
  }
  return insertAttachment(ctx, m, fileName, staged.size, sha, facts, input.addedBy, input.order);
}

/** The bytes {@link inspectFile} needs: the whole staged file for a PDF (pages are counted over the file), else its head. */
function factsSource(staged: StagedFile): Uint8Array {
  const isPdf = Buffer.from(staged.head.subarray(0, 1024)).toString('latin1').includes('%PDF-');
  return isPdf ? new Uint8Array(fs.readFileSync(staged.tmp)) : staged.head;
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
    if (to.client_id !== a.clientId) throw AppError.field('VALIDATION', 'materialId', msg('attachment_move_other_client'));
    if (to.id === a.materialId) return a;
    const sort = nextSort(ctx, to.id);
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
  if (a.kind !== 'heic') throw new AppError('VALIDATION', msg('heic_preview_only'), { kind: a.kind });
  const png = await heicPreview(ctx.dataDir, a.sha256, () => readBlob(ctx.dataDir, a.sha256));
  return { mime: 'image/png', base64: png.toString('base64') };
}

/** `attachments.thumbnail`: the stored thumbnail of attachment `id` for the box (db/files/thumbs.ts), base64, or null when none is stored yet. */
export function thumbnailOf(ctx: ServiceContext, input: Parsed<'attachments.thumbnail'>): Out<'attachments.thumbnail'> {
  const a = getRow(ctx, input.id);
  const png = readThumb(ctx.dataDir, a.sha256, input);
  return { base64: png ? png.toString('base64') : null };
}

/** Most thumbnails one `attachments.thumbnails` answer carries. */
const MAX_THUMBNAILS = 200;

/** `attachments.thumbnails`: the stored thumbnails of client `clientId`'s PDFs and images (JPEG, PNG, WebP, HEIC) for the box, one per content, in checklist order. */
export function thumbnailsOf(ctx: ServiceContext, input: Parsed<'attachments.thumbnails'>): Out<'attachments.thumbnails'> {
  const rows = stmt(ctx.db, "SELECT a.id, a.sha256 FROM attachments a JOIN materials m ON m.id = a.material_id WHERE a.client_id = ? AND a.kind IN ('pdf', 'jpeg', 'png', 'webp', 'heic') ORDER BY m.sort, a.sort, a.id").all(input.clientId) as { id: number; sha256: string }[];
  const out: Out<'attachments.thumbnails'> = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.sha256)) continue;
    seen.add(r.sha256);
    const png = readThumb(ctx.dataDir, r.sha256, input);
    if (png) out.push({ id: r.id, sha256: r.sha256, base64: png.toString('base64') });
    if (out.length >= MAX_THUMBNAILS) break;
  }
  return out;
}

/**
 * `attachments.setThumbnail`: keeps the thumbnail the page drew for attachment `id` (a PNG fitting the box), for every
 * later view of any attachment with the same content. Writes no database row.
 * @throws AppError NOT_FOUND (no such attachment), VALIDATION thumb_invalid
 */
export function setThumbnail(ctx: ServiceContext, input: Parsed<'attachments.setThumbnail'>): Out<'attachments.setThumbnail'> {
  const a = getRow(ctx, input.id);
  storeThumb(ctx.dataDir, a.sha256, input, Buffer.from(input.base64, 'base64'));
  return { ok: true };
}

export function getAttachment(ctx: ServiceContext, input: Parsed<'attachments.get'>): Out<'attachments.get'> {
  const f = attachmentFile(ctx, input.id);
  return { fileName: f.fileName, mime: f.mime, base64: f.bytes.toString('base64') };
}
