// Bundles the Node/Electron side with esbuild: main and preload (CommonJS, for Electron) and the browser-mode host.
// better-sqlite3 and electron stay external (native module / provided by the runtime); so does playwright-core, which
// the browser-mode host loads from node_modules only when it renders a PDF (electron/web-host/pdf-render.ts).
import { build } from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  external: ['electron', 'better-sqlite3', 'playwright-core'],
  define: { __APP_VERSION__: JSON.stringify(pkg.version), 'import.meta.dirname': '__dirname' },
  logLevel: 'warning',
  sourcemap: true,
};
await build({ ...common, entryPoints: ['electron/main.ts', 'electron/preload.ts', 'electron/web-host-cli.ts'], outdir: 'dist/electron' });
// The import's worker thread (db/import/run-in-worker.ts looks for it next to the host's bundle). It opens its own
// connection, so better-sqlite3 stays external: it loads from app.asar.unpacked/node_modules (electron-builder.yml).
await build({ ...common, entryPoints: { 'import-worker': 'db/import/worker.ts' }, outdir: 'dist/electron', external: ['better-sqlite3'] });
// The HEIC preview's worker thread (db/files/preview.ts looks for it next to the host's bundle; unpacked from the
// asar). libheif (LGPL-3.0) is in none of the bundles: the worker loads it at run time from dist/vendor/libheif,
// copied below as the package ships it, so it stays a separate file a user can replace (ICPDESK_LIBHEIF_DIR).
await build({ ...common, entryPoints: { 'heic-worker': 'db/files/heic-worker.ts' }, outdir: 'dist/electron', external: [...common.external, 'libheif-js'] });
// The submission package's worker thread (db/package/run.ts looks for it next to the host's bundle; unpacked from the
// asar): pdf-lib, fontkit and fflate bundled in, no database.
await build({ ...common, entryPoints: { 'package-worker': 'db/package/worker.ts' }, outdir: 'dist/electron' });
// The daily backup's check of its copy when taken in the background (db/backup/create.ts sealAndVerifyInWorker looks
// for it next to the host's bundle; unpacked from the asar like the import worker).
await build({ ...common, entryPoints: { 'migrate-worker': 'db/backup/migrate-worker.ts' }, outdir: 'dist/electron', external: ['better-sqlite3'] });
await build({ ...common, entryPoints: { 'verify-worker': 'db/backup/verify-worker.ts' }, outdir: 'dist/electron', external: ['better-sqlite3'] });
console.log('built dist/electron (main.cjs, preload.cjs, web-host-cli.cjs, import-worker.cjs, heic-worker.cjs, package-worker.cjs, verify-worker.cjs, migrate-worker.cjs)');
{
  const from = 'node_modules/libheif-js/libheif-wasm';
  const to = 'dist/vendor/libheif';
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  for (const f of ['libheif.js', 'libheif.wasm', 'LICENSE']) fs.copyFileSync(`${from}/${f}`, `${to}/${f}`);
  fs.copyFileSync('node_modules/libheif-js/package.json', `${to}/package.json`); // its version, for the notices
  console.log('copied dist/vendor/libheif (libheif.js + libheif.wasm, LGPL-3.0, loaded at run time)');
}

// The CJK font 材料目录.pdf embeds (db/pdf/cjk-text.ts): Noto Sans SC 400 as Fontsource's WOFF subsets and their
// unicode ranges (400.css), copied beside the bundles so the packaged app has them (dist/** is packed).
{
  const from = 'node_modules/@fontsource/noto-sans-sc';
  const to = 'dist/fonts/noto-sans-sc';
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(`${to}/files`, { recursive: true });
  fs.copyFileSync(`${from}/400.css`, `${to}/400.css`);
  for (const f of fs.readdirSync(`${from}/files`)) if (/-400-normal\.woff$/.test(f)) fs.copyFileSync(`${from}/files/${f}`, `${to}/files/${f}`);
  console.log('copied dist/fonts/noto-sans-sc (WOFF subsets for 材料目录.pdf)');
}
