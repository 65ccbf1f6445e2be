/**
 * Every transaction that may write begins IMMEDIATE through db/tx.ts `writeTransaction` (a deferred transaction that
 * reads and then writes fails at once with SQLITE_BUSY when another connection holds the lock; see
 * tests/db/busy-writes.test.ts). This scans the source for any other way of opening a transaction.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { testTempDir } from '../helpers/temp-dirs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FOLDERS = ['db', 'electron', 'shared', 'bench', 'scripts'];
const HELPER = 'db/tx.ts';

function sources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(c|m)?[jt]sx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    // bench/out holds the benchmark's output, including its bundle of the import worker (db/tx.ts inlined): not source.
    .filter((f) => !f.split(path.sep).join('/').startsWith('bench/out/'));
}

/** `.transaction(`, and raw BEGIN statements other than BEGIN IMMEDIATE / EXCLUSIVE, outside comments. */
function offences(file: string): string[] {
  const text = fs.readFileSync(path.resolve(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (/\.transaction\s*\(/.test(code) && file !== HELPER) out.push(`${file}:${i + 1}: ${line.trim()}`);
    if (/['"`]\s*BEGIN(?!\s+(IMMEDIATE|EXCLUSIVE))\b/i.test(code)) out.push(`${file}:${i + 1}: ${line.trim()}`);
  });
  return out;
}

describe('write transactions', () => {
  it('only db/tx.ts opens transactions, and it begins them IMMEDIATE', () => {
    const files = FOLDERS.flatMap(sources);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(offences)).toEqual([]);
    expect(fs.readFileSync(path.join(ROOT, HELPER), 'utf8')).toMatch(/\.transaction\(fn\)\.immediate\(\)/);
  });

  it('the scan finds a deferred transaction and a bare BEGIN', () => {
    // Written outside the source tree: other test files scan db/ at the same time.
    const dir = testTempDir('icpdesk-probe-');
    const probe = path.join(dir, '__probe_tx.ts');
    fs.writeFileSync(probe, "ctx.db.transaction(() => 1)();\ndb.exec('BEGIN');\ndb.exec('BEGIN IMMEDIATE');\n");
    try {
      expect(offences(probe)).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
