/**
 * Reading the PDFs the app prints, with pdfjs-dist only (no poppler): page count, page sizes in points, text per page
 * and the fonts each page uses. Chromium embeds CJK text with a Unicode map, so Chinese extracts as written.
 */
import fs from 'node:fs';
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function open(file: string): Promise<PDFDocumentProxy> {
  const data = new Uint8Array(fs.readFileSync(file));
  return getDocument({ data, useSystemFonts: false, disableFontFace: true, fontExtraProperties: true, verbosity: 0 }).promise;
}

/** Page count and each page's size in PostScript points (A4 from Chromium reads as about 595.9 × 842.9). */
export async function pdfInfo(file: string): Promise<{ pages: number; sizes: { width: number; height: number }[] }> {
  const doc = await open(file);
  try {
    const sizes = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const [x0, y0, x1, y1] = (await doc.getPage(i)).view;
      sizes.push({ width: x1 - x0, height: y1 - y0 });
    }
    return { pages: doc.numPages, sizes };
  } finally {
    await doc.loadingTask.destroy();
  }
}

/** Number of pages. */
export async function pdfPageCount(file: string): Promise<number> {
  return (await pdfInfo(file)).pages;
}

/**
 * True when every page is A4 portrait from the CSS `@page { size: A4 }` rule: 595.28 × 841.89 pt within half a point.
 * Chromium writes the CSS page size in whole 1/300-inch units (594.96 × 841.92); Playwright's own `format: 'A4'`
 * (595.92 × 842.88) and Letter (612 × 792) fall outside, which would mean the @page rule was ignored.
 */
export async function isA4(file: string): Promise<boolean> {
  const { sizes } = await pdfInfo(file);
  return sizes.every((s) => Math.abs(s.width - 595.28) < 0.5 && Math.abs(s.height - 841.89) < 0.5);
}

/**
 * The text of one page (1-based) or of all pages joined by form feeds, in content order; items on one line are
 * joined directly and a line ends with "\n". Compare Chinese with whitespace removed (`squash`).
 */
export async function pdfText(file: string, page?: number): Promise<string> {
  const doc = await open(file);
  try {
    const pages = page ? [page] : Array.from({ length: doc.numPages }, (_, i) => i + 1);
    const out: string[] = [];
    for (const n of pages) {
      const content = await (await doc.getPage(n)).getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      out.push(text);
    }
    return out.join('\f');
  } finally {
    await doc.loadingTask.destroy();
  }
}

/** Text of every page, one string per page. */
export async function pdfPages(file: string): Promise<string[]> {
  return (await pdfText(file)).split('\f');
}

/** The names of the fonts embedded and used on the given pages (all pages by default), e.g. "ABCDEF+NotoSansSC-Regular". */
export async function pdfFonts(file: string): Promise<string[]> {
  const doc = await open(file);
  try {
    const names = new Set<string>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      for (let i = 0; i < ops.fnArray.length; i++) {
        if (ops.fnArray[i] !== OPS.setFont) continue;
        const ref = ops.argsArray[i][0] as string;
        const font = page.commonObjs.has(ref) ? (page.commonObjs.get(ref) as { name?: string }) : undefined;
        if (font?.name) names.add(font.name);
      }
    }
    return [...names].sort();
  } finally {
    await doc.loadingTask.destroy();
  }
}

/** Text with all whitespace removed, for comparing Chinese regardless of where lines were broken. */
export const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * Renders page `n` (1-based) of `file` to a PNG at `scale` (1 = 72 dpi) and writes it to `out`, for a person to look
 * at (CI artifact). pdf.js draws through its Node canvas (@napi-rs/canvas, installed with pdfjs-dist).
 */
export async function pdfPagePng(file: string, n: number, out: string, scale = 1.5): Promise<{ width: number; height: number }> {
  const doc = await open(file);
  try {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale });
    const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: { toBuffer(mime: 'image/png'): Buffer }; context: unknown } };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
    fs.writeFileSync(out, canvas.toBuffer('image/png'));
    return { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height) };
  } finally {
    await doc.loadingTask.destroy();
  }
}
