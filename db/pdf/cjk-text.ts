/**
 * Chinese text in PDFs written by pdf-lib (the 材料目录 of the submission package): the app's own font, Noto Sans SC
 * 400 (SIL OFL, @fontsource/noto-sans-sc — the same font the screens use), which Fontsource splits into about 100
 * WOFF subsets by unicode-range. Each run of text is drawn with the subset that covers its characters, and only the
 * glyphs used are embedded (`subset: true`), so a one-page catalogue stays small. A character no subset covers is
 * drawn as "?" (never an error).
 *
 * The font files are read from `ICPDESK_FONT_DIR`, else `dist/fonts/noto-sans-sc` beside the bundle (copied there by
 * scripts/build-node.mjs, so the packaged app has them inside app.asar), else from `process.resourcesPath`'s app.asar,
 * else `node_modules/@fontsource/noto-sans-sc` (source tree): see {@link fontDirCandidates}.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';
import { loadFontkit } from '../lazy-libs';

interface Subset { ranges: [number, number][]; file: string }

let subsetsCache: Subset[] | null = null;

/**
 * Where the font may be, in order: `ICPDESK_FONT_DIR`; `dist/fonts/noto-sans-sc` beside the bundle (`dirname` is the
 * bundle's folder, dist/electron — in a packaged app `<resources>/app.asar/dist/electron`, read through Electron's
 * asar support); the same inside `<process.resourcesPath>/app.asar` (should the bundle move); then the source tree's
 * node_modules (from `dirname` = db/pdf, and from the working folder).
 */
export function fontDirCandidates(opts: { env?: NodeJS.ProcessEnv; dirname?: string; resourcesPath?: string; cwd?: string } = {}): string[] {
  const env = opts.env ?? process.env;
  const dirname = opts.dirname ?? import.meta.dirname;
  const resourcesPath = opts.resourcesPath ?? (process as { resourcesPath?: string }).resourcesPath;
  return [
    env.ICPDESK_FONT_DIR,
    path.join(dirname, '..', 'fonts', 'noto-sans-sc'),
    resourcesPath ? path.join(resourcesPath, 'app.asar', 'dist', 'fonts', 'noto-sans-sc') : undefined,
    path.join(dirname, '..', '..', 'node_modules', '@fontsource', 'noto-sans-sc'),
    path.join(opts.cwd ?? process.cwd(), 'node_modules', '@fontsource', 'noto-sans-sc'),
  ].filter((d): d is string => !!d);
}

/** The folder holding 400.css and files/ of @fontsource/noto-sans-sc (first of {@link fontDirCandidates}); throws when the font is not installed. */
function fontDir(): string {
  const dir = fontDirCandidates().find((d) => fs.existsSync(path.join(d, '400.css')));
  if (!dir) throw new Error('Chinese font Noto Sans SC (@fontsource/noto-sans-sc) not found: the package is broken (the user sees INTERNAL)');
  return dir;
}

/** The subsets of weight 400 with their unicode ranges, parsed from Fontsource's 400.css. */
function subsets(): Subset[] {
  if (subsetsCache) return subsetsCache;
  const dir = fontDir();
  const css = fs.readFileSync(path.join(dir, '400.css'), 'utf8');
  const out: Subset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const woff = /url\(\.\/files\/([^)]+\.woff)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!woff || !range) continue;
    const ranges = range.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a, 16), parseInt(b ?? a, 16)];
    });
    out.push({ ranges, file: path.join(dir, 'files', woff) });
  }
  subsetsCache = out;
  return out;
}

/** Draws and measures mixed Chinese/Latin text on the pages of one document. */
export class CjkText {
  private fonts = new Map<string, PDFFont>();
  private fontkitRegistered = false;
  constructor(private doc: PDFDocument) {}

  private async font(file: string): Promise<PDFFont> {
    // fontkit (needed to embed the font) is loaded on first use: db/lazy-libs.ts.
    if (!this.fontkitRegistered) {
      this.doc.registerFontkit(await loadFontkit());
      this.fontkitRegistered = true;
    }
    let f = this.fonts.get(file);
    if (!f) {
      f = await this.doc.embedFont(fs.readFileSync(file), { subset: true });
      this.fonts.set(file, f);
    }
    return f;
  }

  /** Splits `text` into runs that one subset font can draw. */
  private async runs(text: string): Promise<{ text: string; font: PDFFont }[]> {
    const all = subsets();
    const out: { text: string; font: PDFFont; file: string }[] = [];
    for (const ch of Array.from(text)) {
      const cp = ch.codePointAt(0)!;
      const s = all.find((x) => x.ranges.some(([a, b]) => cp >= a && cp <= b));
      const file = s?.file ?? all.find((x) => x.ranges.some(([a, b]) => 0x3f >= a && 0x3f <= b))!.file;
      const t = s ? ch : '?';
      const last = out[out.length - 1];
      if (last && last.file === file) last.text += t;
      else out.push({ text: t, file, font: await this.font(file) });
    }
    return out;
  }

  /** Width of `text` at `size` points, in points. */
  async width(text: string, size: number): Promise<number> {
    let w = 0;
    for (const r of await this.runs(text)) w += r.font.widthOfTextAtSize(r.text, size);
    return w;
  }

  /** Splits `text` into lines no wider than `maxWidth` points (by character; Chinese has no spaces). */
  async wrap(text: string, size: number, maxWidth: number): Promise<string[]> {
    const lines: string[] = [];
    let line = '';
    for (const ch of Array.from(text)) {
      if (line && (await this.width(line + ch, size)) > maxWidth) {
        lines.push(line);
        line = ch;
      } else line += ch;
    }
    if (line || !lines.length) lines.push(line);
    return lines;
  }

  /** Draws `text` with its baseline at (x, y). */
  async draw(page: PDFPage, text: string, x: number, y: number, size: number, color?: RGB): Promise<void> {
    let at = x;
    for (const r of await this.runs(text)) {
      page.drawText(r.text, { x: at, y, size, font: r.font, ...(color ? { color } : {}) });
      at += r.font.widthOfTextAtSize(r.text, size);
    }
  }
}
