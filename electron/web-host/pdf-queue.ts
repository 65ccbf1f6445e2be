/**
 * 导出 PDF in browser mode, the part every renderer shares: one render at a time ({@link PdfQueue}: later requests
 * wait their turn, at most `maxWaiting`, beyond that PRINT_BUSY), each within a timeout (PRINT_TIMEOUT, after which
 * the renderer is told to stop), and coded errors ({@link PdfRenderError}). The renderer itself — a headless
 * Chromium — is electron/pdf-chromium.ts; the HTTP route is pdf-route.ts.
 */

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
    try {
      // The race handles both promises' rejections, the late one of a timed-out render too.
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
