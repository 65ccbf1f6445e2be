/**
 * Who may use the browser-mode host: only the person who started it.
 * - A one-time launch URL (`/launch?k=<48 hex>`), printed by `npm run start:web`, is exchanged once for a session
 *   cookie (HttpOnly, SameSite=Strict, Path=/; named per port because cookies ignore ports) and a redirect to `/`.
 *   The page — and the API token in it — is served only to a request carrying that cookie, so another user of the
 *   machine who can reach 127.0.0.1 gets neither the page nor any data.
 * - Every API call needs the cookie AND the `X-ICPDesk-Token` header (a cross-site page can send neither).
 * - The host's own headless Chromium (../pdf-chromium.ts, 导出 PDF) gets a render session: a separate random cookie value
 *   that is valid for one render only — revoked when it ends and expired after its time to live in any case.
 * Secrets are compared as SHA-256 digests with `timingSafeEqual`: equal lengths always, whatever bytes were sent.
 */
import crypto from 'node:crypto';
import type http from 'node:http';

/** True if `given` equals `expected`, in time independent of where they differ; any string (or none) is safe. */
export function secretMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = crypto.createHash('sha256').update(given, 'utf8').digest();
  const b = crypto.createHash('sha256').update(expected, 'utf8').digest();
  return crypto.timingSafeEqual(a, b);
}

/** The value of cookie `name` in a Cookie header, or null. Malformed headers give null (never throw). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The launch key / session of one host run. */
export class SessionGate {
  /** The one-time key in the launch URL (hex). */
  readonly launchKey = crypto.randomBytes(24).toString('hex');
  private readonly session = crypto.randomBytes(32).toString('hex');
  private launched = false;
  /** Live render sessions: cookie value → expiry (ms since the epoch). */
  private readonly renderSessions = new Map<string, number>();

  constructor(private readonly port: () => number) {}

  /** The cookie's name: per port, since a browser shares 127.0.0.1 cookies across ports. */
  get cookieName(): string {
    return `icpdesk_session_${this.port()}`;
  }

  /** The launch URL's path and query. */
  get launchPath(): string {
    return `/launch?k=${this.launchKey}`;
  }

  /**
   * Redeems the launch key `given`: the first correct one returns the Set-Cookie value; a wrong or already used key
   * returns null.
   */
  redeem(given: string | null): string | null {
    if (this.launched || !secretMatches(given, this.launchKey)) return null;
    this.launched = true;
    return `${this.cookieName}=${this.session}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /**
   * A short-lived session for the host's own headless Chromium: `value` goes into that browser's cookie named
   * {@link cookieName}; it is accepted until `revoke()` or `ttlMs` milliseconds from `now()`, whichever comes first.
   */
  grantRenderSession(ttlMs: number, now: () => number = Date.now): { name: string; value: string; revoke(): void } {
    const value = crypto.randomBytes(32).toString('hex');
    this.renderSessions.set(value, now() + ttlMs);
    return { name: this.cookieName, value, revoke: () => { this.renderSessions.delete(value); } };
  }

  /** True if the request carries this run's session cookie, or a live render session's (`now` in ms, for tests). */
  hasSession(req: http.IncomingMessage, now: number = Date.now()): boolean {
    const v = readCookie(typeof req.headers.cookie === 'string' ? req.headers.cookie : undefined, this.cookieName);
    if (v === null) return false;
    if (secretMatches(v, this.session)) return true;
    let live = false;
    for (const [value, expires] of this.renderSessions) {
      if (expires <= now) this.renderSessions.delete(value);
      else if (secretMatches(v, value)) live = true;
    }
    return live;
  }
}
