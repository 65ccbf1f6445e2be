/**
 * Electron security checklist, as small functions the main process wires up and tests call with a fake `electron`.
 * The app's own origin is `app://icpdesk`; everything else is refused.
 */
import type { Session, WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'icpdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True if `url` belongs to the app's own origin (app://icpdesk/...). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Hosts the user may open in the system browser from a link they clicked (https only). */
export const EXTERNAL_ALLOWLIST = ['beian.miit.gov.cn', 'tsm.miit.gov.cn', 'www.gsxt.gov.cn', 'sxca.miit.gov.cn'];

/** True if `url` is https (never plain http: it could be altered on the way) and its host is on {@link EXTERNAL_ALLOWLIST}. */
export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && EXTERNAL_ALLOWLIST.includes(u.hostname);
  } catch {
    return false;
  }
}

/**
 * The only permissions granted, per origin (Chromium's permission names as Electron passes them to the session
 * handlers). The app's page may write plain text to the clipboard (`navigator.clipboard.writeText` needs
 * 'clipboard-sanitized-write'; 复制 itself goes through the main process, see host-ipc.ts `copyText`). Everything
 * else — camera, microphone, notifications, geolocation, clipboard reading, … — and every other origin is refused.
 */
export const PERMISSION_ALLOWLIST: Readonly<Record<string, readonly string[]>> = Object.freeze({
  [APP_ORIGIN]: Object.freeze(['clipboard-sanitized-write']),
});

/** True if `permission` is allow-listed for the origin of `urlOrOrigin` (a page URL or an origin such as 'app://icpdesk'). */
export function isPermissionAllowed(permission: string, urlOrOrigin: string): boolean {
  if (!isAppUrl(urlOrOrigin)) return false;
  return PERMISSION_ALLOWLIST[APP_ORIGIN]?.includes(permission) ?? false;
}

/** Grants exactly {@link PERMISSION_ALLOWLIST}; every other permission request and check is refused. */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((wc, permission, callback, details) => {
    const url = details?.requestingUrl || (wc && !wc.isDestroyed() ? wc.getURL() : '');
    callback(isPermissionAllowed(permission, url));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
}

/**
 * Blocks navigation away from the app, new windows (allowlisted https links go to the system browser instead) and
 * <webview> attachment.
 */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  openExternal: (url: string) => void,
): void {
  contents.on('will-navigate', (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event: { preventDefault(): void }) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }: { url: string }) => {
    if (isAllowedExternal(url)) openExternal(url);
    return { action: 'deny' };
  });
}
