/** db/worker-script.ts: which script a worker thread starts from — the app's bundle, the run's bundles, or the sources. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workerScript } from '../../db/worker-script';
import { testTempDir } from '../helpers/temp-dirs';

describe('workerScript', () => {
  const saved = process.env.ICPDESK_WORKER_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.ICPDESK_WORKER_DIR;
    else process.env.ICPDESK_WORKER_DIR = saved;
  });

  it('takes <name>.cjs beside the caller first (a built app never reads ICPDESK_WORKER_DIR), then ICPDESK_WORKER_DIR/<name>.cjs, then the TypeScript source through tsx', () => {
    const bundles = testTempDir();
    const here = testTempDir();
    fs.writeFileSync(path.join(bundles, 'import-worker.cjs'), '');
    fs.writeFileSync(path.join(here, 'import-worker.cjs'), '');
    process.env.ICPDESK_WORKER_DIR = bundles;
    expect(workerScript('import-worker', here, 'worker.ts')).toEqual({ file: path.join(here, 'import-worker.cjs'), execArgv: [] });
    // Running from the sources (no bundle beside the caller): the run's bundle.
    fs.rmSync(path.join(here, 'import-worker.cjs'));
    expect(workerScript('import-worker', here, 'worker.ts')).toEqual({ file: path.join(bundles, 'import-worker.cjs'), execArgv: [] });
    // The variable names a folder without this worker: the source.
    expect(workerScript('migrate-worker', here, 'migrate-worker.ts')).toEqual({ file: path.join(here, 'migrate-worker.ts'), execArgv: ['--import', 'tsx'] });
    delete process.env.ICPDESK_WORKER_DIR;
    expect(workerScript('import-worker', here, 'worker.ts')).toEqual({ file: path.join(here, 'worker.ts'), execArgv: ['--import', 'tsx'] });
  });

  it('in the packaged app, reads the bundle from app.asar.unpacked (electron-builder unpacks the workers)', () => {
    delete process.env.ICPDESK_WORKER_DIR;
    const root = testTempDir();
    const unpacked = path.join(root, 'app.asar.unpacked', 'dist', 'electron');
    fs.mkdirSync(unpacked, { recursive: true });
    fs.writeFileSync(path.join(unpacked, 'verify-worker.cjs'), '');
    const here = path.join(root, 'app.asar', 'dist', 'electron');
    expect(workerScript('verify-worker', here, 'verify-worker.ts')).toEqual({ file: path.join(unpacked, 'verify-worker.cjs'), execArgv: [] });
  });

  it('the tests run with this run\'s bundles (tests/global-setup.ts), each worker there', () => {
    expect(saved).toBeTruthy();
    for (const name of ['import-worker', 'heic-worker', 'package-worker', 'migrate-worker', 'verify-worker']) {
      expect(fs.existsSync(path.join(saved!, `${name}.cjs`)), name).toBe(true);
    }
  });
});
