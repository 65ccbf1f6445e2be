#!/usr/bin/env node
/**
 * Re-plants, one at a time, the five one-line bugs the test audit of issue 20 found uncaught, and runs the test file
 * that must catch each. Works in a throw-away copy of the project (tracked and untracked, not ignored files; the
 * project's node_modules linked in), so the working tree is never modified, whatever happens.
 *
 *   node scripts/plant-bugs.mjs            # all five; exit 1 if any is not caught, or the baseline fails
 *   node scripts/plant-bugs.mjs origin-null host-static   # only these (ids below)
 *
 * First the named test files run unmodified (they must pass, or a "caught" would mean nothing); then for each bug the
 * source line is rewritten (the script fails loudly if the line is no longer there, so a refactor cannot turn it into
 * a no-op) and its test file runs. Prints one line per bug: caught / NOT CAUGHT, with the time taken.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The planted bugs: file (or candidate files: the first that exists is used), what to find (string or RegExp, must
 * match exactly once), what to put instead, the test file that must catch it.
 */
export const BUGS = [
  {
    id: 'host-static',
    what: 'the browser host checks Host only for /api/, not for the page that carries the token',
    file: ['electron/web-host.ts', 'electron/web-host/index.ts'],
    find: /if \(!allowedHosts\(\)\.has\(host\)\)/,
    replace: "if ((req.url ?? '').startsWith('/api/') && !allowedHosts().has(host))",
    test: 'tests/ipc/web-host-guards.test.ts',
  },
  {
    id: 'origin-null',
    what: 'the browser host also accepts Origin: null',
    file: ['electron/web-host.ts', 'electron/web-host/index.ts'],
    find: /origin !== undefined &&/,
    replace: "origin !== undefined && origin !== 'null' &&",
    test: 'tests/ipc/web-host-guards.test.ts',
  },
  {
    id: 'sender-prefix',
    what: "the IPC sender check becomes url.startsWith('app://icpdesk') (app://icpdesk.evil passes)",
    file: 'electron/ipc.ts',
    find: /!isAppUrl\(url\)/,
    replace: "!url.startsWith('app://icpdesk')",
    test: 'tests/ipc/dispatch.test.ts',
  },
  {
    id: 'journal-off',
    what: 'journal_mode = OFF instead of WAL',
    file: 'db/open.ts',
    find: "db.pragma('journal_mode = WAL')",
    replace: "db.pragma('journal_mode = OFF')",
    test: 'tests/db/crash-safety.test.ts',
  },
  {
    id: 'manual-11',
    what: 'manual backups kept: 10 -> 11',
    file: 'shared/domain/backups.ts',
    find: /manual: 10,/,
    replace: 'manual: 11,',
    test: 'tests/unit/backups.test.ts',
  },
];

/** Copies the project (git's view: tracked + untracked, minus ignored) to a temp folder; links node_modules. */
function copyProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icpdesk-plant-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    const from = path.join(ROOT, f);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, f));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs vitest on `files` in `dir`; true if every test passed. */
function runTests(dir, files) {
  const r = spawnSync(process.execPath, [path.join(dir, 'node_modules/vitest/vitest.mjs'), 'run', ...files], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { passed: r.status === 0, output: `${r.stdout}\n${r.stderr}` };
}

/** The file `bug` is planted in, relative to `dir`: the first candidate that exists; throws if none does. */
export function bugFile(dir, bug) {
  const rel = [bug.file].flat().find((f) => fs.existsSync(path.join(dir, f)));
  if (!rel) throw new Error(`${bug.id}: none of ${[bug.file].flat().join(', ')} exists — update scripts/plant-bugs.mjs`);
  return rel;
}

/** How many times `bug.find` occurs in `text`. */
export function matchCount(text, find) {
  return typeof find === 'string' ? text.split(find).length - 1 : (text.match(new RegExp(find.source, 'g')) ?? []).length;
}

function plant(dir, bug) {
  const rel = bugFile(dir, bug);
  const file = path.join(dir, rel);
  const text = fs.readFileSync(file, 'utf8');
  const count = matchCount(text, bug.find);
  if (count !== 1) throw new Error(`${bug.id}: expected exactly one match of ${bug.find} in ${rel}, found ${count} — update scripts/plant-bugs.mjs`);
  fs.writeFileSync(file, text.replace(bug.find, bug.replace));
  return () => fs.writeFileSync(file, text);
}

function main() {
  const only = process.argv.slice(2);
  const bugs = only.length ? BUGS.filter((b) => only.includes(b.id)) : BUGS;
  if (!bugs.length) throw new Error(`no such bug; ids: ${BUGS.map((b) => b.id).join(', ')}`);
  const dir = copyProject();
  let failed = false;
  try {
    const tests = [...new Set(bugs.map((b) => b.test))];
    const t0 = Date.now();
    const base = runTests(dir, tests);
    if (!base.passed) {
      console.error(base.output.slice(-4000));
      console.error('baseline: the named test files fail on the unmodified code; fix them first');
      process.exitCode = 1;
      return;
    }
    console.log(`baseline: ${tests.join(', ')} pass (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    for (const bug of bugs) {
      const t = Date.now();
      const restore = plant(dir, bug);
      let result;
      try {
        result = runTests(dir, [bug.test]);
      } finally {
        restore();
      }
      const caught = !result.passed;
      if (!caught) failed = true;
      const failing = caught ? [...result.output.matchAll(/(?:FAIL|×)\s+(.+)/g)].map((m) => m[1].trim()).slice(0, 2).join(' | ') : '';
      console.log(`${caught ? 'caught     ' : 'NOT CAUGHT '} ${bug.id.padEnd(14)} ${bug.what} — ${bug.test} (${((Date.now() - t) / 1000).toFixed(0)} s)${failing ? `\n             ${failing.slice(0, 300)}` : ''}`);
    }
    if (failed) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
