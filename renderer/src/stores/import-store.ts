/**
 * State of the spreadsheet import (pages/ImportPage.tsx): the chosen file (base64), the server's preview, the column
 * mapping the user is editing, the flagged rows to import anyway, and the commit result. Kept in a zustand store so the
 * preview survives navigating away and back. Stale preview responses (an older mapping) are ignored.
 */
import { create } from 'zustand';
import type { ImportField, ImportMapping, ImportPreview, ImportResult, ImportRow } from '../../../shared/contract';
import type { z } from 'zod';
import type { ImportProgress as ImportProgressSchema } from '../../../shared/contract';
import type { ErrorCode } from '../../../shared/errors';
import { ApiError, call } from '../api';

export type ImportStep = 'pick' | 'preview' | 'result';
export type ImportProgress = z.infer<typeof ImportProgressSchema>;
export type OutcomeFilter = 'all' | ImportRow['outcome'];

/** The file being imported: name, base64 bytes, size in bytes. */
export interface ImportFileData {
  fileName: string;
  dataBase64: string;
  size: number;
}

/**
 * An error to show: the server's code and Chinese message, or a local problem found before any call (`local` names an
 * `import.pick.*` string, with `params` for it).
 */
export interface ImportError {
  code: ErrorCode;
  message: string;
  local?: { key: 'wrongType' | 'tooLarge' | 'readFailed'; params: Record<string, string> };
}

export interface ImportState {
  step: ImportStep;
  file: ImportFileData | null;
  /** A preview request is running (first load or after a mapping change). */
  loading: boolean;
  committing: boolean;
  preview: ImportPreview | null;
  /** The mapping as the user chose it (may differ from preview.mapping while a re-preview runs or after it failed). */
  mapping: ImportMapping;
  /** sheetRow numbers of flagged rows to import anyway. */
  forced: number[];
  /** Columns (0-based) the user chose to ignore; null until the first preview (then the server's remembered set). */
  ignore: number[] | null;
  /** Progress of the running read (import.progress), null when nothing runs. */
  progress: ImportProgress | null;
  filter: OutcomeFilter;
  result: ImportResult | null;
  error: ImportError | null;

  /** Reads the file as base64 and runs the first preview with the server's guessed mapping. */
  loadFile: (file: File) => Promise<void>;
  /** Loads already-read data (used by loadFile; handy for tests). */
  loadData: (file: ImportFileData) => Promise<void>;
  /** Maps `field` to column `col` (0-based) or removes it (`null`), then re-runs the preview with that mapping. */
  setMapping: (field: ImportField, col: number | null) => Promise<void>;
  toggleForce: (sheetRow: number) => void;
  /** Ignores column `col` (or takes it back into 其他信息), then re-runs the preview. */
  toggleIgnore: (col: number) => Promise<void>;
  /** Cancels the running read (preview or commit before it writes): nothing is written. */
  cancel: () => Promise<void>;
  setFilter: (f: OutcomeFilter) => void;
  /** Imports: `import.commit` with the mapping and the forced rows. */
  commit: () => Promise<void>;
  /** Back to step 1 (forgets the file, preview and result). */
  reset: () => void;
}

/** Largest file accepted in the browser (the contract allows 40 MB of base64, i.e. ~30 MB of bytes). */
export const MAX_FILE_BYTES = 29_000_000;

/** Reads a File as base64 (without the data: URL prefix). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const i = url.indexOf(',');
      resolve(i >= 0 ? url.slice(i + 1) : url);
    };
    reader.readAsDataURL(file);
  });
}

function toImportError(e: unknown): ImportError {
  if (e instanceof ApiError) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** Number of rows the commit would create: rows marked import plus forced rows that may be forced. */
export function commitCount(preview: ImportPreview | null, forced: readonly number[]): number {
  if (!preview) return 0;
  const f = new Set(forced);
  return preview.rows.filter((r) => r.outcome === 'import' || (r.outcome === 'flagged' && r.canForce && f.has(r.sheetRow))).length;
}

/** '12.3 MB' style size. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function localError(key: NonNullable<ImportError['local']>['key'], params: Record<string, string>): ImportError {
  return { code: 'BAD_FILE', message: key, local: { key, params } };
}

let previewSeq = 0;
let jobSeq = 0;
/** The running job's id (for import.progress / import.cancel), or null. */
let currentJob: string | null = null;
const newJobId = () => `imp-${Date.now().toString(36)}-${++jobSeq}`;

type Data = Pick<ImportState, 'step' | 'file' | 'loading' | 'committing' | 'preview' | 'mapping' | 'forced' | 'ignore' | 'progress' | 'filter' | 'result' | 'error'>;
const EMPTY: Data = {
  step: 'pick',
  file: null,
  loading: false,
  committing: false,
  preview: null,
  mapping: {},
  forced: [],
  ignore: null,
  progress: null,
  filter: 'all',
  result: null,
  error: null,
};

export const useImportStore = create<ImportState>()((set, get) => {
  /** Runs `fn` with a fresh job id, polling import.progress every 400 ms meanwhile. */
  async function withJob<T>(fn: (jobId: string) => Promise<T>): Promise<T> {
    const jobId = newJobId();
    currentJob = jobId;
    set({ progress: null });
    const timer = setInterval(() => {
      void call('import.progress', { jobId }).then(
        (p) => currentJob === jobId && p.state !== 'unknown' && set({ progress: p }),
        () => undefined,
      );
    }, 400);
    try {
      return await fn(jobId);
    } finally {
      clearInterval(timer);
      if (currentJob === jobId) {
        currentJob = null;
        set({ progress: null });
      }
    }
  }

  /** Runs `import.preview` for the current file; `mapping` null lets the server use the remembered or guessed one. */
  async function runPreview(mapping: ImportMapping | null): Promise<void> {
    const file = get().file;
    if (!file) return;
    const seq = ++previewSeq;
    set({ loading: true, error: null });
    try {
      const preview = await withJob((jobId) => call('import.preview', { fileName: file.fileName, dataBase64: file.dataBase64, mapping, ignore: get().ignore, jobId }));
      if (seq !== previewSeq) return;
      // Keep "import anyway" ticks only for rows that can still be forced.
      const forceable = new Set(preview.rows.filter((r) => r.canForce && r.outcome !== 'import').map((r) => r.sheetRow));
      set({
        loading: false,
        preview,
        mapping: preview.mapping,
        ignore: preview.ignore,
        forced: get().forced.filter((n) => forceable.has(n)),
        step: 'preview',
      });
    } catch (e) {
      if (seq !== previewSeq) return;
      set({ loading: false, error: toImportError(e) });
    }
  }

  return {
    ...EMPTY,

    async loadFile(file) {
      const fileName = file.name;
      if (!/\.(xlsx|csv)$/i.test(fileName)) {
        set({ ...EMPTY, error: localError('wrongType', { fileName }) });
        return;
      }
      if (file.size > MAX_FILE_BYTES) {
        set({ ...EMPTY, error: localError('tooLarge', { fileName, size: formatBytes(file.size) }) });
        return;
      }
      previewSeq++;
      set({ ...EMPTY, file: { fileName, dataBase64: '', size: file.size }, loading: true });
      let dataBase64: string;
      try {
        dataBase64 = await readAsBase64(file);
      } catch {
        set({ ...EMPTY, error: localError('readFailed', { fileName }) });
        return;
      }
      await get().loadData({ fileName, dataBase64, size: file.size });
    },

    async loadData(file) {
      set({ ...EMPTY, file, loading: true });
      await runPreview(null);
    },

    async setMapping(field, col) {
      const next: ImportMapping = { ...get().mapping };
      if (col === null) delete next[field];
      else next[field] = col;
      set({ mapping: next });
      await runPreview(next);
    },

    async toggleIgnore(col) {
      const ignore = get().ignore ?? [];
      set({ ignore: ignore.includes(col) ? ignore.filter((c) => c !== col) : [...ignore, col].sort((a, b) => a - b) });
      await runPreview(get().mapping);
    },

    async cancel() {
      const jobId = currentJob;
      if (!jobId) return;
      await call('import.cancel', { jobId }).catch(() => undefined);
    },

    toggleForce(sheetRow) {
      const forced = get().forced;
      set({ forced: forced.includes(sheetRow) ? forced.filter((n) => n !== sheetRow) : [...forced, sheetRow].sort((a, b) => a - b) });
    },

    setFilter(filter) {
      set({ filter });
    },

    async commit() {
      const { file, mapping, forced, committing, loading, ignore } = get();
      if (!file || committing || loading) return;
      set({ committing: true, error: null });
      try {
        const result = await withJob((jobId) => call('import.commit', { fileName: file.fileName, dataBase64: file.dataBase64, mapping, force: forced, ignore: ignore ?? [], jobId }));
        set({ committing: false, result, step: 'result' });
      } catch (e) {
        set({ committing: false, error: toImportError(e) });
      }
    },

    reset() {
      previewSeq++;
      currentJob = null;
      set({ ...EMPTY });
    },
  };
});
