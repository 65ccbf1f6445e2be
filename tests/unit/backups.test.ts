import { describe, expect, it } from 'vitest';
import { BACKUP_RETENTION, backupFileName, backupsToPrune, chinaStamp, parseBackupFileName } from '../../shared/domain/backups';

const at = (iso: string) => new Date(iso);

describe('backup names', () => {
  it('stamps in China time (UTC+8), whatever the process time zone', () => {
    expect(chinaStamp(at('2026-11-29T02:15:00Z'))).toBe('20261129-101500');
    expect(chinaStamp(at('2026-12-31T16:30:05Z'))).toBe('20270101-003005');
    expect(backupFileName('daily', at('2026-11-29T02:15:00Z'))).toBe('icp-desk-20261129-101500-daily.sqlite');
    expect(backupFileName('pre-restore', at('2026-11-29T02:15:00Z'), 3)).toBe('icp-desk-20261129-101500-3-pre-restore.sqlite');
  });

  it('parses its own names back; anything else is not a backup', () => {
    expect(parseBackupFileName('icp-desk-20270101-003005-2-manual.sqlite')).toEqual({
      name: 'icp-desk-20270101-003005-2-manual.sqlite', kind: 'manual', createdAt: '2026-12-31T16:30:05.000Z', day: '2027-01-01', month: '2027-01', n: 2,
    });
    for (const bad of ['icp-desk.sqlite', 'icp-desk-20261129-101500-weekly.sqlite', '../icp-desk-20261129-101500-daily.sqlite', 'icp-desk-20261129-101500-daily.sqlite-wal', 'icp-desk-20261399-101500-daily.sqlite']) {
      expect(parseBackupFileName(bad), bad).toBeNull();
    }
  });
});

describe('retention (14 daily + 12 monthly; manual 10, pre-migration 5, pre-restore 5)', () => {
  const daily = (days: number, start = Date.UTC(2025, 0, 1, 2)) =>
    Array.from({ length: days }, (_, d) => backupFileName('daily', new Date(start + d * 86_400_000)));

  it('keeps the newest of the 14 latest days and the oldest of each of the 12 latest months', () => {
    const names = daily(500); // 2025-01-01 … 2026-05-15
    const drop = new Set(backupsToPrune(names));
    const keep = new Set(names.filter((n) => !drop.has(n)));
    const days = [...keep].map((n) => parseBackupFileName(n)!.day).sort();
    const last14 = names.slice(-14).map((n) => parseBackupFileName(n)!.day);
    expect(days).toEqual(expect.arrayContaining(last14));
    const firsts = days.filter((d) => d.endsWith('-01'));
    expect(firsts).toEqual(['2025-06-01', '2025-07-01', '2025-08-01', '2025-09-01', '2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01']);
    expect(keep.size).toBe(14 + 12);
  });

  it('with gaps, "days" are days that have a backup (a month away does not empty the list)', () => {
    const names = [...daily(3, Date.UTC(2026, 0, 10, 2)), ...daily(3, Date.UTC(2026, 5, 10, 2))];
    expect(backupsToPrune(names)).toEqual([]);
  });

  it('each event kind keeps its own newest N; the newest backup is always kept', () => {
    const mk = (kind: 'manual' | 'pre-migration' | 'pre-restore', n: number) => Array.from({ length: n }, (_, i) => backupFileName(kind, new Date(Date.UTC(2026, 0, 1 + i, 2))));
    const names = [...mk('manual', 13), ...mk('pre-migration', 7), ...mk('pre-restore', 6)];
    const drop = backupsToPrune(names);
    const left = names.filter((n) => !drop.includes(n));
    // Counts from README.md "Backup and restore" (10 manual, 5 pre-upgrade, 5 pre-restore), not from BACKUP_RETENTION.
    expect(left.filter((n) => n.endsWith('-manual.sqlite'))).toEqual(mk('manual', 13).slice(3));
    expect(left.filter((n) => n.endsWith('-pre-migration.sqlite'))).toEqual(mk('pre-migration', 7).slice(2));
    expect(left.filter((n) => n.endsWith('-pre-restore.sqlite'))).toEqual(mk('pre-restore', 6).slice(1));
    expect(backupsToPrune([backupFileName('manual', new Date())], { ...BACKUP_RETENTION, manual: 0 })).toEqual([]);
  });

  it('keeps exactly 10 manual backups: the 11th newest goes, the 10th stays', () => {
    const manual = Array.from({ length: 11 }, (_, i) => backupFileName('manual', new Date(Date.UTC(2026, 2, 1, 2, i))));
    expect(backupsToPrune(manual)).toEqual([manual[0]]);
    expect(backupsToPrune(manual.slice(1))).toEqual([]);
    expect(BACKUP_RETENTION).toEqual({ dailyDays: 14, monthlyMonths: 12, manual: 10, 'pre-migration': 5, 'pre-restore': 5 });
  });

  it('ignores names it did not write', () => {
    expect(backupsToPrune(['我的备份.sqlite', 'icp-desk.sqlite', '.icp-desk-20261129-101500-daily.sqlite.ab12.partial'])).toEqual([]);
  });
});
