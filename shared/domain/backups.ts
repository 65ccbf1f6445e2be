/**
 * Backups of the database (数据备份): kinds, file names and the retention rule (*rule* kept as data below).
 * Pure: the db/ side writes, lists and prunes the files; this module only names them and decides which to keep.
 *
 * A backup file is named `icp-desk-<YYYYMMDD>-<HHMMSS>[-<n>]-<kind>.sqlite`, the stamp being the China time
 * (UTC+8) of the moment it was taken, `n` (2, 3 …) only when two backups of a kind fall in the same second.
 */

/** Why a backup was taken: start-up (at most once a day), by the user, before migrating, before restoring. */
export const BACKUP_KINDS = ['daily', 'manual', 'pre-migration', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/**
 * *rule* How many backups are kept (source: issue "Never lose a client", item 1).
 * - daily: the newest start-up backup of each of the 14 most recent days that have one, plus the oldest start-up
 *   backup of each of the 12 most recent months that have one (a month-start snapshot);
 * - manual / pre-migration / pre-restore: the newest N of that kind.
 * The newest backup overall is never removed.
 */
export const BACKUP_RETENTION: Readonly<BackupRetention> = {
  dailyDays: 14,
  monthlyMonths: 12,
  manual: 10,
  'pre-migration': 5,
  'pre-restore': 5,
};

/** The shape of {@link BACKUP_RETENTION}: counts of days, months and backups per event kind. */
export interface BackupRetention {
  dailyDays: number;
  monthlyMonths: number;
  manual: number;
  'pre-migration': number;
  'pre-restore': number;
}

/** Matches a backup file name; groups: date, time, counter (optional), kind. */
export const BACKUP_NAME_RE = /^icp-desk-(\d{8})-(\d{6})(?:-(\d{1,3}))?-(daily|manual|pre-migration|pre-restore)\.sqlite$/;

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China-time stamp `YYYYMMDD-HHMMSS` of an instant (also used for `.corrupt-<stamp>` names). */
export function chinaStamp(at: Date): string {
  const iso = new Date(at.getTime() + CHINA_OFFSET_MS).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** A backup file name for `kind` taken at `at`; `n` > 1 disambiguates same-second backups. */
export function backupFileName(kind: BackupKind, at: Date, n = 1): string {
  return `icp-desk-${chinaStamp(at)}${n > 1 ? `-${n}` : ''}-${kind}.sqlite`;
}

/** What a backup file name says: kind, the instant (ISO UTC, second precision), the China date and month. */
export interface ParsedBackupName {
  name: string;
  kind: BackupKind;
  createdAt: string;
  /** 'YYYY-MM-DD' in China. */
  day: string;
  /** 'YYYY-MM' in China. */
  month: string;
  /** Same-second counter (1 when absent). */
  n: number;
}

/** Parses a backup file name; null for any other name (files the app did not write are never touched). */
export function parseBackupFileName(name: string): ParsedBackupName | null {
  const m = BACKUP_NAME_RE.exec(name);
  if (!m) return null;
  const [, d, t, n, kind] = m;
  const day = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  const ms = Date.parse(`${day}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`);
  if (Number.isNaN(ms)) return null;
  return {
    name,
    kind: kind as BackupKind,
    createdAt: new Date(ms - CHINA_OFFSET_MS).toISOString(),
    day,
    month: day.slice(0, 7),
    n: n ? Number(n) : 1,
  };
}

/** Newest first: by instant, then by counter. */
export function compareNewestFirst(a: ParsedBackupName, b: ParsedBackupName): number {
  return a.createdAt === b.createdAt ? b.n - a.n : a.createdAt < b.createdAt ? 1 : -1;
}

/**
 * Applies {@link BACKUP_RETENTION} to a set of backup names.
 * @param names file names in the backups folder (others are ignored and never returned)
 * @returns the names to delete
 */
export function backupsToPrune(names: readonly string[], retention: Readonly<BackupRetention> = BACKUP_RETENTION): string[] {
  const parsed = names.map(parseBackupFileName).filter((p): p is ParsedBackupName => p !== null).sort(compareNewestFirst);
  const keep = new Set<string>();
  if (parsed.length) keep.add(parsed[0].name);
  const daily = parsed.filter((p) => p.kind === 'daily');
  const days = new Map<string, ParsedBackupName>();
  for (const p of daily) if (!days.has(p.day) && days.size < retention.dailyDays) days.set(p.day, p);
  for (const p of days.values()) keep.add(p.name);
  const months = new Map<string, ParsedBackupName>();
  for (const p of daily) {
    if (!months.has(p.month) && months.size >= retention.monthlyMonths) continue;
    months.set(p.month, p); // oldest wins: the list is newest first, so later entries overwrite
  }
  for (const p of months.values()) keep.add(p.name);
  for (const kind of ['manual', 'pre-migration', 'pre-restore'] as const) {
    parsed.filter((p) => p.kind === kind).slice(0, retention[kind]).forEach((p) => keep.add(p.name));
  }
  return parsed.filter((p) => !keep.has(p.name)).map((p) => p.name);
}
