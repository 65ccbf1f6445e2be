/**
 * Builds the app's packaged file set with electron-builder itself (its `files` / `asarUnpack` rules, its production
 * dependency collection, its asar), for `dir` targets only, against a stand-in Electron distribution: Electron's
 * binary cannot be downloaded here, and the file set does not depend on it. Reads the result back with @electron/asar.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { testTempDir } from '../helpers/temp-dirs';

const require = createRequire(import.meta.url);
// @electron/asar is electron-builder's own asar library (a dependency of it, not of this project).
const asar = require(require.resolve('@electron/asar', { paths: [path.dirname(require.resolve('app-builder-lib/package.json'))] })) as {
  listPackage(archive: string, opts: object): string[];
  statFile(archive: string, file: string): { size?: number; unpacked?: boolean; files?: unknown };
  extractAll(archive: string, dest: string): void;
};

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** One packaged target: its resources folder and the files in app.asar (posix paths without a leading slash). */
export interface PackedApp {
  target: string;
  resourcesDir: string;
  asarFile: string;
  /** Files (not folders) in the archive. */
  files: string[];
  /** Files stored outside the archive, in app.asar.unpacked. */
  unpacked: string[];
  asarBytes: number;
  unpackedBytes: number;
}

function folderBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n += fs.statSync(path.join(e.parentPath, e.name)).size;
  return n;
}

/** Reads a packaged resources folder. */
export function readPacked(target: string, resourcesDir: string): PackedApp {
  const asarFile = path.join(resourcesDir, 'app.asar');
  const files: string[] = [];
  const unpacked: string[] = [];
  for (const entry of asar.listPackage(asarFile, {})) {
    const rel = entry.replace(/^[\\/]/, '').split(path.sep).join('/');
    const st = asar.statFile(asarFile, rel);
    if (st.files) continue;
    files.push(rel);
    if (st.unpacked) unpacked.push(rel);
  }
  return { target, resourcesDir, asarFile, files, unpacked, asarBytes: fs.statSync(asarFile).size, unpackedBytes: folderBytes(`${asarFile}.unpacked`) };
}

/**
 * Runs electron-builder (`dir` targets: linux x64/arm64, win x64/arm64) with the project's electron-builder.yml into a
 * fresh folder; returns the packed apps by target ('linux-x64', …). Needs `npm run build` first (dist/).
 */
export function packDirTargets(): Map<string, PackedApp> {
  if (!fs.existsSync(path.join(ROOT, 'dist/electron/main.cjs'))) throw new Error('dist/ is missing: run `npm run build` first');
  const work = testTempDir('icpdesk-pack-');
  const electronDist = path.join(work, 'electron-dist');
  fs.mkdirSync(electronDist);
  // The stand-in executable carries Electron's fuse wire (@electron/fuses: sentinel, wire version 1, 9 fuses at
  // Electron 45's defaults), so an `electronFuses` configuration is applied to it as to the real binary.
  const fuseWire = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from('101100010')]);
  for (const exe of ['electron', 'electron.exe']) fs.writeFileSync(path.join(electronDist, exe), fuseWire, { mode: 0o755 });
  const out = path.join(work, 'release');
  // Overrides touch only the stand-in executable (nothing to sign, edit or stamp an asar hash into), never the file set.
  try {
    execFileSync(process.execPath, [
      require.resolve('electron-builder/cli.js'), '--linux', 'dir', '--win', 'dir', '--x64', '--arm64',
      `-c.electronDist=${electronDist}`, `-c.directories.output=${out}`, '-c.win.signAndEditExecutable=false', '-c.disableAsarIntegrity=true',
    ], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`electron-builder failed:\n${(err.stdout ?? '').slice(-3000)}\n${(err.stderr ?? '').slice(-3000)}`);
  }
  const dirs: Record<string, string> = { 'linux-x64': 'linux-unpacked', 'linux-arm64': 'linux-arm64-unpacked', 'win32-x64': 'win-unpacked', 'win32-arm64': 'win-arm64-unpacked' };
  const result = new Map<string, PackedApp>();
  for (const [target, dir] of Object.entries(dirs)) result.set(target, readPacked(target, path.join(out, dir, 'resources')));
  return result;
}

/** Extracts app.asar (with its unpacked files) to a fresh folder outside the repository, as the app sees it. */
export function extractPacked(app: PackedApp): string {
  const dest = path.join(testTempDir('icpdesk-app-'), 'app');
  asar.extractAll(app.asarFile, dest);
  return dest;
}

/** The npm package a path inside node_modules belongs to ('node_modules/@mui/material/x.js' → '@mui/material'). */
export function packageOf(file: string): string | null {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return m ? m[1] : null;
}
