/**
 * Vitest global set-up of the e2e project: resolves Chromium once, in the main process, before any test file runs.
 * e2e files run two at a time (vitest.config.ts); `@sparticuz/chromium` unpacks its binary into the temp folder on
 * first use without a lock, so two workers unpacking at once could start a half-written executable. After this, every
 * worker finds it unpacked. Throws (failing the run, never skipping) with the resolver's message when none is found.
 */
import { resolveChromium } from './browser';

export default async function setup(): Promise<void> {
  const found = await resolveChromium();
  console.log(`e2e Chromium ready: ${found.executablePath} (${found.source})`);
}
