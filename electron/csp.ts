/**
 * The renderer's Content-Security-Policy (Electron security checklist): only our own scripts and styles; MUI's
 * emotion injects <style> tags, so style-src allows 'unsafe-inline'; no remote origins, no eval, no objects, no frames.
 * {@link CONTENT_SECURITY_POLICY} is sent as a header by both hosts and adds `frame-ancestors 'none'` (never framed by
 * another page: clickjacking), which browsers honour only in a header; renderer/index.html's meta tag carries
 * {@link META_CONTENT_SECURITY_POLICY}, the rest.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The policy in renderer/index.html's meta tag (header-only directives left out). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The policy both hosts send as a header. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
