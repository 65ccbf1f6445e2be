/**
 * The attachments of the client on screen (issue 18): the list, adding files (each sent as it is, never base64:
 * streamed to the browser-mode host, a Uint8Array over Electron's IPC — host.ts `attachFile`), rename, move, remove with undo (the bytes of the removed file are kept in memory
 * until the snackbar closes, then dropped), and notices (refusals, duplicates, hints) the materials panel shows.
 */
import { create } from 'zustand';
import type { Attachment } from '../../../../../shared/contracts/attachments';
import { ApiError, call } from '../../../api';
import { attachFile, fromBase64, openAttachment, pickAttachments, readAttachmentBytes, UploadCancelled, type AttachOptions } from '../../../host';
import { materialTitle } from '../../../i18n/domain';
import { keepUnchanged } from '../../../stores/keep-unchanged';

/** A message for the user: `key` is an i18n key under `attachments.`, `values` its interpolations. */
export interface Notice { id: number; severity: 'error' | 'warning' | 'info' | 'success'; key: string; values: Record<string, string | number> }

/**
 * A file being attached, shown under its item until it is done: `queued` (waiting for a free slot), `sending`
 * (`loaded` of `size` bytes sent; can be cancelled), `saving` (every byte sent, the host is storing it — too late to
 * cancel). A finished file becomes a tile; a refused, failed or cancelled one disappears with a notice.
 */
export interface Upload { key: string; materialId: number; fileName: string; size: number; loaded: number; status: 'queued' | 'sending' | 'saving' }

/** How many files of a drop or pick are uploaded at once: one file's storing (fsync) overlaps the next one's transfer. */
export const UPLOAD_SLOTS = 2;

/** A removed file, kept to put back while the undo snackbar shows. */
export interface Removed { attachment: Attachment; bytes: Uint8Array }

interface State {
  clientId: number | null;
  items: Attachment[];
  notices: Notice[];
  removed: Removed | null;
  viewing: Attachment | null;
  /** Files being attached, in the order the user chose them. */
  uploads: Upload[];
  load(clientId: number): Promise<void>;
  /**
   * Adds files to an item, {@link UPLOAD_SLOTS} at a time, their sort numbers in the given order whatever order they
   * finish in (one batch: host.ts `order`); resolves to the number attached. A refused or failed file becomes a notice
   * naming it and the others go on; a cancelled one leaves nothing.
   */
  add(materialId: number, files: File[]): Promise<number>;
  /** The item whose files the main process's picker is attaching now (Electron), or null. */
  picking: number | null;
  /**
   * Electron: the system's open dialog for item `materialId`, the chosen files read and attached by the main process
   * (host.ts `pickAttachments`); notices as {@link add}. Resolves to the number attached (0 when cancelled).
   */
  pick(materialId: number, title?: string): Promise<number>;
  /** Cancels a queued or sending upload (a file already being saved by the host is kept). */
  cancelUpload(key: string): void;
  rename(a: Attachment, fileName: string): Promise<void>;
  move(a: Attachment, materialId: number): Promise<void>;
  remove(a: Attachment): Promise<void>;
  undoRemove(): Promise<void>;
  dismissRemoved(): void;
  dismiss(id: number): void;
  view(a: Attachment | null): void;
  /** Opens the file with the system app (Electron) or downloads it (browser); a failure becomes a notice. */
  open(a: Attachment): Promise<void>;
}

let noticeSeq = 0;
let batchSeq = 0;
/** Cancel handles of the uploads not yet saving, by key. */
const controllers = new Map<string, AbortController>();
/** Recently used file bytes by SHA-256 (content never changes under a hash, so an entry is never stale), at most 24. */
const bytesCache = new Map<string, Promise<Uint8Array>>();
const CACHE_SIZE = 24;
function remember(sha: string, p: Promise<Uint8Array>) {
  bytesCache.delete(sha);
  bytesCache.set(sha, p);
  while (bytesCache.size > CACHE_SIZE) bytesCache.delete(bytesCache.keys().next().value as string);
}

/** The file's bytes (hash-verified by the host), fetched once while recently used. */
export function attachmentBytes(a: Pick<Attachment, 'id' | 'sha256'>): Promise<Uint8Array> {
  let p = bytesCache.get(a.sha256);
  if (!p) {
    p = readAttachmentBytes(a.id);
    p.catch(() => bytesCache.delete(a.sha256));
  }
  remember(a.sha256, p);
  return p;
}

const previewCache = new Map<string, Promise<Uint8Array>>();

/**
 * The bytes and type the page can show for an image attachment: the file itself for JPEG/PNG/WebP; for HEIC (which
 * Chromium cannot decode) the host's converted PNG preview (`attachments.preview`, made once per file and cached).
 * @throws ApiError BAD_FILE when the HEIC cannot be converted
 */
export function displayImage(a: Pick<Attachment, 'id' | 'sha256' | 'kind' | 'mime'>): Promise<{ bytes: Uint8Array; mime: string }> {
  if (a.kind !== 'heic') return attachmentBytes(a).then((bytes) => ({ bytes, mime: a.mime }));
  let p = previewCache.get(a.sha256);
  if (!p) {
    p = call('attachments.preview', { id: a.id }).then((r) => fromBase64(r.base64));
    previewCache.set(a.sha256, p);
    p.catch(() => previewCache.delete(a.sha256));
  }
  return p.then((bytes) => ({ bytes, mime: 'image/png' }));
}

/** A name for a pasted image without one ("截图-20261127-1030.png"). */
export function pastedName(file: File, now = new Date()): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const p = (n: number) => String(n).padStart(2, '0');
  const ext = file.type === 'image/jpeg' ? 'jpg' : file.type.split('/')[1] || 'png';
  return `截图-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.${ext}`;
}

export const useAttachmentsStore = create<State>((set, get) => {
  const note = (severity: Notice['severity'], key: string, values: Notice['values'] = {}) =>
    set((s) => ({ notices: [...s.notices, { id: ++noticeSeq, severity, key, values }].slice(-6) }));
  const fail = (e: unknown, fileName = '') => note('error', 'failed', { fileName, message: e instanceof ApiError ? e.message : String(e) });
  const reload = async () => {
    const cid = get().clientId;
    if (cid === null) return;
    const items = await call('attachments.list', { clientId: cid });
    if (get().clientId === cid) set({ items: keepUnchanged(get().items, items) }); // unchanged tiles keep their objects
  };
  /** Reloads the list as files of a batch land (tiles appear one by one), never two reloads at once. */
  let reloading: Promise<void> | null = null;
  let stale = false;
  const refresh = (): Promise<void> => {
    stale = true;
    reloading ??= (async () => {
      while (stale) { stale = false; await reload().catch(() => undefined); }
      reloading = null;
    })();
    return reloading;
  };
  const patch = (key: string, change: Partial<Upload>) => set((s) => ({ uploads: s.uploads.map((u) => (u.key === key ? { ...u, ...change } : u)) }));
  const noticesOf = (r: Awaited<ReturnType<typeof attachFile>>) => {
    const a = r.attachment;
    for (const d of r.duplicateOf) note('warning', 'duplicate', { fileName: a.fileName, itemKey: d.itemKey, title: materialTitle(d) });
    if (a.pdfProblem) note('warning', `pdf_${a.pdfProblem}`, { fileName: a.fileName });
    if (a.lowResolution) note('warning', 'lowResolution', { fileName: a.fileName, width: a.width ?? 0, height: a.height ?? 0 });
    return a;
  };
  const addFile = async (materialId: number, fileName: string, file: Blob, opts: AttachOptions = {}) => {
    const r = await attachFile(materialId, fileName, file, null, opts);
    remember(r.attachment.sha256, file.arrayBuffer().then((b) => new Uint8Array(b)));
    return noticesOf(r);
  };
  return {
    clientId: null, items: [], notices: [], removed: null, viewing: null, uploads: [], picking: null,
    async load(clientId) {
      if (get().clientId !== clientId) set({ clientId, items: [], notices: [], removed: null, viewing: null });
      try { await reload(); } catch (e) { fail(e); }
    },
    async add(materialId, files) {
      const batch = `${Date.now().toString(36)}-${++batchSeq}`;
      const jobs = files.map((f, index) => ({ file: f, index, name: pastedName(f), key: `${batch}-${index}` }));
      set((s) => ({ uploads: [...s.uploads, ...jobs.map((j) => ({ key: j.key, materialId, fileName: j.name, size: j.file.size, loaded: 0, status: 'queued' as const }))] }));
      for (const j of jobs) controllers.set(j.key, new AbortController());
      let n = 0;
      let next = 0;
      const one = async (j: (typeof jobs)[number]) => {
        const signal = controllers.get(j.key)!.signal;
        if (signal.aborted) return; // cancelled while queued: already gone from the list, with its notice
        try {
          patch(j.key, { status: 'sending' });
          await addFile(materialId, j.name, j.file, {
            order: files.length > 1 ? `${batch}:${j.index}:${files.length}` : undefined,
            signal,
            onProgress: (loaded) => patch(j.key, { loaded }),
            onSent: () => { controllers.delete(j.key); patch(j.key, { status: 'saving', loaded: j.file.size }); },
          });
          n++;
          if (files.length > 1) void refresh();
        } catch (e) {
          if (e instanceof UploadCancelled) note('info', 'cancelled', { fileName: j.name });
          else if (e instanceof ApiError && e.code === 'VALIDATION') note('error', 'refused', { message: e.message });
          else fail(e, j.name);
        } finally {
          controllers.delete(j.key);
          set((s) => ({ uploads: s.uploads.filter((u) => u.key !== j.key) }));
        }
      };
      const slot = async () => { while (next < jobs.length) await one(jobs[next++]!); };
      await Promise.all(Array.from({ length: Math.min(UPLOAD_SLOTS, jobs.length) }, slot));
      if (n) {
        note('success', 'added', { count: n });
        await reloading;
        await reload().catch(fail);
      }
      return n;
    },
    async pick(materialId, title) {
      if (get().picking !== null) return 0;
      set({ picking: materialId });
      let n = 0;
      try {
        const files = await pickAttachments(materialId, title);
        for (const f of files ?? []) {
          if (!(f.value instanceof ApiError)) { noticesOf(f.value); n++; }
          else if (f.value.code === 'VALIDATION') note('error', 'refused', { message: f.value.message });
          else fail(f.value, f.fileName);
        }
      } catch (e) {
        fail(e);
      } finally {
        set({ picking: null });
      }
      if (n) {
        note('success', 'added', { count: n });
        await reload().catch(fail);
      }
      return n;
    },
    cancelUpload(key) {
      const u = get().uploads.find((x) => x.key === key);
      if (!u || u.status === 'saving') return;
      controllers.get(key)?.abort();
      if (u.status === 'queued') {
        set((s) => ({ uploads: s.uploads.filter((x) => x.key !== key) }));
        note('info', 'cancelled', { fileName: u.fileName });
      }
    },
    async rename(a, fileName) {
      try { await call('attachments.rename', { id: a.id, fileName }); await reload(); } catch (e) { fail(e, a.fileName); }
    },
    async move(a, materialId) {
      try { await call('attachments.move', { id: a.id, materialId }); await reload(); } catch (e) { fail(e, a.fileName); }
    },
    async remove(a) {
      try {
        const bytes = await attachmentBytes(a);
        await call('attachments.remove', { id: a.id });
        set({ removed: { attachment: a, bytes } });
        await reload();
      } catch (e) { fail(e, a.fileName); }
    },
    async undoRemove() {
      const r = get().removed;
      set({ removed: null });
      if (!r) return;
      try { await addFile(r.attachment.materialId, r.attachment.fileName, new Blob([r.bytes as BlobPart])); await reload(); } catch (e) { fail(e, r.attachment.fileName); }
    },
    dismissRemoved: () => set({ removed: null }),
    dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    view: (a) => set({ viewing: a }),
    async open(a) {
      try { await openAttachment(a.id); } catch (e) { fail(e, a.fileName); }
    },
  };
});
