/**
 * The packaged app holds everything it loads, and nothing it does not (issue 19 item 6, issue 21 items 8–9).
 * electron-builder itself builds the file set (`dir` targets, see pack.ts); then, in plain Node with the fake
 * `electron` module, main.cjs is loaded FROM that set, opens a fresh data folder, runs the migrations and answers
 * app.info through the IPC handler; every asset index.html and the print views reference is in the set.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../db/migrations';
import { extractPacked, packageOf, packDirTargets, ROOT, type PackedApp } from './pack';
import { testTempDir } from '../helpers/temp-dirs';

let packed: Map<string, PackedApp>;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

beforeAll(() => {
  packed = packDirTargets();
  for (const app of packed.values()) {
    console.log(`packed ${app.target}: app.asar ${mb(app.asarBytes)} + app.asar.unpacked ${mb(app.unpackedBytes)} = ${mb(app.asarBytes + app.unpackedBytes)} (${app.files.length} files)`);
  }
}, 900_000);

describe('packaged file set (electron-builder dir targets)', () => {
  it('holds only the app bundles, package.json and better-sqlite3 — no package the bundles already contain', () => {
    const map = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/electron/main.cjs.map'), 'utf8')) as { sources: string[] };
    const bundled = new Set(map.sources.map(packageOf).filter((p): p is string => p !== null));
    expect(bundled.has('zod')).toBe(true); // the map does name the bundled packages
    for (const app of packed.values()) {
      const packages = [...new Set(app.files.map(packageOf).filter((p): p is string => p !== null))];
      expect(packages, app.target).toEqual(['better-sqlite3']);
      expect(packages.filter((p) => bundled.has(p)), app.target).toEqual([]);
      const outside = app.files.filter((f) => !f.startsWith('node_modules/') && !f.startsWith('dist/') && f !== 'package.json');
      expect(outside, app.target).toEqual([]);
      expect(app.files.filter((f) => f.endsWith('.map')), app.target).toEqual([]);
      expect(app.files.filter((f) => /better-sqlite3\/(deps|src|build)\/|binding\.gyp$/.test(f)), app.target).toEqual([]);
    }
  });

  it('libheif (LGPL-3.0) ships as its own files loaded at run time: in no bundle, unpacked beside the HEIC worker', () => {
    for (const bundle of ['main', 'web-host-cli', 'import-worker', 'heic-worker', 'verify-worker', 'package-worker']) {
      const map = JSON.parse(fs.readFileSync(path.join(ROOT, `dist/electron/${bundle}.cjs.map`), 'utf8')) as { sources: string[] };
      expect(map.sources.filter((s) => s.includes('libheif')), bundle).toEqual([]);
    }
    for (const app of packed.values()) {
      // The background daily backup's check (db/backup/create.ts sealAndVerifyInWorker) is loaded from a plain file too.
      expect(app.unpacked, `${app.target}: verify-worker`).toContain('dist/electron/verify-worker.cjs');
      for (const f of ['dist/electron/heic-worker.cjs', 'dist/vendor/libheif/libheif.js', 'dist/vendor/libheif/libheif.wasm', 'dist/vendor/libheif/LICENSE']) {
        expect(app.unpacked, `${app.target}: ${f}`).toContain(f);
      }
    }
  });

  it('exactly one better-sqlite3 binary per target, the target’s own, outside the asar', () => {
    for (const [target, app] of packed) {
      const binaries = app.files.filter((f) => f.endsWith('.node'));
      expect(binaries, target).toEqual([`node_modules/better-sqlite3/prebuilds/${target}.node`]);
      expect(app.unpacked, target).toContain(binaries[0]);
      expect(fs.existsSync(path.join(`${app.asarFile}.unpacked`, binaries[0])), target).toBe(true);
    }
  });

  it('the mac target uses the same rules with its own platform name (dmg is built on a Mac)', () => {
    const yml = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    const filesOf = (section: string) => {
      const block = new RegExp(`^${section}:\\n((?: {2}.*\\n)+)`, 'm').exec(yml)?.[1] ?? '';
      const files = /^ {2}files:\n((?: {4}- .*\n)+)/m.exec(block)?.[1] ?? '';
      return [...files.matchAll(/^ {4}- (.+)$/gm)].map((m) => m[1]);
    };
    const linux = filesOf('linux');
    expect(linux.length).toBeGreaterThan(3);
    expect(filesOf('mac')).toEqual(linux.map((p) => p.replace('!(linux-${arch})', '!(darwin-${arch})')));
    expect(filesOf('win')).toEqual(linux.map((p) => p.replace('!(linux-${arch})', '!(win32-${arch})')));
    expect(yml.replace(/#.*$/gm, '')).not.toContain('${platform}'); // the building machine's platform, not the target's
  });

  it('main.cjs loads from the packed set in plain Node: fresh data folder, migrations, app.info over IPC', () => {
    const app = packed.get(`linux-${process.arch}`) ?? packed.get('linux-x64')!;
    const appDir = extractPacked(app);
    const dataDir = testTempDir('icpdesk-packed-data-');
    const out = execFileSync(process.execPath, [path.join(import.meta.dirname, 'run-packaged-main.mjs'), appDir], {
      env: { ...process.env, ICPDESK_DATA_DIR: dataDir, NODE_PATH: '', NODE_OPTIONS: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
      info: { ok: boolean; value: { dataDir: string; schemaVersion: number; state: string; version: string } };
      served: Record<string, number>; loaded: string[]; windowUrl: string; quitted: boolean;
    };
    expect(r.info.ok).toBe(true);
    expect(r.info.value).toMatchObject({ dataDir, schemaVersion: SCHEMA_VERSION, state: 'ok' });
    expect(r.info.value.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(r.served).toEqual({ index: 200, route: 200, missing: 404 });
    expect(r.windowUrl).toBe('app://icpdesk/index.html');
    expect(r.quitted).toBe(true);
    // Everything Node loaded came from the packed set; the native binary is the target's prebuilt one.
    expect(r.loaded.filter((f) => !f.startsWith(appDir + path.sep))).toEqual([]);
    expect(r.loaded).toContain(path.join(appDir, 'dist/electron/main.cjs'));
    expect(r.loaded.filter((f) => f.endsWith('.node'))).toEqual([path.join(appDir, `node_modules/better-sqlite3/prebuilds/${app.target}.node`)]);
    // The migrations ran on the fresh file.
    const db = new Database(path.join(dataDir, 'icp-desk.sqlite'), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('every asset index.html, its styles and scripts, and the print views reference is in the set', () => {
    for (const app of packed.values()) {
      const inSet = new Set(app.files);
      expect(inSet.has('dist/renderer/index.html'), app.target).toBe(true);
      expect(inSet.has('dist/electron/preload.cjs'), app.target).toBe(true);
      const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8'); // the set holds these same files
      const html = read('dist/renderer/index.html');
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length, app.target).toBeGreaterThanOrEqual(2);
      const missing: string[] = [];
      const check = (fromDir: string, ref: string) => {
        if (/^(data:|blob:|https?:|#)/.test(ref)) return;
        const rel = path.posix.normalize(path.posix.join(fromDir, ref.replace(/^\//, '').split(/[?#]/)[0]));
        if (!inSet.has(rel)) missing.push(rel);
      };
      for (const ref of refs) check('dist/renderer', ref);
      const assets = app.files.filter((f) => f.startsWith('dist/renderer/assets/'));
      let cssRefs = 0;
      for (const css of assets.filter((f) => f.endsWith('.css'))) {
        for (const m of read(css).matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
          cssRefs++;
          check('dist/renderer/assets', m[1]);
        }
      }
      expect(cssRefs, `${app.target}: the bundled CJK font files`).toBeGreaterThan(0);
      for (const js of assets.filter((f) => f.endsWith('.js'))) {
        for (const m of read(js).matchAll(/["'`](?:\.\/|\/)?(assets\/[\w.-]+\.(?:js|css|woff2?|ttf|otf|png|svg|jpg))["'`]/g)) check('dist/renderer', m[1]);
      }
      expect(missing, app.target).toEqual([]);
      // The print views' A4 stylesheet (renderer/src/print/print.css) is in the packed CSS.
      const css = assets.filter((f) => f.endsWith('.css')).map(read).join('\n');
      expect(css, app.target).toMatch(/@page\s*\{[^}]*size:\s*A4/);
      expect(css, app.target).toContain('.print-root');
    }
  });
});
