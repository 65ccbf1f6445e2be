// Runs Electronegativity (Doyensec's Electron security scanner) on electron/ and renderer/index.html, then fails
// if any finding is not explained in security/electronegativity-explained.json. The scanner fetches updated
// translations and Electron's release list with `got`; offline, on a loaded machine, got's 1 s request timeout could
// fire after its promise settled and crash the scanner (p-cancelable: "The `onCancel` handler was attached after the
// promise settled"), sometimes before it wrote its report. So the scan runs with a preload that makes every `got` call
// fail at once, as an unreachable network does — both callers catch that and go on with the bundled texts. The report,
// not the exit code, is what counts here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';

const bin = path.resolve('node_modules/@doyensec/electronegativity/dist/index.js');
const explained = JSON.parse(fs.readFileSync('security/electronegativity-explained.json', 'utf8')).findings;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'egy-'));

// `require('got')` inside the scanner gets a stand-in whose every call (and .head, .get…) rejects like a failed lookup.
const offline = path.join(tmp, 'offline-got.cjs');
fs.writeFileSync(offline, `const Module = require('module');
const load = Module._load;
const refuse = () => Promise.reject(Object.assign(new Error('network disabled for the security scan'), { code: 'ENOTFOUND' }));
const got = new Proxy(refuse, { get: (t, k) => (k === '__esModule' ? false : k === 'default' ? got : refuse) });
Module._load = function (request, ...rest) { return request === 'got' ? got : load.call(this, request, ...rest); };
`);

function scan(input, name) {
  const out = path.join(tmp, `${name}.csv`);
  spawnSync(process.execPath, ['-r', offline, bin, '-i', input, '-r', '-o', out], { encoding: 'utf8', timeout: 120_000 });
  if (!fs.existsSync(out)) return null; // crashed before writing its report: scanned again below
  // A real CSV parser: a finding's description (the CSP text, say) may hold quotes, commas and line breaks.
  const rows = Papa.parse(fs.readFileSync(out, 'utf8').trim(), { skipEmptyLines: true }).data.slice(1);
  return rows.map((cells) => ({ check: cells[0], severity: cells[1], confidence: cells[2], file: cells[3], location: cells[4] }));
}

// One scan over the main-process code and the page, so global checks (CSP, navigation limits, permission handler)
// see both.
const src = path.join(tmp, 'src');
fs.mkdirSync(src);
// Flattened (electron/web-host/*.ts too), so findings are matched by file name as listed in the explanations.
for (const f of fs.readdirSync('electron', { recursive: true })) {
  if (fs.statSync(path.join('electron', f)).isFile()) fs.copyFileSync(path.join('electron', f), path.join(src, path.basename(f)));
}
fs.copyFileSync('renderer/index.html', path.join(src, 'index.html'));
// The scanner sometimes crashes before writing its report, or writes a damaged one (seen here: the first row's start overwritten, as when two writes
// race on the way out). A report with a row that is not a finding is read again from a new scan, up to three times.
const wellFormed = (rows) => rows !== null && rows.every((f) => /^[A-Z0-9_]+_CHECK$/.test(f.check ?? '') && f.file);
let findings = scan(src, 'app-1');
for (let attempt = 2; !wellFormed(findings) && attempt <= 3; attempt++) {
  console.log(`Electronegativity wrote no report or a damaged one; scanning again (${attempt}/3)`);
  findings = scan(src, `app-${attempt}`);
}
if (!wellFormed(findings)) throw new Error('Electronegativity wrote no usable report in three scans');
let unexplained = 0;
for (const f of findings) {
  const why = explained.find((e) => e.check === f.check && e.file === f.file);
  if (!why) unexplained++;
  console.log(`${why ? 'explained  ' : 'UNEXPLAINED'} ${f.check} ${f.severity}/${f.confidence} ${f.file}:${f.location}${why ? ` — ${why.why}` : ''}`);
}
console.log(`Electronegativity: ${findings.length} findings, ${unexplained} unexplained`);
process.exit(unexplained ? 1 : 0);
