/**
 * HEIC previews are decoded off the host's main thread (issue 18, performance): while one HEIC decodes — here a
 * stand-in libheif whose decode spins the CPU for 3 s, as a 48-megapixel photo does — the browser-mode host answers
 * other requests at once, and the preview still arrives. libheif is loaded from its own folder at run time
 * (ICPDESK_LIBHEIF_DIR replaces it, as the LGPL's "replace the library" asks), not from the host's bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host';
import { heicDecodesRunning, libheifDir } from '../../db/files/preview';
import { launch, raw } from '../helpers/web-host';
import { call, folderContext, tmpDir, type TestCtx } from '../helpers/data';
import { testTempDir } from '../helpers/temp-dirs';

const HEIC = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/attachments/quad-96x64.heic'));

describe('HEIC decoding in a worker thread', () => {
  let host: WebHost | null = null;
  let ctx: TestCtx | null = null;
  const saved = { dir: process.env.ICPDESK_LIBHEIF_DIR, real: process.env.ICPDESK_TEST_REAL_LIBHEIF };
  afterEach(async () => {
    await host?.close(); ctx?.db.close(); host = null; ctx = null;
    for (const [k, v] of [['ICPDESK_LIBHEIF_DIR', saved.dir], ['ICPDESK_TEST_REAL_LIBHEIF', saved.real]] as const) {
      if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });

  it('a request is answered while a slow HEIC decodes, and the preview arrives afterwards', async () => {
    const real = libheifDir(); // node_modules/libheif-js/libheif-wasm in tests
    expect(fs.existsSync(path.join(real, 'libheif.wasm'))).toBe(true);
    const slow = testTempDir('icpdesk-libheif-');
    fs.copyFileSync(path.join(import.meta.dirname, '../fixtures/slow-libheif/libheif.js'), path.join(slow, 'libheif.js'));
    fs.copyFileSync(path.join(real, 'libheif.wasm'), path.join(slow, 'libheif.wasm'));
    process.env.ICPDESK_TEST_REAL_LIBHEIF = path.join(real, 'libheif.js');
    process.env.ICPDESK_LIBHEIF_DIR = slow;
    expect(libheifDir()).toBe(slow);

    ctx = await folderContext(tmpDir());
    const rendererDir = testTempDir('icpdesk-r-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
    host = await startWebHost({ ctx, rendererDir });
    const cookie = await launch(host);
    const h = { Host: `127.0.0.1:${host.port}`, Cookie: cookie, 'X-ICPDesk-Token': host.token, 'Content-Type': 'application/json' };
    const { client } = await call(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
    const [a01] = await call(ctx, 'materials.list', { clientId: client.id });
    const { attachment } = await call(ctx, 'attachments.add', { materialId: a01.id, fileName: 'IMG_0001.HEIC', base64: HEIC.toString('base64') });

    const preview = raw(host.port, { method: 'POST', path: '/api/attachments.preview', headers: h, body: JSON.stringify({ id: attachment.id }), timeoutMs: 60_000 });
    await expect.poll(() => heicDecodesRunning(), { timeout: 20_000 }).toBe(1);
    const t = performance.now();
    const list = await raw(host.port, { method: 'POST', path: '/api/clients.list', headers: h, body: '{}', timeoutMs: 20_000 });
    const answeredMs = performance.now() - t;
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toMatchObject({ ok: true });
    expect(heicDecodesRunning(), `clients.list answered in ${answeredMs.toFixed(0)} ms, while the decode still ran`).toBe(1);

    const done = await preview;
    expect(JSON.parse(done.body)).toMatchObject({ ok: true, value: { mime: 'image/png' } });
    expect(heicDecodesRunning()).toBe(0);
  });
});
