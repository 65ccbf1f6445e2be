/**
 * The renderer's Content-Security-Policy (Electron security checklist): only our own scripts and styles; MUI's
 * emotion injects <style> tags, so style-src allows 'unsafe-inline'; no remote origins, no eval, no objects, no frames.
 */
export const CONTENT_SECURITY_POLICY = [
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
].join('; ');
