/**
 * The e2e suite's waits, read from its source: every `expect.poll` passes the harness's shared `POLL` timeout (the
 * default of 1 s flaked on a loaded 2-core machine), no explicit Playwright timeout is shorter than it, nothing
 * sleeps (`waitForTimeout`, `setTimeout`): every wait is on an observable state. And no one-shot read of what the page
 * shows (`expect(await locator.innerText())` right after waiting for some other element read the browser's own date
 * on a loaded CI machine): reads retry inside a poll (`poll(() => …)`, the harness's `expectText` and friends) unless
 * their line says why the value is already final (`// settled: <reason>`, on the line or alone on the line above).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { args, calls, oneShotReads } from '../helpers/e2e-source-scan';

const DIR = path.resolve(import.meta.dirname, '../e2e');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts')).map((f) => ({ f, src: fs.readFileSync(path.join(DIR, f), 'utf8') }));

describe('e2e waits', () => {
  it('finds the e2e files and their polls (the scan itself works)', () => {
    expect(files.map((x) => x.f)).toContain('harness.ts');
    expect(files.flatMap((x) => calls(x.src, 'expect.poll(')).length).toBeGreaterThan(20);
    expect(args('() => a(b, c), POLL')).toEqual(['() => a(b, c)', 'POLL']);
  });

  it('every expect.poll uses the shared POLL timeout', () => {
    const bare = files.flatMap(({ f, src }) => calls(src, 'expect.poll(').filter((a) => args(a)[1] !== 'POLL').map((a) => `${f}: expect.poll(${a})`));
    expect(bare).toEqual([]);
  });

  it('the shared timeout is sized for a loaded 2-core machine (≥ 10 s)', () => {
    const harness = files.find((x) => x.f === 'harness.ts')!.src;
    const m = /export const POLL = \{ timeout: ([\d_]+)/.exec(harness);
    expect(m).not.toBeNull();
    expect(Number(m![1].replace(/_/g, ''))).toBeGreaterThanOrEqual(10_000);
  });

  it('every wait for a job (waitForEvent: a download, a tab; waitForFunction: a print view) passes the harness\'s JOB timeout', () => {
    const waits = files.flatMap(({ f, src }) => ['waitForEvent(', 'waitForFunction('].flatMap((open) => calls(src, open).map((a) => ({ f, open, a }))));
    expect(waits.length).toBeGreaterThan(10);
    expect(waits.filter(({ a }) => !args(a).includes('JOB')).map(({ f, open, a }) => `${f}: ${open}${a})`)).toEqual([]);
  });

  it('no explicit timeout shorter than the shared one, and no sleeps', () => {
    const short = files.flatMap(({ f, src }) => [...src.matchAll(/timeout:\s*([\d_]+)/g)].filter((m) => Number(m[1].replace(/_/g, '')) < 20_000).map((m) => `${f}: ${m[0]}`));
    expect(short).toEqual([]);
    const sleeps = files.flatMap(({ f, src }) => [...src.matchAll(/waitForTimeout\(|setTimeout\(|\bsleep\(/g)].map((m) => `${f}: ${m[0]}`));
    expect(sleeps).toEqual([]);
  });

  it('the one-shot-read scan finds reads, wrappers and settled lines, and passes retried ones', () => {
    const src = [
      "const text = (page: Page, id: string) => page.getByTestId(id).innerText();",
      "function names(page: Page): Promise<string[]> { return page.getByTestId('n').allInnerTexts().then((n) => n.sort()); }",
      "expect(await text(page, 'home-today')).toContain('2026-09-18');",
      "for (const k of ['a']) expect(await page.getByTestId(`deadline-${k}-pre_review`).getAttribute('data-level')).toBe('overdue');",
      "const t = await page.getByTestId('b').innerText();",
      "expect((await loc.count())).toBe(0); // settled: the dialog is gone",
      "// settled: one response draws every row",
      "const all = await page.getByTestId('row').allInnerTexts();",
      "await poll(() => text(page, 'x')).toBe('y');",
      "await expect.poll(async () => (await loc.allInnerTexts()).map((n) => n.trim()), POLL).toEqual([]);",
      "await poll(() => names(page)).toEqual([]);",
      "await page.getByTestId('c').evaluate((el) => el.scrollIntoView());",
      "expect(await names(page)).toEqual([]);",
      "await expectText(page.getByTestId('d'), /x/);",
      "// expect(await page.getByTestId('e').innerText()) quoted in a comment",
      "async function layout(p: Page) { return (await p.evaluate(() => 1)) + 1; }",
      "const n = await layout(p);",
    ].join('\n');
    const found = oneShotReads([{ f: 'x.test.ts', src }]);
    expect(found.map((r) => [r.line, r.settled])).toEqual([[3, false], [4, false], [5, false], [6, true], [8, true], [13, false], [16, false]]);
  });

  it('no one-shot read of the page outside a retrying wait, unless its line says why it is settled', () => {
    const racy = oneShotReads(files).filter((r) => !r.settled).map((r) => `${r.file}:${r.line}: ${r.text}`);
    expect(racy, 'use expectText/expectAttr/expectCount/expectValue/expectChecked/expectDisabled or poll() from tests/e2e/harness.ts').toEqual([]);
  });

  it('the allow-list stays small: at most 8 settled reads, each with a reason', () => {
    const allowed = oneShotReads(files).filter((r) => r.settled);
    expect(allowed.length, allowed.map((r) => `${r.file}:${r.line}: ${r.text}`).join('\n')).toBeLessThanOrEqual(8);
  });
});
