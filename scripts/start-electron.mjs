/**
 * `npm start` after the build: starts Electron on the built app. Electron downloads its binary (about 100 MB) on
 * first use; when that download fails (no network, a firewall) this prints ONE clear line — what failed, how to retry
 * or use a mirror, and that `npm run start:web` runs the same app in a browser — instead of a stack trace, and exits 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');

export const DOWNLOAD_FAILED =
  '无法下载 Electron（网络不可用或被拦截）：请联网后重试 npm start，或设置 ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ 后重新 npm install；'
  + '也可以运行 npm run start:web 在浏览器中使用同一个应用。 '
  + 'Electron could not be downloaded (network): retry npm start when online, or set ELECTRON_MIRROR and npm install again; '
  + '`npm run start:web` runs the same app in a browser.';

/** The Electron executable, downloading it first (quietly) when it is missing; null when that failed. */
function electronBinary() {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  const located = () => {
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : 'electron');
    if (!fs.existsSync(pathFile)) return null;
    const exe = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8'));
    return fs.existsSync(exe) ? exe : null;
  };
  const found = located();
  if (found) return found;
  const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  return r.status === 0 ? located() : null;
}

const exe = electronBinary();
if (!exe) {
  console.error(DOWNLOAD_FAILED);
  process.exit(1);
}
const child = spawn(exe, [root, ...process.argv.slice(2)], { stdio: 'inherit', windowsHide: false });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
