// Bundles the Node/Electron side with esbuild: main and preload (CommonJS, for Electron) and the browser-mode host.
// better-sqlite3 and electron stay external (native module / provided by the runtime); so does playwright-core, which
// the browser-mode host loads from node_modules only when it renders a PDF (electron/web-host/pdf-render.ts).
import { build } from 'esbuild';
import fs from 'node:fs';
import { COMMON, buildWorkers } from './node-bundles.mjs';

await build({ ...COMMON, entryPoints: ['electron/main.ts', 'electron/preload.ts', 'electron/web-host-cli.ts'], outdir: 'dist/electron' });
// The worker threads (scripts/node-bundles.mjs WORKER_BUNDLES), each beside the host's bundle, unpacked from the asar.
await buildWorkers(build, 'dist/electron');
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
