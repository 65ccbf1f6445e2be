/**
 * The browser-mode host's PDF renderer when there is no usable Chromium: a CHROMIUM_PATH that does not exist, or an
 * executable that is not a browser, both answer PRINT_NO_BROWSER (the page then opens the print dialog) and log why.
 * And where Chromium is looked for on Windows and macOS.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { testTempDir } from '../helpers/temp-dirs';

const job = { url: 'http://127.0.0.1:1/#/print/inspection?ids=1', cookie: { name: 'icpdesk_session_1', value: 'x' }, lang: 'zh-CN' as const };
const saved = process.env.CHROMIUM_PATH;

async function renderWith(chromiumPath: string) {
  vi.resetModules(); // chromium.ts remembers its answer per process
  process.env.CHROMIUM_PATH = chromiumPath;
  const { ChromiumPdfRenderer } = await import('../../electron/pdf-chromium');
  const log: string[] = [];
  const r = new ChromiumPdfRenderer({ log: (l) => log.push(l), idleMs: 10 });
  const error = await r.render(job, new AbortController().signal).then(() => null, (e: unknown) => e as { code?: string; message: string });
  await r.close();
  return { error, log };
}

describe('headless Chromium for 导出 PDF: none usable', () => {
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('a CHROMIUM_PATH that does not exist: PRINT_NO_BROWSER, and the log says which path', async () => {
    const { error, log } = await renderWith('/nonexistent/chrome');
    expect(error?.code).toBe('PRINT_NO_BROWSER');
    expect(error?.message).toContain('Chromium、Chrome 或 Edge');
    expect(log.join('\n')).toContain('CHROMIUM_PATH=/nonexistent/chrome does not exist');
  });

  it('an executable that is not a browser: PRINT_NO_BROWSER, and the log says it did not start', async () => {
    const dir = testTempDir('icpdesk-nochrome-');
    const fake = path.join(dir, 'chrome');
    fs.writeFileSync(fake, '#!/bin/sh\necho "not a browser" >&2\nexit 3\n', { mode: 0o755 });
    const { error, log } = await renderWith(fake);
    expect(error?.code).toBe('PRINT_NO_BROWSER');
    expect(log.join('\n')).toMatch(/Chromium \(CHROMIUM_PATH\) did not start/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it('looks for Chrome and Edge at their standard paths on Windows (Program Files from the environment) and macOS', async () => {
    const { systemChromiumPaths } = await import('../../electron/chromium');
    expect(systemChromiumPaths('win32', { PROGRAMFILES: 'D:\\Apps', 'PROGRAMFILES(X86)': 'D:\\Apps86' })).toEqual([
      'D:\\Apps\\Google\\Chrome\\Application\\chrome.exe',
      'D:\\Apps86\\Google\\Chrome\\Application\\chrome.exe',
      'D:\\Apps86\\Microsoft\\Edge\\Application\\msedge.exe',
      'D:\\Apps\\Microsoft\\Edge\\Application\\msedge.exe',
    ]);
    expect(systemChromiumPaths('darwin', {})[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(systemChromiumPaths('linux', {})).toEqual([]);
  });
});
