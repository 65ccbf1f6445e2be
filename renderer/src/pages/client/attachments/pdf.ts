/**
 * PDFs in the renderer with pdf.js (pdfjs-dist): thumbnails of the first page and pages for the viewer. The worker is
 * bundled by vite as a file of the app (`?url`), so it loads under the CSP `script-src 'self'`. Imported dynamically
 * (`import('./pdf')`) where a PDF is shown, so pdf.js (about 400 KB) is its own chunk, not part of the first screen's download.
 */
import { getDocument, GlobalWorkerOptions, PDFWorker, type PDFDocumentProxy } from 'pdfjs-dist';
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

/** Thumbnails already made in this page, by SHA-256 and width (content never changes under a hash); at most 200. */
const thumbnails = new Map<string, Promise<string | null>>();

/**
 * The first page's thumbnail of the file with hash `sha` (bytes from `read`, called only when not made yet in this
 * page): a PNG data URL, `width` pixels wide, or null when pdf.js cannot open the file. A tile mounted again (the
 * client page reopened, a file moved) shows it at once.
 */
export function cachedPdfThumbnail(sha: string, read: () => Promise<Uint8Array>, width = 120): Promise<string | null> {
  const key = `${sha}:${width}`;
  let p = thumbnails.get(key);
  if (!p) {
    p = read().then((b) => pdfThumbnail(b, width));
    thumbnails.set(key, p);
    p.catch(() => thumbnails.delete(key));
    while (thumbnails.size > 200) thumbnails.delete(thumbnails.keys().next().value as string);
  }
  return p;
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
