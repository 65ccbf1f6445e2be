/**
 * The start-up window's decisions and words (issue 16), pure apart from two small file reads: whether a start needs the
 * window (a migration is pending, or the whole file is checked after an unclean exit), the percent a migration step
 * shows, and the page (a data: URL with its own strict CSP and no script). electron/splash.ts shows it.
 */
import fs from 'node:fs';
import type { MigrationStep } from '../db/open';

/** Why the window shows: the database is upgraded, or checked in full after the app did not close normally. */
export type SplashReason = 'migrate' | 'check';
/** The window's language: the UI language saved by the last session, Chinese by default. */
export type SplashLang = 'zh-CN' | 'en';

/**
 * Whether a start shows the window. `fileVersion` is the file's `user_version` (null: no database file yet), `latest`
 * the build's schema version, `cleanClose` whether the clean-shutdown marker is present (db/backup/clean-shutdown.ts).
 * A new or empty file, or one from a newer version (it opens on its own screen, unchanged), needs none.
 */
export function splashReason(o: { fileVersion: number | null; latest: number; cleanClose: boolean }): SplashReason | null {
  if (o.fileVersion === null || o.fileVersion <= 0 || o.fileVersion > o.latest) return null;
  if (o.fileVersion < o.latest) return 'migrate';
  return o.cleanClose ? null : 'check';
}

/**
 * The `user_version` of the SQLite file at `file`, read from its header (bytes 60–63, big-endian) without opening it;
 * null when the file is missing or is not a SQLite database (its own start decides what happens then).
 */
export function readFileVersion(file: string): number | null {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(100);
    if (fs.readSync(fd, head, 0, 100, 0) < 100 || head.toString('latin1', 0, 16) !== 'SQLite format 3\0') return null;
    return head.readInt32BE(60);
  } catch {
    return null;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** The language the renderer last set (`saveSplashLang`), from `file`; Chinese when none or unreadable. */
export function readSplashLang(file: string): SplashLang {
  try {
    return fs.readFileSync(file, 'utf8').trim() === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The percent (0–100, whole) of a migration step with a known size; null for a step's start (size unknown). */
export function stepPercent(step: MigrationStep): number | null {
  if (step.total <= 0) return null;
  return Math.min(100, Math.max(0, Math.floor((step.done / step.total) * 100)));
}

const WORDS = {
  'zh-CN': {
    title: '许可通 ICP Desk',
    migrate: '正在升级数据库…',
    check: '正在检查数据库…',
    done: (p: number) => `已完成 ${p} %`,
    safe: '您的数据是安全的。请勿关闭本程序，完成后将自动打开。',
  },
  en: {
    title: 'ICP Desk',
    migrate: 'Upgrading the database…',
    check: 'Checking the database…',
    done: (p: number) => `${p} % done`,
    safe: 'Your data is safe. Please do not close the app; it opens by itself when this is done.',
  },
} as const;

/** The window's words: the heading ("正在升级数据库… 已完成 14 %"), and the sentence that the data is safe. */
export function splashText(reason: SplashReason, lang: SplashLang, percent: number | null): { title: string; heading: string; safe: string } {
  const w = WORDS[lang];
  const what = reason === 'migrate' ? w.migrate : w.check;
  return { title: w.title, heading: percent === null ? what : `${what} ${w.done(percent)}`, safe: w.safe };
}

/** The page's policy: nothing may load or run; only its own inline style. */
export const SPLASH_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * The window's page as a data: URL (no app protocol needed before the database opens): the heading, a progress bar
 * (indeterminate while `percent` is null), the safety sentence. No script; its CSP is {@link SPLASH_CSP}.
 */
export function splashUrl(reason: SplashReason, lang: SplashLang, percent: number | null): string {
  const t = splashText(reason, lang, percent);
  const bar = percent === null ? '<progress></progress>' : `<progress max="100" value="${percent}"></progress>`;
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">`
    + `<meta http-equiv="Content-Security-Policy" content="${SPLASH_CSP}"><title>${t.title}</title>`
    + '<style>body{font:14px system-ui,"Microsoft YaHei",sans-serif;margin:24px;color:#222;background:#fff;user-select:none}'
    + 'h1{font-size:16px;font-weight:600;margin:0 0 16px}progress{width:100%;height:14px}p{color:#555;margin:16px 0 0}</style>'
    + `</head><body><h1>${t.heading}</h1>${bar}<p>${t.safe}</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** The file in the data folder holding the UI language the start-up window speaks ('zh-CN' or 'en'). */
export const SPLASH_LANG_FILE = 'ui-language.txt';

/** Saves the UI language for the next start's window (desktop-shell.ts, when the renderer sets it); never throws. */
export function saveSplashLang(file: string, lang: string): void {
  try {
    fs.writeFileSync(file, lang === 'en' ? 'en' : 'zh-CN', { mode: 0o600 });
  } catch (e) {
    console.error('[splash] language not saved:', e instanceof Error ? e.message : e);
  }
}
