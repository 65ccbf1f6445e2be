/**
 * The browser every e2e test drives: prints which Chromium was resolved (path, source, version) and fails — never
 * skips — with the resolver's message when none can start. Also proves the bundled CJK font reaches a printed PDF.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, resolveChromium } from './browser';
import { JOB, ARTIFACTS, startApp } from './harness';
import { pdfFonts, pdfText } from './pdf';

describe('Chromium for the e2e tests', () => {
  let browser: Browser | undefined;
  afterAll(async () => { await browser?.close(); });

  it('resolves and starts a Chromium, and says which', async () => {
    const found = await resolveChromium();
    browser = await launchChromium();
    const version = browser.version();
    console.log(`e2e Chromium: ${found.executablePath} (${found.source}), version ${version}`);
    expect(fs.existsSync(found.executablePath)).toBe(true);
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(120);
  });

  it('prints the app with its bundled font: Chinese text extracts and every embedded font is Noto Sans SC', async () => {
    const app = await startApp({ now: '2026-11-27T02:00:00Z' });
    try {
      const page = await app.page.context().newPage();
      await page.goto(`${app.host.url}#/print/weekly-rollup?week=2026-W48`);
      await page.waitForFunction(() => (globalThis as { __printReady?: boolean }).__printReady === true, null, JOB);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, 'bundled-font.pdf');
      await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
      const text = (await pdfText(file)).replace(/\s+/g, '');
      expect(text).toContain('ICP许可证在办客户周报汇总');
      expect(text).toContain('2026年第48周');
      expect(text).not.toContain('\u0000'); // no glyph without a Unicode mapping (tofu)
      const fonts = await pdfFonts(file);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f).toMatch(/NotoSansSC/);
    } finally {
      await app.close();
    }
  });
});
