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

const DIR = path.resolve(import.meta.dirname, '../e2e');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts')).map((f) => ({ f, src: fs.readFileSync(path.join(DIR, f), 'utf8') }));

/** The argument list of every call starting at `open` (e.g. "expect.poll("), matching nested brackets. */
function calls(src: string, open: string): string[] {
  const out: string[] = [];
  for (let i = src.indexOf(open); i >= 0; i = src.indexOf(open, i + 1)) {
    let depth = 1;
    let j = i + open.length;
    while (depth > 0 && j < src.length) {
      const c = src[j++];
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth--;
    }
    out.push(src.slice(i + open.length, j - 1));
  }
  return out;
}

/** Splits an argument list on its top-level commas. */
function args(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of list) {
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth--;
    if (c === ',' && depth === 0) { parts.push(cur.trim()); cur = ''; } else cur += c;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

/** Playwright calls that read the page's current state once. */
const READS = ['innerText', 'textContent', 'innerHTML', 'getAttribute', 'inputValue', 'count', 'isVisible', 'isHidden', 'isChecked', 'isDisabled', 'isEnabled', 'isEditable', 'allInnerTexts', 'allTextContents', 'evaluate', 'evaluateAll'];
const READ_RE = new RegExp(`\\.(${READS.join('|')})\\(`, 'g');

/** [start, end) of the arguments of every `poll(` / `expect.poll(` / `waitForFunction(` call: reads there are retried. */
function retried(src: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of src.matchAll(/\b(?:poll|waitForFunction)\(/g)) {
    const start = m.index + m[0].length;
    out.push([start, start + calls(src.slice(m.index), m[0])[0].length]);
  }
  return out;
}

/**
 * Whether the expression ending just before `at` is awaited and its value used (an argument, an assignment, an array
 * element, a return value): the `await` before it in the same expression, not across a statement, block or arrow.
 */
function awaitedAndUsed(src: string, at: number): boolean {
  const before = src.slice(0, at);
  const i = before.lastIndexOf('await ');
  if (i < 0 || /;|=>|[{}]/.test(before.slice(i).replace(/\$\{[^{}]*\}/g, ''))) return false; // `${…}` in a template is no block
  return /(?:[(=,[?:]|\breturn)\s*$/.test(before.slice(0, i));
}

/** Length of the body starting `code`: a `{…}` block, or an expression up to its `;` or an unmatched closing bracket. */
function extent(code: string): number {
  const lead = code.length - code.trimStart().length;
  let depth = 0;
  for (let j = lead; j < code.length; j++) {
    const c = code[j];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth < 0) return j;
      if (depth === 0 && c === '}' && code[lead] === '{') return j + 1;
    } else if (c === ';' && depth === 0) return j;
  }
  return code.length;
}

/** `src` with its comments blanked (same length and lines), so a comment quoting a read is not one. */
function uncommented(src: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return src.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(?<=^|\s)\/\/[^\n]*/gm, blank);
}

const lineOf = (src: string, at: number) => src.slice(0, at).split('\n').length - 1;
/** The allow-list: `// settled: <reason>` at the end of the line, or alone on the line above. */
function settled(src: string, at: number): boolean {
  const lines = src.split('\n');
  const n = lineOf(src, at);
  return /\/\/ settled: \S/.test(lines[n]) || (n > 0 && /^\s*\/\/ settled: \S/.test(lines[n - 1]));
}

interface Read { file: string; line: number; text: string; settled: boolean }

/**
 * Every one-shot read in the e2e sources: a READS call, or a call of a function whose body reads outside a poll (a
 * local wrapper such as `const text = (page, id) => page.getByTestId(id).innerText()`), awaited and used outside any
 * poll. Wrappers defined in the shared modules (harness.ts, pickers.ts, pdf.ts …) count in every file.
 */
function oneShotReads(original: Array<{ f: string; src: string }>): Read[] {
  const sources = original.map(({ f, src }) => ({ f, src: uncommented(src), raw: src }));
  const inside = (ranges: Array<[number, number]>, at: number) => ranges.some(([a, b]) => at >= a && at < b);
  const wrappers = new Map<string, Set<string>>(); // file → names of read wrappers defined there
  for (const { f, src } of sources) {
    const ranges = retried(src);
    const names = new Set<string>();
    const defs = [...src.matchAll(/(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*(?::[^=;]*)?=>|(?:async\s+)?function\s+(\w+)\s*(?:<[^>]*>)?\([^)]*\)[^{]*/g)];
    for (const d of defs) {
      const start = d.index + d[0].length;
      const end = start + extent(src.slice(start));
      for (const m of src.slice(start, end).matchAll(READ_RE)) {
        // A read handed back un-awaited makes the function a wrapper; one awaited inside is reported where it is.
        const at = start + m.index;
        if (!inside(ranges, at) && !awaitedAndUsed(src, at)) names.add(d[1] ?? d[2]);
      }
    }
    wrappers.set(f, names);
  }
  const shared = [...wrappers].filter(([f]) => !f.endsWith('.test.ts')).flatMap(([, n]) => [...n]);
  const out: Read[] = [];
  for (const { f, src, raw } of sources) {
    const ranges = retried(src);
    const names = [...wrappers.get(f)!, ...shared];
    const hits = [...src.matchAll(READ_RE)].map((m) => m.index);
    if (names.length) for (const m of src.matchAll(new RegExp(`(?<![\\w.])(?:${names.join('|')})\\(`, 'g'))) hits.push(m.index + m[0].length - 1);
    for (const at of hits) {
      if (inside(ranges, at) || !awaitedAndUsed(src, at)) continue;
      out.push({ file: f, line: lineOf(src, at) + 1, text: raw.split('\n')[lineOf(src, at)].trim(), settled: settled(raw, at) });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

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
