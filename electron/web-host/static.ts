/**
 * Resolving a URL path to a file of the built renderer, for both hosts (browser mode and Electron's app://). A path
 * is served only if it stays inside the renderer folder twice over: lexically (no `..`, encoded slashes, absolute
 * paths, NUL) and after following symlinks (`fs.realpathSync`: a link inside the folder pointing outside is refused).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Resolves a URL path inside `root` lexically; null if it escapes root (.., encoded slashes, absolute paths) or is malformed. */
export function safeStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, rel);
  const rootResolved = path.resolve(root);
  if (full !== rootResolved && !full.startsWith(rootResolved + path.sep)) return null;
  return full;
}

/** True if real path `file` is `root` or inside it. */
function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep);
}

/**
 * The real path of the file to serve for `urlPath`, or null (answer 404). Client-side routes (no extension, not a
 * file) fall back to index.html; a missing file with an extension is null; so is anything whose real path (symlinks
 * followed) is outside the real `root`.
 */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  const lexical = safeStaticPath(root, urlPath);
  if (!lexical) return null;
  try {
    const realRoot = fs.realpathSync(root);
    let target = lexical;
    const st = fs.statSync(target, { throwIfNoEntry: false });
    if (!st || st.isDirectory()) {
      if (path.extname(target)) return null;
      target = path.join(root, 'index.html');
    }
    const real = fs.realpathSync(target);
    if (!inside(realRoot, real) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

/** Content types of the renderer's files (others are application/octet-stream). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.ico': 'image/x-icon', '.ttf': 'font/ttf',
};
