/**
 * 帮助 → 导出诊断信息: one zip for support with the logs (already redacted) and the app's facts (version, schema
 * version, platform, data-folder state, file sizes) — never the database, backups or exports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { logFiles } from './log';

/** The facts written as `app-info.json`. */
export interface DiagnosticInfo {
  version: string;
  schemaVersion: number;
  dataState: string;
  platform: string;
  arch: string;
  versions: Record<string, string | undefined>;
  createdAt: string;
}

/** Builds the zip in memory: `logs/<file>` for each log file and `app-info.json` (info + data-folder file sizes). */
export function buildDiagnosticsZip(dataDir: string, info: DiagnosticInfo): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const f of logFiles(dataDir)) files[`logs/${path.basename(f)}`] = new Uint8Array(fs.readFileSync(f));
  const sizes: Record<string, number> = {};
  for (const f of fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : []) {
    try { const st = fs.statSync(path.join(dataDir, f)); if (st.isFile()) sizes[f] = st.size; } catch { /* vanished */ }
  }
  files['app-info.json'] = strToU8(JSON.stringify({ ...info, dataFolderFiles: sizes }, null, 2));
  return zipSync(files, { level: 6 });
}
