/**
 * The SIGKILL harness shared by the crash tests (tests/db/crash-safety.test.ts, tests/db/attachment-crash.test.ts):
 * runs a bundled child script that reports each acknowledged write as one JSON line on stdout, and kills it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const NODE_PATH = path.resolve(import.meta.dirname, '../../node_modules');

/** How and when to kill the child. */
export interface KillPlan {
  /** The bundled child (CommonJS; better-sqlite3 external, found through NODE_PATH), run as `node bundle file run`. */
  bundle: string;
  /** The database file passed to the child; `<file>.hold` asks it to stop inside an open transaction. */
  file: string;
  run: number;
  /** True once the child's output so far has reached the point after which the kill is scheduled. */
  reached: (out: string) => boolean;
  /** Milliseconds from `reached` to the kill (or, with `hold`, to creating the hold file). */
  afterMs: number;
  hold: boolean;
  /** A line that makes the harness kill at once (e.g. the child reporting it holds a transaction open). */
  killOn: RegExp | null;
  /** The child's name for the error when it exits by itself. */
  name: string;
}

/**
 * Runs the child and SIGKILLs it as planned. Resolves with the complete lines it reported, parsed as JSON; rejects
 * with the child's stderr when it exits other than by the kill.
 */
export function runAndKill<T>(plan: KillPlan): Promise<T[]> {
  const { bundle, file, run, reached, afterMs, hold, killOn, name } = plan;
  return new Promise((resolve, reject) => {
    fs.rmSync(`${file}.hold`, { force: true });
    const child = spawn(process.execPath, [bundle, file, String(run)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH } });
    let buf = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      buf += d;
      if (!timer && buf.includes('"ready"') && reached(buf)) {
        timer = setTimeout(() => (hold ? fs.writeFileSync(`${file}.hold`, '') : child.kill('SIGKILL')), afterMs);
      }
      if (killOn?.test(buf)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    // 'close', not 'exit': stdout may still hold data when 'exit' fires.
    child.on('close', (code, signal) => {
      fs.rmSync(`${file}.hold`, { force: true });
      if (signal !== 'SIGKILL') return reject(new Error(`${name} exited by itself (code ${code}): ${err.slice(0, 500)}`));
      const complete = buf.slice(0, buf.lastIndexOf('\n') + 1);
      resolve(complete.split('\n').filter(Boolean).map((l) => JSON.parse(l) as T));
    });
  });
}
