/**
 * The renderer in Chromium (browser mode, as tests/e2e/harness.ts runs it): the built host
 * (dist/electron/web-host-cli.cjs, which serves dist/renderer) in a child process on the benchmark's data folder,
 * driven by playwright-core. Measures, with timestamps taken in the page (performance.now(), origin = navigation):
 * - navigation → the client list's first row painted (the frame after the row reaches the DOM);
 * - a search typed (one input event, as a paste or an IME commit produces) → the list updated and painted;
 * and then the host process's resident memory (VmRSS, and its peak VmHWM, from /proc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../tests/e2e/browser';
import type { CaseResult } from './service-cases';
import { TARGETS } from './service-cases';
import { summarize } from './stats';

const ROOT = path.resolve(import.meta.dirname, '..');
const HOST_CLI = path.join(ROOT, 'dist/electron/web-host-cli.cjs');
const RENDERER = path.join(ROOT, 'dist/renderer/index.html');

/** Page-side probes: first row painted, input event time, client-count text changes (each with its paint). */
const PROBE = `
  window.__bench = { rows: null, inputAt: null, countAt: 0, countText: null };
  const b = window.__bench;
  const paint = (f) => requestAnimationFrame(() => f(performance.now()));
  new MutationObserver(() => {
    if (b.rows === null && b.rowsSeen !== true && document.querySelector('[data-testid="client-row-name"]')) {
      b.rowsSeen = true;
      paint((t) => { b.rows = t; });
    }
    const c = document.querySelector('[data-testid="client-count"]');
    if (c && c.textContent !== b.countText) {
      b.countText = c.textContent;
      paint((t) => { b.countAt = t; });
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('input', () => { b.inputAt = performance.now(); }, true);
`;

/** Starts the host CLI; resolves with its address and the one-time launch URL it prints. */
function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string; launchUrl: string }> {
  const child = spawn(process.execPath, [HOST_CLI], {
    env: { ...process.env, ICPDESK_DATA_DIR: dataDir, ICPDESK_PORT: '0', ICPDESK_NOW: '2026-11-27T02:00:00Z' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`host did not start: ${out}`));
    }, 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)launch\?k=[0-9a-f]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], launchUrl: m[0] });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`host exited (${code}): ${out}`)));
  });
}

/** Stops the host as a user quitting does (SIGTERM: the host closes the database cleanly) and waits for it to exit. */
function stopHost(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Size of the built renderer's JavaScript in KB: the entry chunk(s) index.html loads and all chunks (lazily loaded
 * ones included). Null when dist/renderer is missing.
 */
export function rendererJsSize(): { entryKb: number; totalKb: number; chunks: number } | null {
  if (!fs.existsSync(RENDERER)) return null;
  const dir = path.dirname(RENDERER);
  const html = fs.readFileSync(RENDERER, 'utf8');
  const entries = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const all: string[] = [];
  const walk = (d: string) => {
    for (const f of fs.readdirSync(d, { withFileTypes: true })) {
      if (f.isDirectory()) walk(path.join(d, f.name));
      else if (f.name.endsWith('.js')) all.push(path.join(d, f.name));
    }
  };
  walk(dir);
  const kb = (files: string[]) => files.reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0) / 1024;
  return { entryKb: kb(entries.map((e) => path.join(dir, e))), totalKb: kb(all), chunks: all.length };
}

/** VmRSS and VmHWM of `pid` in MB (Linux /proc), or null elsewhere. */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Runs the renderer cases against the data folder `dataDir`; rows are skipped (with the reason) if the build or Chromium is missing. */
export async function rendererCases(dataDir: string, opts: { navigations: number; queries: string[] }): Promise<CaseResult[]> {
  const missing = [
    !fs.existsSync(HOST_CLI) && 'dist/electron missing (npm run build)',
    !fs.existsSync(RENDERER) && 'dist/renderer missing (npm run build)',
  ].filter(Boolean);
  const skip = (reason: string): CaseResult[] => [
    { group: 'renderer', name: 'renderer: navigation → list rows painted', service: null, bare: null, target: TARGETS.renderer_nav, skipped: reason },
    { group: 'renderer', name: 'renderer: search typed → list updated', service: null, bare: null, target: TARGETS.renderer_typing, skipped: reason },
    { group: 'renderer', name: 'host process memory (RSS, MB)', service: null, bare: null, skipped: reason },
  ];
  if (missing.length) return skip(missing.join('; '));
  // The first start after generation is an unclean one (full check, daily backup); a normal quit (SIGTERM → clean
  // close) and the next start is what a consultant sees every morning: that one is measured.
  const first = await startHost(dataDir);
  await stopHost(first.child);
  const hostStart = performance.now();
  const { child, url, launchUrl } = await startHost(dataDir);
  const hostReady = performance.now() - hostStart;
  // The same Chromium the end-to-end tests use (tests/e2e/browser.ts: CHROMIUM_PATH, the npm build, or the system's).
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await stopHost(child);
    return skip(`no Chromium: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  try {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 900 } });
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    // The one-time launch URL sets the session cookie; fetched outside the page so that the page's first load is the
    // register itself (the first screen), not the dashboard the launch redirects to.
    await context.request.get(launchUrl);
    const nav: number[] = [];
    let firstPaint = 0;
    for (let i = 0; i < opts.navigations + 1; i++) {
      // A new query string each time: a real page load (the same URL with only a '#' route would be a same-document
      // navigation, and the probe would report the first load's time again). '#/clients' = the register.
      await page.goto(`${url}?load=${i}#/clients`);
      await page.waitForFunction(() => (globalThis as unknown as { __bench: { rows: number | null } }).__bench.rows !== null, null, { timeout: 60_000 });
      const t = await page.evaluate(() => (globalThis as unknown as { __bench: { rows: number } }).__bench.rows);
      if (i > 0) nav.push(t); // the first navigation warms the host and the OS file cache
      else firstPaint = hostReady + t;
    }
    const typing: number[] = [];
    const box = page.getByTestId('client-search');
    type Probe = { countAt: number; inputAt: number; countText: string | null };
    // Waits for the count line painted after the last input event to read as unfiltered ('共 …') or filtered ('筛选出 …').
    const settled = (filtered: boolean) =>
      page.waitForFunction((f) => {
        const b = (globalThis as unknown as { __bench: Probe }).__bench;
        return b.countAt > b.inputAt && (b.countText ?? '').startsWith(f ? '筛选出' : '共');
      }, filtered, { timeout: 30_000 });
    for (const q of opts.queries) {
      if ((await box.inputValue()) !== '') {
        await box.fill('');
        await settled(false);
      }
      await box.fill(q);
      await settled(true);
      typing.push(await page.evaluate(() => {
        const b = (globalThis as unknown as { __bench: Probe }).__bench;
        return b.countAt - b.inputAt;
      }));
    }
    const mem = memoryOf(child.pid!);
    return [
      { group: 'renderer', name: 'first screen: host start (clean) → register rows painted', service: summarize([firstPaint]), bare: null, target: TARGETS.first_paint, note: `host ready after ${hostReady.toFixed(0)} ms; cold page load` },
      { group: 'renderer', name: 'renderer: navigation → list rows painted', service: summarize(nav), bare: null, target: TARGETS.renderer_nav },
      { group: 'renderer', name: `renderer: search typed → list updated (${opts.queries.join(' ')})`, service: summarize(typing), bare: null, target: TARGETS.renderer_typing, note: 'one input event per query (paste / IME commit), includes the search box debounce' },
      mem
        ? { group: 'renderer', name: 'host process memory (RSS, MB)', service: { runs: 1, median: mem.rss, p95: mem.rss, min: mem.rss, max: mem.peak }, bare: null, target: { p95Ms: 300 }, note: `peak (VmHWM) ${mem.peak.toFixed(0)} MB; values in MB, not ms` }
        : { group: 'renderer', name: 'host process memory (RSS, MB)', service: null, bare: null, skipped: '/proc not available' },
    ];
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}
