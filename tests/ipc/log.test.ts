/** The local log: rotated at its size limit, personal data redacted, and the diagnostics zip without the database. */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { logFiles, writeLogLine } from '../../electron/log';
import { buildDiagnosticsZip } from '../../electron/diagnostics';
import { testTempDir } from '../helpers/temp-dirs';

describe('local log and diagnostics', () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
  const folder = () => { const d = testTempDir('icpdesk-log-'); dirs.push(d); return d; };

  it('redacts ID and phone numbers and rotates: at most 3 old files of about the limit each', () => {
    const dir = folder();
    writeLogLine(dir, 'error', '[dispatch] failed for 110101199003078515, phone 13800000001');
    const first = fs.readFileSync(path.join(dir, 'logs', 'icp-desk.log'), 'utf8');
    expect(first).toMatch(/ERROR \[dispatch\] failed for/);
    expect(first).not.toContain('110101199003078515');
    expect(first).not.toContain('13800000001');
    for (let i = 0; i < 400; i++) writeLogLine(dir, 'info', `line ${i} ${'x'.repeat(100)}`, { maxBytes: 10_000, keep: 3 });
    const files = logFiles(dir).map((f) => path.basename(f));
    expect(files).toEqual(['icp-desk.1.log', 'icp-desk.2.log', 'icp-desk.3.log', 'icp-desk.log']);
    for (const f of logFiles(dir)) expect(fs.statSync(f).size).toBeLessThan(10_000 + 200);
    expect(fs.readFileSync(logFiles(dir)[3], 'utf8')).toContain('line 399');
    if (process.platform !== 'win32') expect(fs.statSync(logFiles(dir)[3]).mode & 0o777).toBe(0o600);
  });

  it('the diagnostics zip holds the logs and app-info.json, never the database', () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, 'icp-desk.sqlite'), 'SQLite format 3\u0000 secret client data');
    writeLogLine(dir, 'warn', 'backup slow');
    const zip = unzipSync(buildDiagnosticsZip(dir, { version: '1.2.3', schemaVersion: 70, dataState: 'ok', platform: 'win32', arch: 'x64', versions: {}, createdAt: '2026-10-08T02:00:00Z' }));
    expect(Object.keys(zip).sort()).toEqual(['app-info.json', 'logs/icp-desk.log']);
    const info = JSON.parse(strFromU8(zip['app-info.json']));
    expect(info).toMatchObject({ version: '1.2.3', schemaVersion: 70, dataFolderFiles: { 'icp-desk.sqlite': Buffer.byteLength('SQLite format 3\u0000 secret client data') } });
    for (const bytes of Object.values(zip)) expect(strFromU8(bytes)).not.toContain('secret client data');
  });
});
