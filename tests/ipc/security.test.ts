import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents, isAllowedExternal, isAppUrl, isPermissionAllowed } from '../../electron/security';
import { FakeElectron } from '../helpers/fake-electron';
import { LOOK_ALIKE_SENDERS } from './look-alikes';

vi.mock('electron', () => ({}));

describe('Electron security glue (fake electron objects)', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://icpdesk/index.html')).toBe(true);
    expect(isAppUrl('app://icpdesk')).toBe(true);
    expect(isAppUrl('app://icpdesk/index.html#/clients/1')).toBe(true);
    for (const url of [...LOOK_ALIKE_SENDERS, 'file:///C:/app/index.html', 'https://icpdesk/', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('opens externally only https links to the allow-listed hosts, not look-alikes', () => {
    for (const url of ['https://beian.miit.gov.cn/', 'https://beian.miit.gov.cn/x', 'https://tsm.miit.gov.cn/', 'https://www.gsxt.gov.cn/index', 'https://sxca.miit.gov.cn/']) {
      expect(isAllowedExternal(url), url).toBe(true);
    }
    for (const url of [
      'https://beian.miit.gov.cn.evil.example/', 'https://evil.example/beian.miit.gov.cn', 'https://beian.miit.gov.cn@evil.example/',
      'https://xbeian.miit.gov.cn/', 'http://beian.miit.gov.cn/x', 'ftp://beian.miit.gov.cn/', 'file://beian.miit.gov.cn/x', 'javascript:alert(1)', 'app://icpdesk/', 'beian.miit.gov.cn', '',
    ]) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });

  it('denies navigation away from the app, new windows and webviews; opens only allowlisted http(s) links externally', () => {
    const listeners: Record<string, (e: { preventDefault(): void }, url?: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const contents = { on: (ev: string, fn: never) => { listeners[ev] = fn; }, setWindowOpenHandler: (fn: never) => { openHandler = fn; } };
    const opened: string[] = [];
    hardenWebContents(contents as never, (u) => opened.push(u));
    const nav = (url: string) => { const e = { preventDefault: vi.fn() }; listeners['will-navigate'](e, url); return e.preventDefault.mock.calls.length > 0; };
    expect(nav('https://evil.example/')).toBe(true);
    expect(nav('app://icpdesk/index.html#/clients/1')).toBe(false);
    for (const url of LOOK_ALIKE_SENDERS) expect(nav(url), url).toBe(true);
    const wv = { preventDefault: vi.fn() };
    listeners['will-attach-webview'](wv);
    expect(wv.preventDefault).toHaveBeenCalledTimes(1);
    expect(openHandler!({ url: 'https://beian.miit.gov.cn/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    // Plain http to an allow-listed host is refused (could be altered on the way): https only.
    expect(openHandler!({ url: 'http://beian.miit.gov.cn/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://beian.miit.gov.cn/']);
    expect(isAllowedExternal('file:///etc/passwd')).toBe(false);
  });

  it('opens only https links to the allow-listed hosts', () => {
    for (const host of ['beian.miit.gov.cn', 'tsm.miit.gov.cn', 'www.gsxt.gov.cn', 'sxca.miit.gov.cn']) {
      expect(isAllowedExternal(`https://${host}/path?q=1`), host).toBe(true);
      expect(isAllowedExternal(`http://${host}/`), host).toBe(false);
      expect(isAllowedExternal(`HTTP://${host}/`), host).toBe(false);
    }
    for (const bad of ['ftp://beian.miit.gov.cn/', 'https://beian.miit.gov.cn.evil.example/', 'https://evil.example/?beian.miit.gov.cn',
      'https://user:pw@beian.miit.gov.cn/', 'https://user@beian.miit.gov.cn/', 'https://:pw@beian.miit.gov.cn/', 'not a url', '//beian.miit.gov.cn/']) {
      expect(isAllowedExternal(bad), bad).toBe(false);
    }
  });

  it('grants only the allow-listed permission to the app origin, with the arguments Electron passes', async () => {
    const fake = new FakeElectron({ autoReady: false });
    const session = fake.session.defaultSession;
    expect(await session.requestPermission('media', 'app://icpdesk/index.html')).toBe(true); // Electron's default without handlers
    hardenSession(session as never);
    expect(await session.requestPermission('media', 'app://icpdesk/index.html')).toBe(false);
    expect(await session.requestPermission('notifications', 'app://icpdesk/index.html')).toBe(false);
    expect(await session.requestPermission('clipboard-read', 'app://icpdesk/index.html')).toBe(false);
    expect(await session.requestPermission('clipboard-sanitized-write', 'app://icpdesk/index.html')).toBe(true);
    expect(session.checkPermission('clipboard-sanitized-write', 'app://icpdesk/index.html')).toBe(true);
    expect(session.checkPermission('clipboard-sanitized-write', 'file:///C:/x.html')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://icpdesk/')).toBe(false);
  });

  it('a permission request without a requesting URL is judged by the page that asks (no page or a destroyed one: refused)', async () => {
    let handler!: (wc: unknown, permission: string, callback: (ok: boolean) => void, details?: { requestingUrl?: string }) => void;
    hardenSession({ setPermissionRequestHandler: (fn: typeof handler) => { handler = fn; }, setPermissionCheckHandler: () => undefined } as never);
    const ask = (wc: unknown, details?: { requestingUrl?: string }) => new Promise<boolean>((r) => handler(wc, 'clipboard-sanitized-write', r, details));
    const page = (url: string, destroyed = false) => ({ isDestroyed: () => destroyed, getURL: () => url });
    expect(await ask(page('app://icpdesk/index.html'))).toBe(true);
    expect(await ask(page('app://icpdesk/index.html'), {})).toBe(true);
    expect(await ask(page('https://evil.example/'), {})).toBe(false);
    expect(await ask(page('app://icpdesk/index.html', true), {})).toBe(false);
    expect(await ask(null, {})).toBe(false);
    expect(await ask(page('https://evil.example/'), { requestingUrl: 'app://icpdesk/index.html' })).toBe(true);
  });
});
