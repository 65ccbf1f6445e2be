/**
 * PDFs in the renderer with pdf.js (pdfjs-dist): thumbnails of the first page and pages for the viewer. The worker is
 * bundled by vite as a file of the app (`?url`), so it loads under the CSP `script-src 'self'`. Imported dynamically
 * (`import('./pdf')`) where a PDF is shown, so pdf.js (about 400 KB) is its own chunk, not part of the first screen's download.
 */
import { AnnotationMode, getDocument, GlobalWorkerOptions, PDFWorker, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * One pdf.js worker for the page's lifetime, shared by every document: without it each getDocument starts a new Web
 * Worker (loading and compiling pdf.js's 1 MB worker script again) and destroying the document ends it — most of a
 * thumbnail's time. Destroying a document leaves a worker it was given running.
 */
let sharedWorker: PDFWorker | null = null;
function worker(): PDFWorker {
  if (!sharedWorker || sharedWorker.destroyed) sharedWorker = new PDFWorker({ verbosity: 0 });
  return sharedWorker;
}

/** Opens a PDF from its bytes (copied: pdf.js takes ownership of the buffer it is given). Throws on a damaged or encrypted file. */
export function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data: bytes.slice(), verbosity: 0, worker: worker() }).promise;
}

/** Draws page `n` (1-based) into `canvas` at `scale` (1 = 72 dpi) rotated by `rotation` degrees (multiple of 90). */
export async function renderPage(doc: PDFDocumentProxy, n: number, canvas: HTMLCanvasElement, scale: number, rotation = 0): Promise<void> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale, rotation: (page.rotate + rotation) % 360 });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  await page.render({ canvas, viewport }).promise;
}

/** The box a thumbnail fills, in CSS pixels, and the screen's device pixel ratio. */
export interface ThumbBox { width: number; height: number; dpr: number }

/**
 * A PNG data URL of the first page drawn at the thumbnail's own pixel size — the page fitted into `box` times the
 * device pixel ratio (a 64×80 box at ratio 1: an A4 page 56×80 pixels), so pdf.js draws (and scales the page's scan
 * into) no more pixels than are shown; annotations and forms are not drawn. Only page 1 is read. pdf.js decodes a
 * scanned page's embedded JPEG with the browser's own decoder (ImageDecoder) in its worker. Null when pdf.js cannot
 * open the file.
 */
export async function pdfThumbnail(bytes: Uint8Array, box: ThumbBox = { width: 64, height: 80, dpr: 1 }): Promise<string | null> {
  let doc: PDFDocumentProxy | null = null;
  try {
    doc = await openPdf(bytes);
    const page = await doc.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const scale = Math.min(box.width / natural.width, box.height / natural.height) * box.dpr;
    const viewport = page.getViewport({ scale });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(viewport.width));
    canvas.height = Math.max(1, Math.floor(viewport.height));
    await page.render({ canvas, viewport, annotationMode: AnnotationMode.DISABLE }).promise;
    return canvas.toDataURL('image/png');
  } catch (e) {
    console.warn('pdf thumbnail failed', e);
    return null;
  } finally {
    void doc?.loadingTask.destroy();
  }
}
