/**
 * Which Chromium the end-to-end tests drive, with nothing installed from the system:
 *
 * 1. `CHROMIUM_PATH` when set (any Chromium, Chrome or Edge executable);
 * 2. on Linux x64/arm64, the build shipped inside the npm package `@sparticuz/chromium` (unpacked to the temp folder
 *    on first use, about 10 s once);
 * 3. on Windows and macOS, the system's Chrome or Edge at their standard install paths.
 *
 * Never skips: when none can start, `resolveChromium` throws an Error saying what was tried and how to fix it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** A resolved browser executable and where it came from (for the log line the Chromium test prints). */
export interface ResolvedChromium {
  executablePath: string;
  source: 'CHROMIUM_PATH' | '@sparticuz/chromium' | 'system';
}

/**
 * Flags for a headless run on a closed network as root: no sandbox (root), no GPU, and no background connections
 * (this machine refuses them, many at a time). `--no-zygote` is needed by the npm build.
 */
export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--no-zygote', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--no-default-browser-check',
];

const SYSTEM_PATHS: Record<string, string[]> = {
  win32: [
    path.join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Microsoft\\Edge\\Application\\msedge.exe'),
    path.join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Microsoft\\Edge\\Application\\msedge.exe'),
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
};

let resolved: Promise<ResolvedChromium> | undefined;

/** Finds the browser once per test process; throws Error (with the paths tried) when there is none. */
export function resolveChromium(): Promise<ResolvedChromium> {
  resolved ??= find();
  return resolved;
}

async function find(): Promise<ResolvedChromium> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist: point it at a Chromium, Chrome or Edge executable, or unset it`);
    return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
  }
  if (process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')) {
    try {
      const { default: sparticuz } = await import('@sparticuz/chromium');
      return { executablePath: await sparticuz.executablePath(), source: '@sparticuz/chromium' };
    } catch (e) {
      throw new Error(`the npm Chromium (@sparticuz/chromium) could not be unpacked to ${os.tmpdir()}: ${(e as Error).message}. Run \`npm ci\`, check free space in the temp folder, or set CHROMIUM_PATH`);
    }
  }
  const found = (SYSTEM_PATHS[process.platform] ?? []).find((p) => fs.existsSync(p));
  if (found) return { executablePath: found, source: 'system' };
  throw new Error(`no Chromium for ${process.platform}-${process.arch}: install Google Chrome or Microsoft Edge, or set CHROMIUM_PATH (tried: ${(SYSTEM_PATHS[process.platform] ?? []).join(', ') || 'nothing known for this platform'})`);
}

/** Launches the resolved Chromium headless with `CHROMIUM_ARGS` plus `extraArgs`. */
export async function launchChromium(opts: { extraArgs?: string[]; env?: LaunchOptions['env'] } = {}): Promise<Browser> {
  const { executablePath } = await resolveChromium();
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])], env: opts.env, timeout: 60_000 });
}
