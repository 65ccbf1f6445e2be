/**
 * A local log a user can send to support: `<data folder>/logs/icp-desk.log`, rotated at 1 MB (icp-desk.1.log …
 * icp-desk.3.log kept), written by both hosts. Everything the app writes with console.error / console.warn goes there
 * too, with personal data redacted (shared/redact.ts: ID numbers and phone numbers) — the log never holds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { redactPersonalData } from '../shared/redact';

/** Log folder name inside the data folder. */
export const LOG_DIR = 'logs';
const BASE = 'icp-desk';

/** Options of {@link installFileLog}: rotate above `maxBytes`, keep `keep` old files. */
export interface LogOptions { maxBytes?: number; keep?: number }

/** The log files of a data folder, newest first (for the diagnostics export). */
export function logFiles(dataDir: string): string[] {
  const dir = path.join(dataDir, LOG_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /^icp-desk(\.\d+)?\.log$/.test(f)).sort().map((f) => path.join(dir, f));
}

/** Appends one line (redacted) to the log, rotating first when the file is full. Never throws. */
export function writeLogLine(dataDir: string, level: 'info' | 'warn' | 'error', message: string, opts: LogOptions = {}): void {
  const maxBytes = opts.maxBytes ?? 1_000_000;
  const keep = opts.keep ?? 3;
  try {
    const dir = path.join(dataDir, LOG_DIR);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, `${BASE}.log`);
    if (fs.existsSync(file) && fs.statSync(file).size >= maxBytes) {
      for (let i = keep; i >= 1; i--) {
        const from = i === 1 ? file : path.join(dir, `${BASE}.${i - 1}.log`);
        const to = path.join(dir, `${BASE}.${i}.log`);
        if (fs.existsSync(from)) fs.renameSync(from, to);
      }
    }
    fs.appendFileSync(file, `${new Date().toISOString()} ${level.toUpperCase()} ${redactPersonalData(message).replace(/\r?\n/g, '\n    ')}\n`, { mode: 0o600 });
  } catch {
    /* a full or read-only disk: logging must never take the app down */
  }
}

const format = (args: unknown[]) => args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');

/** Copies console.error / console.warn / console.info into the data folder's log (idempotent per process). */
export function installFileLog(dataDir: string, opts: LogOptions = {}): void {
  const c = console as Console & { __icpdeskLog?: boolean };
  if (c.__icpdeskLog) return;
  c.__icpdeskLog = true;
  for (const level of ['error', 'warn', 'info'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      original(...args);
      writeLogLine(dataDir, level, format(args), opts);
    };
  }
  writeLogLine(dataDir, 'info', `start pid ${process.pid}, ${process.platform}-${process.arch}, node ${process.versions.node}${process.versions.electron ? `, electron ${process.versions.electron}` : ''}`, opts);
}
