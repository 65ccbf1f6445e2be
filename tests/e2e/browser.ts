/**
 * Which Chromium the end-to-end tests drive: the same resolution the browser-mode host uses for its PDFs
 * (electron/chromium.ts — CHROMIUM_PATH, then @sparticuz/chromium on Linux, then the system's Chrome or Edge).
 * Never skips: when none can start, `resolveChromium` throws an Error saying what was tried and how to fix it.
 */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { CHROMIUM_ARGS, resolveChromium } from '../../electron/chromium';

export { CHROMIUM_ARGS, resolveChromium, type ResolvedChromium } from '../../electron/chromium';

/** Launches the resolved Chromium headless with `CHROMIUM_ARGS` plus `extraArgs`. */
export async function launchChromium(opts: { extraArgs?: string[]; env?: LaunchOptions['env'] } = {}): Promise<Browser> {
  const { executablePath } = await resolveChromium();
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])], env: opts.env, timeout: 60_000 });
}
