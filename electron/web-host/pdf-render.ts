/**
 * 导出 PDF in browser mode: the host renders an app print view (e.g. '#/print/weekly-client?clientId=3&week=2026-W48')
 * to an A4 PDF in a headless Chromium driven by playwright-core — the same page, print CSS and bundled Noto Sans SC
 * font that Electron's `printToPDF` renders (electron/print-job.ts), waiting for the same ready signal.
 *
 * - {@link PdfQueue}: one render at a time; later requests wait their turn (at most `maxWaiting`, beyond that
 *   PRINT_BUSY); each render has a timeout (PRINT_TIMEOUT) after which its page is closed.
 * - {@link ChromiumPdfRenderer}: finds Chromium like the tests do (chromium.ts; none → PRINT_NO_BROWSER), launches it
 *   on first use and closes it after a minute idle. Each render gets a fresh browser context holding only a
 *   short-lived render session cookie (auth.ts) and the UI language; requests to anywhere but the host are aborted.
 */
import { PRINT_READY_SCRIPT } from '../print-job';
import { CHROMIUM_ARGS, NoChromiumError, resolveChromium } from './chromium';
import type { Browser } from 'playwright-core';

/** Why a PDF could not be made; the HTTP status the host answers with is in {@link PDF_ERROR_STATUS}. */
export type PdfErrorCode = 'PRINT_BUSY' | 'PRINT_TIMEOUT' | 'PRINT_CRASHED' | 'PRINT_NO_BROWSER';

/** HTTP status per code: busy and no browser are "try later / not here" (503), a timeout 504, a crash 500. */
export const PDF_ERROR_STATUS: Readonly<Record<PdfErrorCode, number>> = {
  PRINT_BUSY: 503, PRINT_TIMEOUT: 504, PRINT_CRASHED: 500, PRINT_NO_BROWSER: 503,
};

/** A failed render; `message` is shown to the user (Chinese first, English after). */
export class PdfRenderError extends Error {
  readonly code: PdfErrorCode;
  constructor(code: PdfErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'PdfRenderError';
  }
}

/** One render: the absolute print URL on this host, the render session's cookie, the UI language. */
export interface PdfJob {
  /** e.g. 'http://127.0.0.1:5178/#/print/inspection?ids=3'. */
  url: string;
  cookie: { name: string; value: string };
  lang: 'zh-CN' | 'en';
}

/** Renders one job to PDF bytes; must stop (and reject) soon after `signal` aborts. */
export type RenderPdf = (job: PdfJob, signal: AbortSignal) => Promise<Buffer>;

export interface PdfQueueOptions {
  /** One render, from its start (not its wait in the queue) to the PDF bytes, in ms. Default 60 s (includes launching Chromium). */
  timeoutMs?: number;
  /** Requests allowed to wait behind the running one; more get PRINT_BUSY. Default 3. */
  maxWaiting?: number;
}

/** Runs renders of jobs `J` one at a time, each within a timeout. */
export class PdfQueue<J = PdfJob> {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private readonly timeoutMs: number;
  private readonly maxWaiting: number;

  constructor(private readonly render: (job: J, signal: AbortSignal) => Promise<Buffer>, opts: PdfQueueOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.maxWaiting = opts.maxWaiting ?? 3;
  }

  /**
   * Queues `job`; resolves to the PDF bytes.
   * @throws PdfRenderError PRINT_BUSY (queue full), PRINT_TIMEOUT, PRINT_CRASHED or PRINT_NO_BROWSER; any other
   *   failure of the renderer is reported as PRINT_CRASHED.
   */
  run(job: J): Promise<Buffer> {
    if (this.waiting >= this.maxWaiting) {
      return Promise.reject(new PdfRenderError('PRINT_BUSY', '导出 PDF 的请求过多，请等前面的完成后再试 / Too many PDF exports waiting; try again when they have finished'));
    }
    this.waiting++;
    const result = this.tail.then(() => {
      this.waiting--;
      return this.once(job);
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async once(job: J): Promise<Buffer> {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new PdfRenderError('PRINT_TIMEOUT', `生成 PDF 超时（${Math.round(this.timeoutMs / 1000)} 秒），请重试 / Making the PDF timed out; please try again`));
      }, this.timeoutMs);
    });
    const work = this.render(job, abort.signal).catch((e: unknown) => {
      if (e instanceof PdfRenderError) throw e;
      throw new PdfRenderError('PRINT_CRASHED', `生成 PDF 失败（${e instanceof Error ? e.message.split('\n')[0] : String(e)}），请重试 / Making the PDF failed; please try again`);
    });
    work.catch(() => undefined); // after a timeout its late rejection is expected
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

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
      // Loaded on first use only: starting the host never needs it.
      const { chromium } = await import('playwright-core');
      const b = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
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

export { NoChromiumError };
