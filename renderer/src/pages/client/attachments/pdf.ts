/**
 * PDFs in the renderer with pdf.js (pdfjs-dist): thumbnails of the first page and pages for the viewer. The worker is
 * bundled by vite as a file of the app (`?url`), so it loads under the CSP `script-src 'self'`. Imported dynamically
 * (`import('./pdf')`) where a PDF is shown, so pdf.js (about 400 KB) is its own chunk, not part of the first screen's download.
 */
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Opens a PDF from its bytes (copied: pdf.js takes ownership of the buffer it is given). Throws on a damaged or encrypted file. */
export function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
}

/** Draws page `n` (1-based) into `canvas` at `scale` (1 = 72 dpi) rotated by `rotation` degrees (multiple of 90). */
export async function renderPage(doc: PDFDocumentProxy, n: number, canvas: HTMLCanvasElement, scale: number, rotation = 0): Promise<void> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale, rotation: (page.rotate + rotation) % 360 });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  await page.render({ canvas, viewport }).promise;
}

/** A PNG data URL of the first page, `width` pixels wide; null when pdf.js cannot open the file. */
export async function pdfThumbnail(bytes: Uint8Array, width = 120): Promise<string | null> {
  let doc: PDFDocumentProxy | null = null;
  try {
    doc = await openPdf(bytes);
    const page = await doc.getPage(1);
    const scale = width / page.getViewport({ scale: 1 }).width;
    const canvas = document.createElement('canvas');
    await renderPage(doc, 1, canvas, scale);
    return canvas.toDataURL('image/png');
  } catch (e) {
    console.warn('pdf thumbnail failed', e);
    return null;
  } finally {
    void doc?.loadingTask.destroy();
  }
}
