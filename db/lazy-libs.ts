/**
 * The heavy libraries the Node side needs only for some requests, loaded on first use instead of when the host (or a
 * test) imports the services: exceljs (~1–2.5 s to import on a busy 2-core machine), pdf-lib and @pdf-lib/fontkit
 * (~0.5–0.8 s each). Every request that needs one awaits it here once; Node's module cache keeps it after that.
 * Types come from `import type` at the use site, so nothing changes for the callers' type checks.
 * The esbuild bundles (scripts/build-node.mjs) still contain the libraries: a dynamic import there becomes a lazily
 * evaluated require of the bundled copy, so the packaged app needs nothing more from node_modules.
 */

/** exceljs (CommonJS; its module object is the default export). */
export async function loadExcelJS(): Promise<typeof import('exceljs')> {
  const mod = await import('exceljs');
  return ((mod as { default?: typeof import('exceljs') }).default ?? mod) as typeof import('exceljs');
}

/** pdf-lib (PDFDocument, rgb, …). */
export async function loadPdfLib(): Promise<typeof import('pdf-lib')> {
  return import('pdf-lib');
}

/** @pdf-lib/fontkit, what `PDFDocument.registerFontkit` needs to embed the CJK font. */
export async function loadFontkit(): Promise<typeof import('@pdf-lib/fontkit')> {
  const mod = await import('@pdf-lib/fontkit');
  return ((mod as { default?: typeof import('@pdf-lib/fontkit') }).default ?? mod) as typeof import('@pdf-lib/fontkit');
}
