import { describe, expect, it } from 'vitest';
import importRes from '../../renderer/src/i18n/resources/import';

/**
 * The import page's hint names the encodings the reader accepts (db/import/read-table.ts: UTF-8, GB18030 ⊇ GBK,
 * UTF-16 with BOM — Excel's “Unicode text”). It said only “UTF-8 或 GBK”, so a consultant with a Unicode-text
 * export was told it was unsupported (QA, 2026-12-06).
 */
describe('import page hint', () => {
  it.each([['zh', importRes.zh.pick.hint], ['en', importRes.en.pick.hint]])('%s names UTF-8, GBK and UTF-16', (_lang, hint) => {
    expect(hint).toContain('UTF-8');
    expect(hint).toContain('GBK');
    expect(hint).toContain('UTF-16');
  });
});
