/**
 * Reading the e2e sources for their waits (tests/unit/e2e-waits.test.ts): the calls of a function with their argument
 * lists, and every one-shot read of the page — a Playwright read (`innerText`, `getAttribute`, `count`, …) awaited and
 * used outside a retrying wait, directly or through a local wrapper — with whether its line is marked
 * `// settled: <reason>`. A scan of the text, not a parser: brackets inside string literals can confuse it, which the
 * test's own example cases would show.
 */
/** The argument list of every call starting at `open` (e.g. "expect.poll("), matching nested brackets. */
export function calls(src: string, open: string): string[] {
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
export function args(list: string): string[] {
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
export const READS = ['innerText', 'textContent', 'innerHTML', 'getAttribute', 'inputValue', 'count', 'isVisible', 'isHidden', 'isChecked', 'isDisabled', 'isEnabled', 'isEditable', 'allInnerTexts', 'allTextContents', 'evaluate', 'evaluateAll'];
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

/** One one-shot read: file name, 1-based line, the line's text, and whether it carries `// settled: <reason>`. */
export interface Read { file: string; line: number; text: string; settled: boolean }

/**
 * Every one-shot read in the e2e sources: a READS call, or a call of a function whose body reads outside a poll (a
 * local wrapper such as `const text = (page, id) => page.getByTestId(id).innerText()`), awaited and used outside any
 * poll. Wrappers defined in the shared modules (harness.ts, pickers.ts, pdf.ts …) count in every file.
 */
export function oneShotReads(original: Array<{ f: string; src: string }>): Read[] {
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
