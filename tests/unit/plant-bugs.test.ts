/**
 * scripts/plant-bugs.mjs (run by `npm run plant-bugs`) re-plants five one-line bugs and checks the named tests catch
 * each. This cheap check keeps it meaningful in every test run: each bug's line still exists exactly once in the
 * source, and its test file exists — so a refactor cannot silently turn the script into a no-op.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { BUGS, bugFile, matchCount } from '../../scripts/plant-bugs.mjs';

interface Bug { id: string; file: string | string[]; find: string | RegExp; replace: string; test: string }
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('plant-bugs script', () => {
  it('names the five bugs of issue 20', () => {
    expect((BUGS as Bug[]).map((b) => b.id)).toEqual(['host-static', 'origin-null', 'sender-prefix', 'journal-off', 'manual-11']);
  });

  it.each((BUGS as Bug[]).map((b) => [b.id, b] as const))('%s: the line to change is there exactly once, and its test file exists', (_id, bug) => {
    const rel = bugFile(ROOT, bug) as string;
    const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
    expect(matchCount(text, bug.find)).toBe(1);
    expect(text.replace(bug.find, bug.replace)).not.toBe(text);
    expect(fs.existsSync(path.join(ROOT, bug.test))).toBe(true);
  });
});
