/**
 * State of 数据与备份 (settings page) and the recovery screen: the data status, the backups list, the restore being
 * previewed (a listed backup by name, or a picked file's bytes), the running operation and its outcome.
 * After a successful restore the page reloads (every other store then starts from the restored data); the outcome
 * survives the reload in sessionStorage ({@link takeFlash}).
 */
import { create } from 'zustand';
import type { BackupInfo, BackupPreview, DataStatus, RestoreResult } from '../../../shared/contracts/backup';
import { ApiError, call } from '../api';
import { fromBase64, saveFile } from '../host';
import { readAsBase64 } from './import-store';

/** What a restore would use: a listed backup or a picked file (bytes as base64). */
export type RestoreTarget = { kind: 'backup'; name: string } | { kind: 'file'; fileName: string; dataBase64: string };

/** Operations that show progress (one at a time). */
export type BackupOp = 'backup' | 'preview' | 'restore' | 'exportXlsx' | 'exportJson' | 'importJson' | 'startEmpty';

/** A message to show after an operation: a key in the `backup` namespace and its parameters. */
export interface Notice {
  severity: 'success' | 'error';
  key?: string;
  params?: Record<string, string | number>;
  /** A server error message (Chinese) shown as is. */
  message?: string;
}

interface BackupState {
  status: DataStatus | null;
  backups: BackupInfo[];
  op: BackupOp | null;
  notice: Notice | null;
  /** The restore being previewed: target and what it holds; null when no dialog is open. */
  pending: { target: RestoreTarget; preview: BackupPreview | null; error: string | null } | null;
  load(): Promise<void>;
  backupNow(): Promise<void>;
  previewBackup(name: string): Promise<void>;
  previewFile(file: File): Promise<void>;
  cancelRestore(): void;
  confirmRestore(): Promise<void>;
  exportData(format: 'xlsx' | 'json'): Promise<void>;
  importJson(file: File): Promise<void>;
  startEmpty(): Promise<void>;
  clearNotice(): void;
}

const FLASH_KEY = 'icpdesk.restored';

/** The restore outcome saved before the reload, once (then forgotten). */
export function takeFlash(): RestoreResult | null {
  // Read once per page load and kept: a render that is thrown away (a lazily loaded part suspending) may run the
  // caller's state initialiser again, and the second call must see the same result.
  if (flash !== undefined) return flash;
  try {
    const s = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    flash = s ? (JSON.parse(s) as RestoreResult) : null;
  } catch {
    flash = null;
  }
  return flash;
}
let flash: RestoreResult | null | undefined;

const errorNotice = (e: unknown): Notice => ({ severity: 'error', message: e instanceof ApiError || e instanceof Error ? e.message : String(e) });

/** Reloads the app after the data changed under every store; `hash` is where to land. */
function reloadAt(hash: string): void {
  if (location.hash !== hash) location.hash = hash;
  location.reload();
}

export const useBackupStore = create<BackupState>()((set, get) => {
  /** Runs `fn` as operation `op` (ignored if another runs); errors become an error notice. */
  async function run(op: BackupOp, fn: () => Promise<void>): Promise<void> {
    if (get().op) return;
    set({ op, notice: null });
    try {
      await fn();
    } catch (e) {
      set({ notice: errorNotice(e) });
    } finally {
      set({ op: null });
    }
  }

  async function preview(target: RestoreTarget): Promise<void> {
    set({ pending: { target, preview: null, error: null } });
    await run('preview', async () => {
      try {
        const p = target.kind === 'backup'
          ? await call('backup.preview', { name: target.name })
          : await call('backup.previewFile', { fileName: target.fileName, dataBase64: target.dataBase64 });
        if (get().pending?.target === target) set({ pending: { target, preview: p, error: null } });
      } catch (e) {
        if (get().pending?.target === target) set({ pending: { target, preview: null, error: errorNotice(e).message ?? '' } });
      }
    });
  }

  return {
    status: null,
    backups: [],
    op: null,
    notice: null,
    pending: null,
    async load() {
      try {
        const status = await call('backup.status', {});
        set({ status });
        if (status.state !== 'newer') set({ backups: await call('backup.list', {}) });
      } catch (e) {
        set({ notice: errorNotice(e) });
      }
    },
    backupNow: () =>
      run('backup', async () => {
        const b = await call('backup.create', {});
        set({ backups: await call('backup.list', {}), notice: { severity: 'success', key: 'backups.done', params: { name: b.name } } });
      }),
    previewBackup: (name) => preview({ kind: 'backup', name }),
    async previewFile(file) {
      const dataBase64 = await readAsBase64(file);
      await preview({ kind: 'file', fileName: file.name, dataBase64 });
    },
    cancelRestore: () => { if (get().op !== 'restore') set({ pending: null }); },
    confirmRestore: () =>
      run('restore', async () => {
        const target = get().pending?.target;
        if (!target) return;
        try {
          const r = target.kind === 'backup'
            ? await call('backup.restore', { name: target.name })
            : await call('backup.restoreFile', { fileName: target.fileName, dataBase64: target.dataBase64 });
          try { sessionStorage.setItem(FLASH_KEY, JSON.stringify(r)); } catch { /* no flash then */ }
          set({ pending: null });
          reloadAt(get().status?.state === 'ok' ? '#/settings' : '#/');
        } catch (e) {
          set({ pending: { target, preview: get().pending?.preview ?? null, error: errorNotice(e).message ?? '' } });
        }
      }),
    exportData: (format) =>
      run(format === 'xlsx' ? 'exportXlsx' : 'exportJson', async () => {
        const f = await call(format === 'xlsx' ? 'data.exportXlsx' : 'data.exportJson', {});
        const mime = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/json';
        const saved = await saveFile(f.fileName, fromBase64(f.base64), mime);
        set({ notice: { severity: 'success', key: 'export.saved', params: { name: saved ?? f.fileName } } });
      }),
    importJson: (file) =>
      run('importJson', async () => {
        const r = await call('data.importJson', { fileName: file.name, dataBase64: await readAsBase64(file) });
        const clients = r.tables.find((t) => t.name === 'clients')?.rows ?? 0;
        const rows = r.tables.reduce((n, t) => n + t.rows, 0);
        set({ notice: { severity: 'success', key: 'importJson.done', params: { clients, rows } } });
      }),
    startEmpty: () =>
      run('startEmpty', async () => {
        await call('backup.startEmpty', {});
        reloadAt('#/');
      }),
    clearNotice: () => set({ notice: null }),
  };
});
