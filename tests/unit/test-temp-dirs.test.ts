/**
 * Test folders go through tests/helpers/temp-dirs.ts (`testTempDir`, or `tmpDir` from tests/helpers/data.ts), which
 * removes them with the test process and sweeps what gone processes left. A folder made straight in the system's temp
 * folder (`fs.mkdtempSync(path.join(os.tmpdir(), …))`) is never removed: before this check, the web-host tests alone
 * had left 42,512 `icpdesk-r-*` renderer folders in /tmp of the shared machine (2026-12-06).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const TESTS = path.resolve(import.meta.dirname, '..');
/**
 * The helper itself; this file (its examples); the fake `electron` module, which plain Node also loads (builtins only)
 * and which names its folder with the helper's per-process prefix so the helper's sweep removes it.
 */
const EXEMPT = [path.join(TESTS, 'helpers', 'temp-dirs.ts'), import.meta.filename, path.join(TESTS, 'helpers', 'fake-electron.ts')];
/** A temp folder made straight in the system's temp folder: mkdtemp on os.tmpdir(), joined or concatenated. */
const STRAIGHT_IN_TMP = /mkdtemp(?:Sync)?\(\s*(?:path\.join\(\s*)?(?:os\.)?tmpdir\(\)/g;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !EXEMPT.includes(p) ? [p] : [];
  });
}

describe('test temp folders', () => {
  it('the pattern finds a folder made straight in the temp folder, in each spelling, and not one made in a test folder', () => {
    const found = (src: string) => [...src.matchAll(STRAIGHT_IN_TMP)].length;
    expect(found("fs.mkdtempSync(path.join(os.tmpdir(), 'icpdesk-r-'))")).toBe(1);
    expect(found('await fs.promises.mkdtemp(path.join(os.tmpdir(), p))')).toBe(1);
    expect(found('mkdtempSync(tmpdir() + "/x-")')).toBe(1);
    expect(found("fs.mkdtempSync(path.join(tmp, 'something-else-'))")).toBe(0);
  });

  it('every test folder is made through testTempDir (removed with the test process)', () => {
    const files = sources(TESTS);
    expect(files.length).toBeGreaterThan(100);
    const straight = files.flatMap((f) => {
      const src = fs.readFileSync(f, 'utf8');
      return [...src.matchAll(STRAIGHT_IN_TMP)].map((m) => `${path.relative(TESTS, f)}:${src.slice(0, m.index).split('\n').length}`);
    });
    expect(straight).toEqual([]);
  });
});
