/**
 * The e2e suite's waits, read from its source: every `expect.poll` passes the harness's shared `POLL` timeout (the
 * default of 1 s flaked on a loaded 2-core machine), no explicit Playwright timeout is shorter than it, and nothing
 * sleeps (`waitForTimeout`, `setTimeout`): every wait is on an observable state.
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
});
