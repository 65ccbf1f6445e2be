/**
 * Contract of 数据与备份: backups (list, take, preview, restore), the recovery and newer-version states, the full
 * export (xlsx / JSON) and importing a JSON export into an empty database. Listed backups are named by their file
 * name (validated against the backup naming rule), never by a path; other files travel as bytes (base64).
 */
import { z } from 'zod';
import { BACKUP_KINDS, BACKUP_NAME_RE } from '../domain/backups';

/**
 * The state of the data: 'ok' (open), 'recovery' (the database failed its check and was set aside: only recovery
 * methods work), 'newer' (written by a newer version of the app: not opened, not changed).
 */
export const DataState = z.enum(['ok', 'recovery', 'newer']);
export type DataState = z.infer<typeof DataState>;

export const BackupKind = z.enum(BACKUP_KINDS);
export const BackupName = z.string().max(80).regex(BACKUP_NAME_RE, '不是有效的备份文件名');

/** One backup in `<dataDir>/backups`. `clients`/`schemaVersion` are null when the file cannot be read (`ok` false). */
export const BackupInfo = z.object({
  name: z.string(),
  kind: BackupKind,
  /** ISO-8601 UTC instant the backup was taken. */
  createdAt: z.string(),
  /** Bytes. */
  size: z.number().int(),
  clients: z.number().int().nullable(),
  schemaVersion: z.number().int().nullable(),
  ok: z.boolean(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

/** What a backup (or a picked file) holds, shown before the user confirms a restore. */
export const BackupPreview = z.object({
  /** The backup's name or the picked file's name. */
  source: z.string(),
  /** When the backup was taken (listed backups), else null. */
  createdAt: z.string().nullable(),
  size: z.number().int(),
  schemaVersion: z.number().int(),
  /** True when the file is from an older version and will be upgraded when restored. */
  needsUpgrade: z.boolean(),
  clients: z.number().int(),
  notes: z.number().int(),
  materials: z.number().int(),
  events: z.number().int(),
  /** The newest change recorded in it (ISO instant), null for an empty database. */
  lastChange: z.string().nullable(),
});
export type BackupPreview = z.infer<typeof BackupPreview>;

/** A file the user picked (bytes as base64; at most ~190 MB of bytes). */
export const UploadedFile = z.object({
  fileName: z.string().trim().min(1).max(260),
  dataBase64: z.string().min(1, '文件为空').max(256_000_000, '文件过大（上限约190MB）'),
});

/** Why the data folder is risky (network share or cloud-sync folder); see shared/domain/data-folder.ts. */
export const FolderWarningSchema = z.object({
  kind: z.enum(['network', 'cloud']),
  reason: z.enum(['unc', 'mapped', 'mount', 'filesystem']).optional(),
  detail: z.string(),
});

export const DataStatus = z.object({
  state: DataState,
  dataDir: z.string(),
  dbPath: z.string(),
  backupsDir: z.string(),
  folderWarning: FolderWarningSchema.nullable(),
  /** In 'recovery': where the damaged file was moved, why, when, and the newest backup that passes its check. */
  recovery: z
    .object({ corruptFile: z.string().nullable(), reason: z.string(), detectedAt: z.string(), newestGood: BackupInfo.nullable() })
    .nullable(),
  /** In 'newer': the file's schema version and the newest this build supports. */
  newer: z.object({ found: z.number().int(), supported: z.number().int() }).nullable(),
});
export type DataStatus = z.infer<typeof DataStatus>;

/** Attachment files a restore could not bring back, with the item each belongs to (issue 18). */
const FileProblem = z.object({ itemKey: z.string(), fileName: z.string() });
export const RestoreResult = z.object({
  restored: BackupPreview,
  preRestore: BackupInfo.nullable(),
  /** The restored data's attachment files: how many, how many came from the backup store, and those missing or altered. */
  files: z.object({ files: z.number().int(), restored: z.number().int(), missing: z.array(FileProblem), altered: z.array(FileProblem) }),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

/** A generated file for the renderer to save: name and bytes (base64). */
export const GeneratedFile = z.object({ fileName: z.string(), base64: z.string() });

const Empty = z.object({}).default({});

/** The database file's size and the part of it that is free pages (bytes); see 'data.compactInfo'. */
export const CompactInfo = z.object({ fileBytes: z.number().int(), freeBytes: z.number().int(), offer: z.boolean() });
export type CompactInfo = z.infer<typeof CompactInfo>;

export const backupMethods = {
  'backup.status': { input: Empty, output: DataStatus },
  'backup.list': { input: Empty, output: z.array(BackupInfo) },
  'backup.create': { input: Empty, output: BackupInfo },
  'backup.preview': { input: z.object({ name: BackupName }), output: BackupPreview },
  'backup.previewFile': { input: UploadedFile, output: BackupPreview },
  'backup.restore': { input: z.object({ name: BackupName }), output: RestoreResult },
  'backup.restoreFile': { input: UploadedFile, output: RestoreResult },
  /** Recovery only: start over with an empty database (the damaged file stays where it was moved). */
  'backup.startEmpty': { input: Empty, output: z.object({ ok: z.literal(true) }) },
  'data.exportXlsx': { input: Empty, output: GeneratedFile },
  'data.exportJson': { input: Empty, output: GeneratedFile },
  /** Imports a JSON full export into an EMPTY database (refused otherwise); returns rows per table. */
  'data.importJson': {
    input: UploadedFile,
    output: z.object({ tables: z.array(z.object({ name: z.string(), rows: z.number().int() })), schemaVersion: z.number().int() }),
  },
  /**
   * Space the database file could give back (pages freed by deletions and migrations, e.g. 0080's note text):
   * `fileBytes` the file's size, `freeBytes` the free pages, `offer` true when compacting is worth offering (≥ 1 MiB
   * and ≥ 10 % of the file).
   */
  'data.compactInfo': { input: Empty, output: CompactInfo },
  /** Compacts the database file (SQLite VACUUM, all or nothing; takes a while on a large file). Returns the new figures. */
  'data.compact': { input: Empty, output: CompactInfo },
} as const;

/** Methods that work while the data is not open ('recovery'; 'newer' allows only the status ones). */
export const RECOVERY_METHODS = ['app.info', 'backup.status', 'backup.list', 'backup.preview', 'backup.previewFile', 'backup.restore', 'backup.restoreFile', 'backup.startEmpty'] as const;
export const NEWER_METHODS = ['app.info', 'backup.status'] as const;
