/**
 * Finding a Chromium to drive with playwright-core, shared by the browser-mode host (it renders print views to PDF,
 * pdf-chromium.ts) and the end-to-end tests (tests/e2e/browser.ts). Nothing is installed from the system:
 *
 * 1. `CHROMIUM_PATH` when set (any Chromium, Chrome or Edge executable);
 * 2. on Linux x64/arm64, the build shipped inside the npm package `@sparticuz/chromium` (a devDependency, so present
 *    in a clone after `npm ci`; unpacked to the temp folder on first use, about 10 s once). It is loaded only here and
 *    only when asked for: without it the host still runs, and 导出 PDF falls back to the print dialog;
 * 3. on Windows and macOS, the system's Chrome or Edge at their standard install paths.
 *
 * `resolveChromium` throws {@link NoChromiumError} saying what was tried and how to fix it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A resolved browser executable and where it came from (for log lines). */
export interface ResolvedChromium {
  executablePath: string;
  source: 'CHROMIUM_PATH' | '@sparticuz/chromium' | 'system';
}

/** No usable Chromium: `message` says what was tried and how to fix it (English, for logs and test output). */
export class NoChromiumError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoChromiumError';
  }
}

/**
 * Flags for a headless run on a closed network, possibly as root: no sandbox (root), no GPU, and no background
 * connections (an offline machine refuses them, many at a time). `--no-zygote` is needed by the npm build.
 */
export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--no-zygote', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--no-default-browser-check',
];

/** Standard install paths of Chrome / Edge / Chromium per platform (`env` supplies PROGRAMFILES on Windows). */
export function systemChromiumPaths(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    const pf = env.PROGRAMFILES ?? 'C:\\Program Files';
    const pf86 = env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)';
    return [
      path.win32.join(pf, 'Google\\Chrome\\Application\\chrome.exe'),
      path.win32.join(pf86, 'Google\\Chrome\\Application\\chrome.exe'),
      path.win32.join(pf86, 'Microsoft\\Edge\\Application\\msedge.exe'),
      path.win32.join(pf, 'Microsoft\\Edge\\Application\\msedge.exe'),
    ];
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  return [];
}

let resolved: Promise<ResolvedChromium> | undefined;

/**
 * Finds the browser once per process (a failure is remembered too: asking again gives the same answer at once).
 * @throws NoChromiumError when there is none
 */
export function resolveChromium(): Promise<ResolvedChromium> {
  resolved ??= find();
  return resolved;
}

async function find(): Promise<ResolvedChromium> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new NoChromiumError(`CHROMIUM_PATH=${fromEnv} does not exist: point it at a Chromium, Chrome or Edge executable, or unset it`);
    return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
  }
  if (process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')) {
    try {
      // A variable specifier: bundlers leave it to Node's resolution (the package carries its own binary archives).
      const name = '@sparticuz/chromium';
      const { default: sparticuz } = (await import(name)) as { default: { executablePath(): Promise<string> } };
      return { executablePath: await sparticuz.executablePath(), source: '@sparticuz/chromium' };
    } catch (e) {
      throw new NoChromiumError(`the npm Chromium (@sparticuz/chromium) could not be loaded or unpacked to ${os.tmpdir()}: ${(e as Error).message}. Run \`npm ci\`, check free space in the temp folder, or set CHROMIUM_PATH`);
    }
  }
  const tried = systemChromiumPaths();
  const found = tried.find((p) => fs.existsSync(p));
  if (found) return { executablePath: found, source: 'system' };
  throw new NoChromiumError(`no Chromium for ${process.platform}-${process.arch}: install Google Chrome or Microsoft Edge, or set CHROMIUM_PATH (tried: ${tried.join(', ') || 'nothing known for this platform'})`);
}
