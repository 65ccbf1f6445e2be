/**
 * Renders app print views to PDF in a headless Chromium driven by playwright-core, for the browser-mode host's
 * 导出 PDF (web-host/pdf-route.ts): the same page, print CSS and bundled Noto Sans SC font that Electron's
 * `printToPDF` renders (print-job.ts), waiting for the same ready signal, `page.pdf({ format: 'A4',
 * printBackground: true, preferCSSPageSize: true })`.
 *
 * Chromium is found like the tests find it (chromium.ts; none → PRINT_NO_BROWSER), launched on first use and closed
 * after a minute idle. Each render gets a fresh browser context holding only the render session's cookie
 * (web-host/auth.ts) and the UI language; requests to anywhere but the host are aborted.
 */
import type { Browser } from 'playwright-core';
import { PRINT_READY_SCRIPT } from './print-job';
import { CHROMIUM_ARGS, resolveChromium } from './chromium';
import { PdfRenderError, type RenderPdf } from './web-host/pdf-queue';

/** The message for PRINT_NO_BROWSER; the page falls back to the print dialog. */
export const NO_BROWSER_MESSAGE =
  '本机没有可用于生成 PDF 的 Chromium、Chrome 或 Edge / No Chromium, Chrome or Edge on this computer to make the PDF';

/** Renders print views in a headless Chromium (launched on first use, closed after `idleMs` without a render). */
export class ChromiumPdfRenderer {
  private browser: Promise<Browser> | null = null;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: { idleMs?: number; log?: (line: string) => void } = {}) {}

  /** The {@link RenderPdf} of this renderer. */
  readonly render: RenderPdf = async (job, signal) => {
    clearTimeout(this.idle);
    try {
      const browser = await this.launch();
      if (signal.aborted) throw new PdfRenderError('PRINT_TIMEOUT', 'aborted');
      const origin = new URL(job.url).origin;
      const context = await browser.newContext({ locale: job.lang, acceptDownloads: false, serviceWorkers: 'block' });
      const closed = () => void context.close().catch(() => undefined);
      signal.addEventListener('abort', closed, { once: true });
      try {
        await context.addCookies([{ ...job.cookie, url: origin, httpOnly: true, sameSite: 'Strict' }]);
        await context.addInitScript((lang: string) => { try { localStorage.setItem('icpdesk.lang', lang); } catch { /* no storage */ } }, job.lang);
        // The print view needs nothing but the host; anything else (a link in a note…) is never fetched.
        await context.route((u) => u.origin !== origin, (r) => r.abort());
        const page = await context.newPage();
        const crashed = new Promise<never>((_, reject) => page.once('crash', () => reject(new PdfRenderError('PRINT_CRASHED', '打印页面意外退出，请重试 / The print view stopped; please try again'))));
        crashed.catch(() => undefined);
        const steps = (async () => {
          await page.goto(job.url, { waitUntil: 'load', timeout: 0 });
          await page.evaluate(PRINT_READY_SCRIPT);
          return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        })();
        return await Promise.race([steps, crashed]);
      } finally {
        signal.removeEventListener('abort', closed);
        await context.close().catch(() => undefined);
      }
    } finally {
      this.idle = setTimeout(() => void this.close(), this.opts.idleMs ?? 60_000);
      this.idle.unref?.();
    }
  };

  private launch(): Promise<Browser> {
    this.browser ??= (async () => {
      let executablePath: string;
      let source: string;
      try {
        ({ executablePath, source } = await resolveChromium());
      } catch (e) {
        this.opts.log?.(`[pdf] no Chromium: ${(e as Error).message}`);
        throw new PdfRenderError('PRINT_NO_BROWSER', NO_BROWSER_MESSAGE);
      }
      let b: Browser;
      try {
        // Loaded on first use only: starting the host never needs it.
        const { chromium } = await import('playwright-core');
        b = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
      } catch (e) {
        // A browser that cannot start (missing libraries, a broken install) is no browser for the user either.
        this.opts.log?.(`[pdf] Chromium (${source}) did not start: ${(e as Error).message.split('\n')[0]}`);
        throw new PdfRenderError('PRINT_NO_BROWSER', NO_BROWSER_MESSAGE);
      }
      this.opts.log?.(`[pdf] Chromium started (${source})`);
      b.on('disconnected', () => { this.browser = null; });
      return b;
    })();
    // A failed launch is not kept (except "no browser", which resolveChromium remembers and answers at once).
    this.browser.catch(() => { this.browser = null; });
    return this.browser;
  }

  /** Closes the browser if it is running (idle, or the host stopping). */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const b = this.browser;
    this.browser = null;
    if (b) await b.then((x) => x.close(), () => undefined).catch(() => undefined);
  }
}

