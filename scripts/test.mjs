// `npm test`: the build, then every vitest project, with the static checks (typecheck, lint, Electronegativity)
// running beside them at low CPU priority instead of in front of them (issue 17 item 6).
//
// Before, `run-p typecheck lint security build && vitest run` held the tests back for the checks (37–45 s on the 2-core
// machine, a fifth to a third of it idle) although only the build is needed by the tests (e2e and package read dist/).
// Now the build runs first and vitest right after it; the three checks start at once, niced (os.setPriority 10, below
// normal on Windows), so they take the CPU the tests leave idle (while a file waits on Chromium, the disk or a child
// process) and yield it when the tests want it. Their output is kept and printed, labelled `[typecheck]` …, after the
// tests, whatever the tests did.
//
// Exit code: 0 only if the build, the tests and every check passed; otherwise the first non-zero code among them.
// Arguments go to vitest (`npm test -- tests/db` runs the build, the checks and tests/db).
import { spawn } from 'node:child_process';
import os from 'node:os';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const CHECKS = ['typecheck', 'lint', 'security'];
/** Niceness of the checks: the tests come first. */
const LOW = 10;

/** Runs `cmd args`; `capture` keeps its stdout/stderr (merged) instead of showing them. Resolves to { code, out, s }. */
function run(cmd, args, { capture = false, low = false } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: process.platform === 'win32' });
    // Set before npm starts the script's own process, which inherits it.
    if (low) try { os.setPriority(child.pid, LOW); } catch { /* not allowed here: runs at normal priority */ }
    let out = '';
    if (capture) for (const s of [child.stdout, child.stderr]) s.on('data', (d) => { out += d; });
    child.on('error', (e) => resolve({ code: 1, out: `${out}${e.message}\n`, s: (Date.now() - started) / 1000 }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out, s: (Date.now() - started) / 1000 }));
  });
}

const checks = CHECKS.map((name) => run(npm, ['run', '-s', name], { capture: true, low: true }).then((r) => ({ name, ...r })));

const build = await run(npm, ['run', '-s', 'build']);
console.log(`[build] ${build.code === 0 ? 'done' : `FAILED (exit ${build.code})`} in ${build.s.toFixed(1)} s`);
const tests = build.code === 0 ? await run(npm, ['exec', '--', 'vitest', 'run', ...process.argv.slice(2)]) : { code: build.code };

let code = build.code || tests.code;
for (const c of await Promise.all(checks)) {
  const label = `[${c.name}]`;
  const text = c.out.trimEnd();
  if (text) console.log(text.split('\n').map((l) => `${label} ${l}`).join('\n'));
  console.log(`${label} ${c.code === 0 ? 'passed' : `FAILED (exit ${c.code})`} in ${c.s.toFixed(1)} s (low priority, beside the tests)`);
  code ||= c.code;
}
process.exit(code);
