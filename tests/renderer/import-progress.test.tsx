/**
 * Issue 13: the import's progress line names the job's phase — 读取 (share of the file, rows found), 检查 (rows checked
 * against the register), 写入 (clients being saved) — in both languages, and offers 取消 only before the write starts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import i18n from '../../renderer/src/i18n/index';
import type { Out } from '../../shared/contract';
import { ReadProgress } from '../../renderer/src/pages/import/ReadProgress';
import { useImportStore } from '../../renderer/src/stores/import-store';

afterEach(async () => {
  useImportStore.getState().reset();
  await i18n.changeLanguage('zh-CN');
});

const show = (p: Out<'import.progress'>) => act(() => useImportStore.setState({ progress: p }));

describe('import progress phases', () => {
  it.each([
    ['zh-CN', { state: 'reading', bytesRead: 250, totalBytes: 1000, rows: 5000 }, '正在读取文件：25%，已找到 5000 行', true],
    ['zh-CN', { state: 'checking', bytesRead: 1000, totalBytes: 1000, rows: 20000 }, '正在检查 20000 行（与已有客户核对重复）…', true],
    ['zh-CN', { state: 'writing', bytesRead: 1000, totalBytes: 1000, rows: 19998 }, '正在写入 19998 家客户…', false],
    ['en', { state: 'checking', bytesRead: 1000, totalBytes: 1000, rows: 20000 }, 'Checking 20000 rows (duplicates against the register)…', true],
    ['en', { state: 'writing', bytesRead: 1000, totalBytes: 1000, rows: 1 }, 'Saving 1 client…', false],
  ] as const)('%s %o → “%s”, cancel offered: %s', async (lng, p, text, cancel) => {
    await i18n.changeLanguage(lng);
    render(<ReadProgress testId="bar" />);
    await show(p);
    expect(screen.getByTestId('import-progress-text').textContent).toBe(text);
    expect(screen.queryByTestId('import-cancel') !== null).toBe(cancel);
  });
});
