// Child process of packaged-app.test.ts: loads the PACKAGED app (a folder extracted from app.asar + app.asar.unpacked,
// outside the repository, so nothing resolves from the project's node_modules) in plain Node, with the fake
// `electron` module standing in for Electron's. Prints one JSON line: app.info through the IPC handler, the app://
// answers, and every file Node loaded from disk.
// Usage: node run-packaged-main.mjs <appDir>   (ICPDESK_DATA_DIR = a fresh data folder)
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const { FakeElectron } = await import('../helpers/fake-electron.ts');
const appDir = path.resolve(process.argv[2]);
const fake = new FakeElectron({ isPackaged: true });
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? fake.module() : load.call(this, request, ...rest);
};

const PAGE = 'app://icpdesk/index.html';
const until = async (ok, what) => {
  for (let i = 0; i < 600; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

// As Electron does: require the app folder, i.e. package.json's "main".
createRequire(path.join(appDir, 'package.json'))(appDir);
await until(() => fake.windows.length > 0 || fake.errorBoxes.length > 0, 'the main window');
if (fake.errorBoxes.length) throw new Error(`start-up failed: ${JSON.stringify(fake.errorBoxes)}`);
const info = await fake.invoke('api', PAGE, 'app.info');
const status = async (u) => (await fake.fetchScheme(u)).status;
const served = {
  index: await status(PAGE),
  route: await status('app://icpdesk/print/weekly'),
  missing: await status('app://icpdesk/assets/missing.js'),
};
const windowUrl = fake.windows[0].webContents.getURL();
fake.app.quit();
const loaded = Object.keys(Module._cache);
process.stdout.write(`${JSON.stringify({ info, served, loaded, windowUrl, quitted: fake.quitted })}\n`);
