/**
 * End-to-end harness: the real browser-mode host (real database in a fresh temp data folder, the built renderer
 * from dist/renderer) driven by Chromium from the npm registry (see browser.ts) through playwright-core. Never skips:
 * if Chromium or the build is missing the test fails with a message saying what to run.
 *
 * Waits: every `expect.poll` in tests/e2e uses `POLL` (or `poll()`), a timeout sized for a loaded 2-core machine, and
 * every read of what the page shows goes through a retrying wait (`expectText`, `expectAttr`, `expectCount`,
 * `expectValue`, `expectChecked`, `expectDisabled`, or `poll(() => locator.read())`), never a one-shot
 * `expect(await locator.innerText())`: tests/unit/e2e-waits.test.ts fails on either, outside lines marked
 * `// settled: <reason>`.
 */
import fs from 'node:fs';
import { expect } from 'vitest';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { launchChromium } from './browser';
import { openHostContext } from '../../electron/host-context';
import { startWebHost, type WebHost } from '../../electron/web-host';
import type { ServiceContext } from '../../db/service/context';
import type { PdfRouteOptions } from '../../electron/web-host/pdf-route';
import { dispatch } from '../../db/dispatch';
import type { In, Method, Out } from '../../shared/contract';
import { testTempDir } from '../helpers/temp-dirs';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results');

/**
 * The one timeout for waits on observable states: long enough for a UI round trip of several sequential requests on a
 * busy 2-core machine (confirming 已核对 alone takes four). Use `expect.poll(fn, POLL)` or `poll(fn)`.
 */
export const POLL = { timeout: 20_000, interval: 100 } as const;

/**
 * The timeout for a job the host or the browser does for the page — an import's preview or commit, a restore, a
 * download, a print view getting ready: seconds on an idle machine, far more on a loaded 2-core one (an import commit
 * once took over 30 s there). Use `locator.waitFor(JOB)`, `page.waitForEvent('download', JOB)`,
 * `page.waitForFunction(fn, null, JOB)`.
 */
export const JOB = { timeout: POLL.timeout * 3 } as const;

/** `expect.poll` with the shared timeout. */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, POLL);

export interface App {
  dataDir: string;
  host: WebHost;
  ctx: ServiceContext;
  /** The browser `page` runs in: usually the worker's shared one (see `workerBrowser`), so never close it in a test. */
  browser: Browser;
  page: Page;
  /**
   * Stops the host and closes the database, runs `between(dataDir)` if given (e.g. to damage the file), then starts a
   * new host on the same data folder and reloads the page.
   */
  restart(between?: (dataDir: string) => void | Promise<void>): Promise<void>;
  /**
   * Gives another browser context (a second context, or one in another browser) the session cookie the launch URL
   * set in the main page's context: the host serves nothing without it.
   */
  authorize(context: BrowserContext): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Chromium this test worker's apps share: launched on first use, then kept for the worker's later tests and files
 * (the e2e project runs with `isolate: false`, so one worker runs many files with this module loaded once; its
 * Chromium ends with the worker). Each app still gets its own browser context — cookies, storage, locale, viewport,
 * permissions — closed with the app, so tests stay isolated; only the browser process is reused. Relaunched if it
 * died. Apps that need a different environment for the browser process (`browserEnv`) launch their own.
 */
let sharedBrowser: Promise<Browser> | null = null;
function workerBrowser(): Promise<Browser> {
  if (!sharedBrowser) {
    const launching = launchChromium();
    sharedBrowser = launching;
    const forget = () => { if (sharedBrowser === launching) sharedBrowser = null; };
    launching.then((b) => b.on('disconnected', forget), forget);
  }
  return sharedBrowser;
}

function preflight() {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer missing: run `npm run build` first');
}

/**
 * Imports the sample register (tests/fixtures/客户台账.xlsx, 33 clients) through the same service calls the import page
 * makes (`import.preview`, then `import.commit` with the preview's column mapping). Throws Error with the service's
 * message when either call fails. tests/e2e/register.test.ts keeps the import through the UI.
 */
export async function importSampleRegister(ctx: ServiceContext): Promise<void> {
  const file = { fileName: '客户台账.xlsx', dataBase64: fs.readFileSync(path.join(FIXTURES, '客户台账.xlsx')).toString('base64') };
  const preview = await dispatch(ctx, 'import.preview', file);
  if (!preview.ok) throw new Error(`import.preview: ${preview.error.message}`);
  const commit = await dispatch(ctx, 'import.commit', { ...file, mapping: (preview.value as { mapping: Record<string, number> }).mapping });
  if (!commit.ok) throw new Error(`import.commit: ${commit.error.message}`);
}

/**
 * Starts a fresh app. `now` fixes the host's clock (ISO instant). `register: 'sample'` starts from a data folder that
 * already holds the sample register, imported at `now` before the page opens (see `importSampleRegister`). `locale`
 * (default 'zh-CN') and `browserEnv` (e.g. `{ LANG: 'en_US.UTF-8' }`, merged over this process's environment) set the
 * browser's own locale — what native inputs would follow; `viewport` defaults to 1400×900. `pdf` replaces the host's
 * PDF renderer or its limits (electron/web-host/pdf-route.ts), e.g. to play a machine without Chromium.
 */
export async function startApp(opts: { now?: string; register?: 'sample'; locale?: string; browserEnv?: Record<string, string>; viewport?: { width: number; height: number }; pdf?: PdfRouteOptions } = {}): Promise<App> {
  preflight();
  const dataDir = testTempDir('icpdesk-e2e-');
  const clock = () => {
    if (!opts.now) return () => new Date();
    const fixed = Date.parse(opts.now);
    const started = Date.now();
    return () => new Date(fixed + (Date.now() - started));
  };
  const open = async () => {
    const ctx = await openHostContext({ dataDir, version: 'e2e', now: clock() });
    const host = await startWebHost({ ctx, rendererDir: RENDERER_DIR, pdf: opts.pdf });
    return { ctx, host };
  };
  let { ctx, host } = await open();
  if (opts.register === 'sample') await importSampleRegister(ctx);
  const ownBrowser = !!opts.browserEnv;
  const browser = ownBrowser ? await launchChromium({ env: { ...process.env, ...opts.browserEnv } as Record<string, string> }) : await workerBrowser();
  // reducedMotion: the app then drops its transitions and animations (renderer/src/motion.ts): the same screens
  // without the frames that motion costs the loaded machine (inspection + attachments: 65–67 → 59–60 CPU-s).
  const context = await browser.newContext({ locale: opts.locale ?? 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: opts.viewport ?? { width: 1400, height: 900 }, reducedMotion: 'reduce' });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  // The one-time launch URL sets the session cookie and redirects to the app (electron/web-host/auth.ts).
  await page.goto(host.launchUrl);
  const app: App = {
    dataDir, host, ctx, browser, page,
    async restart(between) {
      const hash = new URL(page.url()).hash;
      await host.close();
      ctx.db.close();
      if (between) await between(dataDir);
      ({ ctx, host } = await open());
      app.ctx = ctx;
      app.host = host;
      // A new host: a new launch URL (its redirect keeps the hash).
      await page.goto(host.launchUrl + hash);
    },
    async authorize(other) {
      await other.addCookies(await context.cookies(host.url));
    },
    async close() {
      await context.close();
      if (ownBrowser) await browser.close();
      await host.close();
      ctx.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/**
 * Calls a service method through the real dispatcher on the app's database (an App or its ServiceContext), as the page
 * would, to set up or check data; throws `<method>: <code> <message>` on an error envelope. @returns the method's value
 */
export async function ok<M extends Method>(target: App | ServiceContext, m: M, input: In<M>): Promise<Out<M>> {
  const ctx = 'page' in target ? target.ctx : target;
  const r = await dispatch(ctx, m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as Out<M>;
}

/** Saves a screenshot under test-results/ (kept as a CI artifact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/**
 * Moves material `key` to `status` through the client page's status menu and waits until it shows `label`.
 * 已核对 with 全/准/清 still open asks first: the helper confirms (which ticks the three checks).
 */
export async function setMaterialStatus(page: Page, key: string, status: string, label: string): Promise<void> {
  await page.getByTestId(`material-${key}`).getByRole('combobox').click();
  await page.getByTestId(`status-option-${status}`).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
  if (status === 'checked') await page.getByTestId('confirm-ok').click();
  await expect.poll(() => page.getByTestId(`material-${key}`).innerText(), POLL).toContain(label);
}

/*
 * Retrying reads. Waiting for one element says nothing about another's content: on a loaded machine a page is often
 * drawn before its data (or a store's refresh after a save) arrives, so a one-shot read right after `waitFor` sees a
 * placeholder, the previous value or the browser's own guess. Each helper below re-reads until the element shows the
 * wanted final state, up to the shared `POLL` timeout, then fails with the last value it saw.
 */

/**
 * Waits until `locator`'s innerText matches `want`: a RegExp must match, a string must be contained (or, with
 * `{ exact: true }`, be the whole text). Resolves to the text that matched, for checks that need it whole.
 */
export async function expectText(locator: Locator, want: string | RegExp, opts: { exact?: boolean } = {}): Promise<string> {
  let seen = '';
  const read = poll(async () => (seen = await locator.innerText()));
  if (want instanceof RegExp) await read.toMatch(want);
  else if (opts.exact) await read.toBe(want);
  else await read.toContain(want);
  return seen;
}

/** Waits until `locator`'s attribute `name` is `value` (null: absent). */
export async function expectAttr(locator: Locator, name: string, value: string | null): Promise<void> {
  await poll(() => locator.getAttribute(name)).toBe(value);
}

/** Waits until `locator` matches exactly `n` elements (0: none left). */
export async function expectCount(locator: Locator, n: number): Promise<void> {
  await poll(() => locator.count()).toBe(n);
}

/** Waits until the input, textarea or select `locator` holds `value`. */
export async function expectValue(locator: Locator, value: string): Promise<void> {
  await poll(() => locator.inputValue()).toBe(value);
}

/** Waits until the checkbox or radio `locator` is checked (`checked` false: unchecked). */
export async function expectChecked(locator: Locator, checked = true): Promise<void> {
  await poll(() => locator.isChecked()).toBe(checked);
}

/** Waits until `locator` is disabled (`disabled` false: enabled). */
export async function expectDisabled(locator: Locator, disabled = true): Promise<void> {
  await poll(() => locator.isDisabled()).toBe(disabled);
}

/**
 * Waits (JOB timeout) until a job the page started ends, shown by `done` — or by `failed`, the page's error for it,
 * which fails the test at once with the error's text instead of waiting out the timeout for `done`. E.g.
 * `jobOutcome(page.getByTestId('import-summary'), page.getByTestId('import-error'))`.
 */
export async function jobOutcome(done: Locator, failed: Locator): Promise<void> {
  await done.or(failed).first().waitFor(JOB);
  if (await failed.isVisible()) throw new Error(`the page shows an error instead of the result: ${await failed.innerText()}`); // settled: just shown in place of `done`
}

/**
 * Counts the page's requests to the host's API (`/api/<method>`) from now on. `settled()` waits (POLL timeout) until
 * every one of them has been answered or has failed — what "nothing can still arrive late" means for a check made
 * after it (Playwright's 'networkidle' instead waits for 500 ms without traffic, a timing guess).
 */
export function apiRequests(page: Page): { settled(): Promise<void>; sent(): number } {
  // The requests themselves, not two counters: a request the page sent before this was called (the first screen's
  // reads) may end after it, and must not cancel out one sent later (a flake seen on the loaded machine: -1).
  const open = new Set<Request>();
  let sent = 0;
  const isApi = (url: string) => new URL(url).pathname.includes('/api/');
  page.on('request', (r) => { if (isApi(r.url())) { sent++; open.add(r); } });
  page.on('requestfinished', (r) => { open.delete(r); });
  page.on('requestfailed', (r) => { open.delete(r); });
  return {
    sent: () => sent,
    async settled() { await poll(() => open.size).toBe(0); },
  };
}
