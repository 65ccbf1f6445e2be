/**
 * The font of 材料目录.pdf is found in a packaged app (issue 18 §4), where no node_modules exist and the working folder
 * is anywhere: the code is bundled as scripts/build-node.mjs bundles it (`import.meta.dirname` → the bundle's
 * `__dirname`), placed at `<resources>/app.asar/dist/electron/` with the fonts at `<resources>/app.asar/dist/fonts/`
 * as electron-builder packs dist/** (a plain folder stands for the archive: Electron's fs reads inside app.asar as
 * a folder), and run with plain Node from another folder: it draws Chinese text and embeds the font. A second run
 * moves the bundle out of the archive and finds the font through `process.resourcesPath` alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { fontDirCandidates } from '../../db/pdf/cjk-text';
import { testTempDir } from '../helpers/temp-dirs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FONTS = path.join(ROOT, 'node_modules/@fontsource/noto-sans-sc');
let bundle = '';
let work = '';

/** Copies the font as build-node.mjs does: 400.css and the weight-400 WOFF subsets. */
function copyFonts(to: string) {
  fs.mkdirSync(path.join(to, 'files'), { recursive: true });
  fs.copyFileSync(path.join(FONTS, '400.css'), path.join(to, '400.css'));
  for (const f of fs.readdirSync(path.join(FONTS, 'files'))) if (/-400-normal\.woff$/.test(f)) fs.copyFileSync(path.join(FONTS, 'files', f), path.join(to, 'files', f));
}

/** Runs the bundle at `file` from `cwd` with `resourcesPath` set as Electron sets it; returns what it printed. */
function run(file: string, cwd: string, resourcesPath?: string): { bytes: number; fonts: number; text: string } {
  const env = { ...process.env, ICPDESK_FONT_DIR: '', NODE_PATH: '', RESOURCES: resourcesPath ?? '' };
  return JSON.parse(execFileSync(process.execPath, [file], { cwd, env, encoding: 'utf8' }));
}

describe('the 材料目录 font in a packaged layout', () => {
  beforeAll(async () => {
    work = testTempDir('icpdesk-font-');
    const entry = path.join(work, 'entry.ts');
    fs.writeFileSync(entry, `
      if (process.env.RESOURCES) (process as unknown as { resourcesPath: string }).resourcesPath = process.env.RESOURCES;
      import { PDFDocument } from 'pdf-lib';
      import { CjkText } from ${JSON.stringify(path.join(ROOT, 'db/pdf/cjk-text.ts'))};
      (async () => {
        const doc = await PDFDocument.create();
        const page = doc.addPage([595.28, 841.89]);
        await new CjkText(doc).draw(page, 'A01 增值电信业务经营许可证申请表 材料目录', 50, 780, 12);
        const bytes = await doc.save({ useObjectStreams: false });
        const text = Buffer.from(bytes).toString('latin1');
        process.stdout.write(JSON.stringify({ bytes: bytes.length, fonts: (text.match(/\\/FontFile2?\\b/g) ?? []).length, text: (text.match(/\\/BaseFont \\/([^\\s/>]+)/) ?? [])[1] ?? '' }));
      })();
    `);
    bundle = path.join(work, 'bundle.cjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node22', format: 'cjs', outfile: bundle, define: { 'import.meta.dirname': '__dirname' }, nodePaths: [path.join(ROOT, 'node_modules')], logLevel: 'error' });
  });

  it('finds dist/fonts beside the bundle inside app.asar, with no node_modules and another working folder', () => {
    const resources = path.join(work, 'resources');
    const electronDir = path.join(resources, 'app.asar', 'dist', 'electron');
    fs.mkdirSync(electronDir, { recursive: true });
    copyFonts(path.join(resources, 'app.asar', 'dist', 'fonts', 'noto-sans-sc'));
    const main = path.join(electronDir, 'main.cjs');
    fs.copyFileSync(bundle, main);
    const elsewhere = testTempDir('icpdesk-cwd-');
    const r = run(main, elsewhere);
    expect(r.fonts).toBeGreaterThan(0);
    expect(r.text).toMatch(/NotoSansSC/i);
  });

  it('finds the fonts through process.resourcesPath when the bundle is not beside them', () => {
    const resources = path.join(work, 'resources2');
    copyFonts(path.join(resources, 'app.asar', 'dist', 'fonts', 'noto-sans-sc'));
    const loose = path.join(work, 'loose', 'main.cjs');
    fs.mkdirSync(path.dirname(loose), { recursive: true });
    fs.copyFileSync(bundle, loose);
    const elsewhere = testTempDir('icpdesk-cwd-');
    expect(run(loose, elsewhere, resources).fonts).toBeGreaterThan(0);
    expect(() => run(loose, elsewhere)).toThrow(/Chinese font Noto Sans SC \(@fontsource\/noto-sans-sc\) not found/); // and without it, a clear error
  });

  it('lists the places in order: override, beside the bundle, resourcesPath, source tree', () => {
    const c = fontDirCandidates({ env: { ICPDESK_FONT_DIR: '/fonts' }, dirname: '/opt/app/resources/app.asar/dist/electron', resourcesPath: '/opt/app/resources', cwd: '/home/u' });
    expect(c).toEqual([
      '/fonts',
      '/opt/app/resources/app.asar/dist/fonts/noto-sans-sc',
      '/opt/app/resources/app.asar/dist/fonts/noto-sans-sc',
      '/opt/app/resources/app.asar/node_modules/@fontsource/noto-sans-sc',
      '/home/u/node_modules/@fontsource/noto-sans-sc',
    ]);
  });
});
