/**
 * Print and PDF jobs in a hidden window, made safe against what Electron can do to them: the view never signals
 * ready, the renderer crashes ('render-process-gone'), or `webContents.print` never calls back (it does not on some
 * platforms when the system dialog is cancelled). Every job settles: each phase has a timeout, a crash fails it,
 * and the hidden window is destroyed in every case (a leftover hidden window keeps the app from quitting).
 * One job at a time: a second one while busy fails at once with PRINT_BUSY.
 */
import type { BrowserWindow as BW } from 'electron';

/** Timeouts in milliseconds. */
export interface PrintTimeouts {
  /** Loading the print view until it signals ready, and making the PDF. */
  renderMs: number;
  /** The system print dialog and spooling (the user may take a while to pick a printer). */
  printDialogMs: number;
}

export const DEFAULT_PRINT_TIMEOUTS: PrintTimeouts = { renderMs: 30_000, printDialogMs: 10 * 60_000 };

/**
 * Waits in the page until the print view is ready. PrintPage sets `window.__printReady = false` on mount and
 * `true` (plus a 'print-ready' event) once its data is on the page; only `true` means ready (`false ?? x` is false).
 */
export const PRINT_READY_SCRIPT =
  'window.__printReady === true || new Promise((r) => window.addEventListener("print-ready", () => r(true), { once: true }))';

export type PrintErrorCode = 'PRINT_BUSY' | 'PRINT_TIMEOUT' | 'PRINT_CRASHED';

/** A failed print job; `message` is shown to the user (Chinese first, English after). */
export class PrintError extends Error {
  readonly code: PrintErrorCode;
  constructor(code: PrintErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
    this.name = 'PrintError';
  }
}

/** Runs print jobs one at a time. */
export class PrintJobs {
  private busy = false;
  private readonly timeouts: PrintTimeouts;

  constructor(timeouts: Partial<PrintTimeouts> = {}) {
    this.timeouts = { ...DEFAULT_PRINT_TIMEOUTS, ...timeouts };
  }

  /** True while a job holds the hidden window. */
  isBusy(): boolean {
    return this.busy;
  }

  /** Renders `url` in a window from `create` and returns the A4 PDF bytes. @throws PrintError */
  toPdf(create: () => BW, url: string): Promise<Buffer> {
    return this.run(create, url, this.timeouts.renderMs, (win) =>
      win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }),
    );
  }

  /** Renders `url` and opens the system print dialog; resolves true if printed, false if cancelled. @throws PrintError */
  print(create: () => BW, url: string): Promise<boolean> {
    return this.run(create, url, this.timeouts.printDialogMs, (win) =>
      new Promise<boolean>((resolve) => win.webContents.print({ silent: false, printBackground: true }, (ok) => resolve(ok))),
    );
  }

  private async run<T>(create: () => BW, url: string, workMs: number, work: (win: BW) => Promise<T>): Promise<T> {
    if (this.busy) throw new PrintError('PRINT_BUSY', '另一个打印任务正在进行，请稍候再试 / Another print job is running; try again shortly');
    this.busy = true;
    const timers: ReturnType<typeof setTimeout>[] = [];
    let win: BW | null = null;
    try {
      win = create();
      const w = win;
      const gone = new Promise<never>((_, reject) => {
        w.webContents.once('render-process-gone', (_e, details) =>
          reject(new PrintError('PRINT_CRASHED', `打印页面意外退出（${details.reason}） / The print view stopped (${details.reason})`)));
      });
      const within = <R>(p: Promise<R>, ms: number, zh: string, en: string): Promise<R> =>
        Promise.race([
          p,
          gone,
          new Promise<never>((_, reject) => {
            timers.push(setTimeout(() => reject(new PrintError('PRINT_TIMEOUT', `${zh}超时（${Math.round(ms / 1000)} 秒） / ${en} timed out`)), ms));
          }),
        ]);
      await within((async () => {
        await w.loadURL(url);
        await w.webContents.executeJavaScript(PRINT_READY_SCRIPT);
      })(), this.timeouts.renderMs, '准备打印页面', 'Preparing the print view');
      return await within(work(w), workMs, '打印', 'Printing');
    } finally {
      for (const t of timers) clearTimeout(t);
      if (win && !win.isDestroyed()) win.destroy();
      this.busy = false;
    }
  }
}
