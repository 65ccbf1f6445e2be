/**
 * Attachment methods (issue 18): the files behind each material item. Files cross the boundary as base64 (`base64`,
 * the same name as every generated file); sizes in bytes; `addedAt` an ISO instant. Spread into `contract`.
 */
import { z } from 'zod';
import { ATTACHMENT_KINDS } from '../domain/attachments';

const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const FileName = z.string().trim().min(1, '请填写文件名').max(200, '文件名不能超过200个字符');
/** 50 MB of bytes as base64 is about 70 MB of text. */
/** A thumbnail's pixel box (db/files/thumbs.ts: each side 16–512). */
const ThumbBoxShape = { width: z.number().int().min(16).max(512), height: z.number().int().min(16).max(512) };
/** A page-chosen id for a long-running call (letters, digits, _ and -). */
const JobId = z.string().regex(/^[\w-]{1,64}$/, '任务标识无效');
const Base64 = z.string().max(71_000_000, '文件超过 50 MB');

export const Attachment = z.object({
  id: Id, clientId: Id, materialId: Id, itemKey: z.string(), fileName: z.string(), size: z.number().int(), sha256: z.string(),
  kind: z.enum(ATTACHMENT_KINDS), mime: z.string(), pages: z.number().int().nullable(), width: z.number().int().nullable(), height: z.number().int().nullable(),
  pdfProblem: z.enum(['encrypted', 'damaged']).nullable(), lowResolution: z.boolean(), addedAt: z.string(), addedBy: z.string().nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

/**
 * A file's place in a batch the user attached at once (issue 18): `<batch>:<index>:<count>` — `batch` an id the page
 * chose (1–64 of A–Z a–z 0–9 _ -), `index` the file's 0-based position in the user's order, `count` the batch's size
 * (1–1000, index < count). The page uploads a batch's files several at once, so they finish in any order; the host
 * gives them sort numbers by `index` (db/service/attachments.ts `nextSort`). Parsed to `{ batch, index, count }`.
 */
export const UploadOrder = z.string().regex(/^[\w-]{1,64}:\d{1,4}:\d{1,4}$/, '上传顺序无效').transform((s, c) => {
  const [batch, index, count] = s.split(':');
  const o = { batch: batch!, index: Number(index), count: Number(count) };
  if (o.count < 1 || o.count > 1000 || o.index >= o.count) c.addIssue({ code: 'custom', message: '上传顺序无效' });
  return o;
});
export type UploadOrder = z.output<typeof UploadOrder>;

export const attachmentMethods = {
  /** Every attachment of a client, in checklist order then by position within the item. */
  'attachments.list': { input: z.strictObject({ clientId: Id }), output: z.array(Attachment) },
  /**
   * Attaches one file to a material item. Refused (nothing written, VALIDATION naming the file): empty, over 50 MB,
   * an executable or script. `duplicateOf` names the item already holding the same content (it is attached anyway).
   */
  'attachments.add': {
    input: z.strictObject({ materialId: Id, fileName: FileName, base64: Base64, addedBy: z.string().trim().max(40).nullable().default(null) }),
    output: z.object({ attachment: Attachment, duplicateOf: z.array(z.object({ itemKey: z.string(), title: z.string(), fileName: z.string() })) }),
  },
  'attachments.rename': { input: z.strictObject({ id: Id, fileName: FileName }), output: Attachment },
  /** Moves a file to another item of the same client. */
  'attachments.move': { input: z.strictObject({ id: Id, materialId: Id }), output: Attachment },
  /** Removes the row; the stored file goes when no row references it any more. */
  'attachments.remove': { input: z.strictObject({ id: Id }), output: z.object({ ok: z.literal(true), fileRemoved: z.boolean() }) },
  /** The file's bytes, hash-verified (BAD_FILE when the stored file no longer matches, NOT_FOUND when missing). */
  'attachments.get': { input: z.strictObject({ id: Id }), output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }) },
  /**
   * A converted preview (PNG, at most 1600 px on the long side) of a file the browser cannot show itself: HEIC/HEIF.
   * Made by the host once per file content and cached. VALIDATION for other kinds; BAD_FILE when it cannot be decoded
   * (the page then offers the system app).
   */
  'attachments.preview': { input: z.strictObject({ id: Id }), output: z.object({ mime: z.literal('image/png'), base64: z.string() }) },
  /**
   * The stored thumbnail (PNG, base64) of a file for a tile of `width` × `height` pixels (the tile's CSS size × the
   * screen's pixel ratio), made once by the page and kept by the host by content (db/files/thumbs.ts); null when none
   * is stored yet (the page then draws it and stores it with `attachments.setThumbnail`).
   */
  'attachments.thumbnail': { input: z.strictObject({ id: Id, ...ThumbBoxShape }), output: z.object({ base64: z.string().nullable() }) },
  /**
   * Every stored thumbnail of a client's PDFs and images (JPEG, PNG, WebP, HEIC) for one pixel box, at most 200 (one per content, in checklist order):
   * asked together with `attachments.list`, so the tiles show them as they appear (one request for all, not one each).
   */
  'attachments.thumbnails': {
    input: z.strictObject({ clientId: Id, ...ThumbBoxShape }),
    output: z.array(z.object({ id: Id, sha256: z.string(), base64: z.string() })),
  },
  /** Keeps the thumbnail the page drew: a PNG (at most 512 KB) fitting `width` × `height`; VALIDATION thumb_invalid otherwise. */
  'attachments.setThumbnail': {
    input: z.strictObject({ id: Id, ...ThumbBoxShape, base64: z.string().max(700_000, '缩略图无效（应为不超过显示尺寸的 PNG 图片）') }),
    output: z.object({ ok: z.literal(true) }),
  },
  /**
   * 导出申报材料包 for one client: a .zip with one folder per group (A–D), files named in checklist order
   * ("A01-增值电信业务经营许可证申请表.pdf", several files of one item numbered -1, -2) and 材料目录.pdf (A4).
   * Items at 已核对 or later by default (`includeAll` takes every item with files); `mergeImages` puts each item's
   * JPEG/PNG images into one A4 PDF in order. `dryRun` returns the plan without building the zip (`downloadId` null).
   * The built zip stays in the data folder as a file (db/package/downloads.ts): `downloadId` names it for the host's
   * save (browser: `GET /packages/<downloadId>?t=<token>`; Electron: the desktop channel's `savePackage`), `size` in
   * bytes; it is removed once saved or after 30 minutes.
   * `entries` are the zip paths in order; `missing` the items left out and why. The zip is built in a worker thread
   * (the host answers other requests meanwhile); `jobId`, chosen by the page, names the build for
   * `attachments.packageProgress` and `attachments.packageCancel` (a cancelled build fails with BAD_FILE package_cancelled).
   */
  'attachments.package': {
    input: z.strictObject({ clientId: Id, includeAll: z.boolean().default(false), mergeImages: z.boolean().default(false), dryRun: z.boolean().default(false), jobId: JobId.nullable().default(null) }),
    output: z.object({
      fileName: z.string(), downloadId: z.string().nullable(), size: z.number().int().nonnegative().nullable(), entries: z.array(z.string()),
      missing: z.array(z.object({ itemKey: z.string(), title: z.string(), status: z.string(), reason: z.enum(['noFiles', 'notChecked']) })),
    }),
  },
  /** Where the package build `jobId` is: `done` of `total` steps (one per zip entry, the catalogue, the zip); 'unknown' when no such build is known. */
  'attachments.packageProgress': {
    input: z.strictObject({ jobId: JobId }),
    output: z.object({ state: z.enum(['building', 'done', 'cancelled', 'failed', 'unknown']), done: z.number().int(), total: z.number().int() }),
  },
  /** Stops the package build `jobId`; `cancelled` false when it is not running. */
  'attachments.packageCancel': { input: z.strictObject({ jobId: JobId }), output: z.object({ cancelled: z.boolean() }) },
} as const;
