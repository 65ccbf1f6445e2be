// Bundles the Node/Electron side with esbuild: main and preload (CommonJS, for Electron) and the browser-mode host.
// better-sqlite3 and electron stay external (native module / provided by the runtime).
import { build } from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  external: ['electron', 'better-sqlite3'],
  define: { __APP_VERSION__: JSON.stringify(pkg.version), 'import.meta.dirname': '__dirname' },
  logLevel: 'warning',
  sourcemap: true,
};
await build({ ...common, entryPoints: ['electron/main.ts', 'electron/preload.ts', 'electron/web-host-cli.ts'], outdir: 'dist/electron' });
// The import's worker thread (db/import/read-in-worker.ts looks for it next to the host's bundle).
await build({ ...common, entryPoints: { 'import-worker': 'db/import/read-worker.ts' }, outdir: 'dist/electron', external: [] });
console.log('built dist/electron (main.cjs, preload.cjs, web-host-cli.cjs, import-worker.cjs)');
