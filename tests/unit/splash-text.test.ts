/**
 * electron/splash-text.ts: when a start shows the start-up window, the percent a migration step shows, the words in
 * both languages, the page (strict CSP, no script), the file reads (header user_version, saved language).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readFileVersion, readSplashLang, saveSplashLang, splashReason, splashText, splashUrl, stepPercent, SPLASH_CSP } from '../../electron/splash-text';
import { testTempDir } from '../helpers/temp-dirs';

const dir = testTempDir('splash-text-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const step = (done: number, total: number) => ({ version: 180, name: 'compact-events', done, total, what: total ? 'events' : '' });
const page = (url: string) => {
  expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
  return decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));
};

describe('splashReason', () => {
  it.each([
    [null, true, null], [null, false, null], // no database file yet: a new folder
    [0, false, null], // an empty file (created, never migrated)
    [170, true, 'migrate'], [170, false, 'migrate'], [10, true, 'migrate'], [179, true, 'migrate'],
    [180, true, null], // current and closed cleanly: the bounded check only
    [180, false, 'check'], // current, unclean exit: the whole file is read
    [181, false, null], [190, true, null], // newer version: its own screen, file untouched
  ] as const)('file version %s, clean close %s → %s (latest 180)', (fileVersion, cleanClose, want) => {
    expect(splashReason({ fileVersion, latest: 180, cleanClose })).toBe(want);
  });
});

describe('readFileVersion', () => {
  it("reads user_version from a SQLite file's header without opening it", () => {
    const f = path.join(dir, 'v170.sqlite');
    const db = new Database(f);
    db.exec('CREATE TABLE t (x)');
    db.pragma('user_version = 170');
    db.close();
    expect(readFileVersion(f)).toBe(170);
    expect(readFileVersion(path.resolve(import.meta.dirname, '../fixtures/db/v60.sqlite'))).toBe(60);
  });
  it('null for a missing file, a short file, or a file that is not SQLite', () => {
    expect(readFileVersion(path.join(dir, 'missing.sqlite'))).toBeNull();
    fs.writeFileSync(path.join(dir, 'short'), 'SQLite format 3\0');
    expect(readFileVersion(path.join(dir, 'short'))).toBeNull();
    fs.writeFileSync(path.join(dir, 'text'), 'x'.repeat(200));
    expect(readFileVersion(path.join(dir, 'text'))).toBeNull();
  });
});

describe('saved language', () => {
  it("English only when 'en' was saved; Chinese otherwise", () => {
    const f = path.join(dir, 'ui-language.txt');
    expect(readSplashLang(f)).toBe('zh-CN');
    saveSplashLang(f, 'en');
    expect(fs.readFileSync(f, 'utf8')).toBe('en');
    expect(readSplashLang(f)).toBe('en');
    saveSplashLang(f, 'fr');
    expect(fs.readFileSync(f, 'utf8')).toBe('zh-CN');
    expect(readSplashLang(f)).toBe('zh-CN');
    fs.writeFileSync(f, ' en\n');
    expect(readSplashLang(f)).toBe('en');
    fs.writeFileSync(f, 'english');
    expect(readSplashLang(f)).toBe('zh-CN');
  });
  it('a folder that cannot be written loses only the language (no throw)', () => {
    expect(() => saveSplashLang(path.join(dir, 'no', 'such', 'dir', 'ui-language.txt'), 'en')).not.toThrow();
  });
});

describe('stepPercent', () => {
  it('whole percent of a step of known size, rounded down; null at a step start', () => {
    expect(stepPercent(step(0, 0))).toBeNull();
    expect(stepPercent(step(0, 2_047_004))).toBe(0);
    expect(stepPercent(step(286_581, 2_047_004))).toBe(14); // 14.0 %
    expect(stepPercent(step(600_000, 2_047_004))).toBe(29); // 29.3 %
    expect(stepPercent(step(1, 3))).toBe(33);
    expect(stepPercent(step(2, 3))).toBe(66);
    expect(stepPercent(step(2_047_003, 2_047_004))).toBe(99);
    expect(stepPercent(step(82, 82))).toBe(100);
    expect(stepPercent(step(90, 82))).toBe(100);
    expect(stepPercent(step(-5, 82))).toBe(0);
  });
});

describe('words and page', () => {
  it('Chinese first: the heading with the percent, the safety sentence', () => {
    expect(splashText('migrate', 'zh-CN', 14)).toEqual({ title: '许可通 ICP Desk', heading: '正在升级数据库… 已完成 14 %', safe: '您的数据是安全的。请勿关闭本程序，完成后将自动打开。' });
    expect(splashText('migrate', 'zh-CN', null).heading).toBe('正在升级数据库…');
    expect(splashText('check', 'zh-CN', null).heading).toBe('正在检查数据库…');
    expect(splashText('check', 'zh-CN', 0).heading).toBe('正在检查数据库… 已完成 0 %');
  });
  it('English complete', () => {
    expect(splashText('migrate', 'en', 14)).toEqual({ title: 'ICP Desk', heading: 'Upgrading the database… 14 % done', safe: 'Your data is safe. Please do not close the app; it opens by itself when this is done.' });
    expect(splashText('check', 'en', null).heading).toBe('Checking the database…');
  });
  it('the page: the words, a determinate bar with the percent, its own strict CSP, no script', () => {
    const html = page(splashUrl('migrate', 'zh-CN', 14));
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>正在升级数据库… 已完成 14 %</h1>');
    expect(html).toContain('<progress max="100" value="14"></progress>');
    expect(html).toContain('<p>您的数据是安全的。请勿关闭本程序，完成后将自动打开。</p>');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${SPLASH_CSP}">`);
    expect(SPLASH_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
    expect(html).not.toMatch(/<script|javascript:|https?:|src=/i);
  });
  it('an indeterminate bar while the size is unknown; English page', () => {
    const html = page(splashUrl('check', 'en', null));
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Checking the database…</h1><progress></progress><p>Your data is safe.');
    expect(html).toContain('<title>ICP Desk</title>');
  });
});
